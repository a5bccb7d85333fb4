import { AqMinorLock } from './minor-lock.component.js';

export { AqMinorLock };

AqMinorLock.define('aq-minor-lock');

declare global {
  interface HTMLElementTagNameMap {
    'aq-minor-lock': AqMinorLock;
  }
}
