import { AqAgeGate } from './age-gate.component.js';

export { AqAgeGate };

AqAgeGate.define('aq-age-gate');

declare global {
  interface HTMLElementTagNameMap {
    'aq-age-gate': AqAgeGate;
  }
}
