import { AqMinorModeToggle } from './minor-mode-toggle.component.js';

export { AqMinorModeToggle };

AqMinorModeToggle.define('aq-minor-mode-toggle');

declare global {
  interface HTMLElementTagNameMap {
    'aq-minor-mode-toggle': AqMinorModeToggle;
  }
}
