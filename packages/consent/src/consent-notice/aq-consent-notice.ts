import { ConsentNotice } from './consent-notice.component.js';

ConsentNotice.define('aq-consent-notice');

declare global {
  interface HTMLElementTagNameMap {
    'aq-consent-notice': ConsentNotice;
  }
}
