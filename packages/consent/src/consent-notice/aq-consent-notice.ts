import { AqConsentNotice } from './consent-notice.component.js';

export { AqConsentNotice };

AqConsentNotice.define('aq-consent-notice');

declare global {
  interface HTMLElementTagNameMap {
    'aq-consent-notice': AqConsentNotice;
  }
}
