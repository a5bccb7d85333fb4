import { AqAigcBadge } from './aigc-badge.component.js';

export { AqAigcBadge };

AqAigcBadge.define('aq-aigc-badge');

declare global {
  interface HTMLElementTagNameMap {
    'aq-aigc-badge': AqAigcBadge;
  }
}
