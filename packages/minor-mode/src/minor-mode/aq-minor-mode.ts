import '../minor-lock/aq-minor-lock.js';
import { AqMinorMode } from './minor-mode.component.js';

export { AqMinorMode };

AqMinorMode.define('aq-minor-mode');

declare global {
  interface HTMLElementTagNameMap {
    'aq-minor-mode': AqMinorMode;
  }
}
