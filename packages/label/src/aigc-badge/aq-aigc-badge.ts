import { AigcBadge } from './aigc-badge.component.js';

AigcBadge.define('aq-aigc-badge');

declare global {
  interface HTMLElementTagNameMap {
    'aq-aigc-badge': AigcBadge;
  }
}
