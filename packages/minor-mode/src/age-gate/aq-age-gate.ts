import { AqAgeGate } from './age-gate.component.js';

AqAgeGate.define('aq-age-gate');

declare global {
  interface HTMLElementTagNameMap {
    'aq-age-gate': AqAgeGate;
  }
}
