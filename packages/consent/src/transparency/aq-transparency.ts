import { Transparency } from './transparency.component.js';

Transparency.define('aq-transparency');

declare global {
  interface HTMLElementTagNameMap {
    'aq-transparency': Transparency;
  }
}
