import { AigcDeclare } from './aigc-declare.component.js';

AigcDeclare.define('aq-aigc-declare');

declare global {
  interface HTMLElementTagNameMap {
    'aq-aigc-declare': AigcDeclare;
  }
}
