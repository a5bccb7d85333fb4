import { AqPaidGate } from './paid-gate.component.js';

export { AqPaidGate };

AqPaidGate.define('aq-paid-gate');

declare global {
  interface HTMLElementTagNameMap {
    'aq-paid-gate': AqPaidGate;
  }
}
