import { AqMinorLock } from './minor-lock.component.js';

AqMinorLock.define('aq-minor-lock');

declare global {
  interface HTMLElementTagNameMap {
    'aq-minor-lock': AqMinorLock;
  }
}
