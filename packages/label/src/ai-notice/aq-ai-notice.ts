import { AqAiNotice } from './ai-notice.component.js';

export { AqAiNotice };

AqAiNotice.define('aq-ai-notice');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-notice': AqAiNotice;
  }
}
