import { PrescreenElement } from './prescreen.component.js';

PrescreenElement.define('aq-prescreen');

declare global {
  interface HTMLElementTagNameMap {
    'aq-prescreen': PrescreenElement;
  }
}
