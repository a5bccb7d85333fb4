import { AqAigcDeclare } from './aigc-declare.component.js';

export { AqAigcDeclare };

AqAigcDeclare.define('aq-aigc-declare');

declare global {
  interface HTMLElementTagNameMap {
    'aq-aigc-declare': AqAigcDeclare;
  }
}
