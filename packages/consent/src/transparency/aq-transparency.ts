import { AqTransparency } from './transparency.component.js';

export { AqTransparency };

AqTransparency.define('aq-transparency');

declare global {
  interface HTMLElementTagNameMap {
    'aq-transparency': AqTransparency;
  }
}
