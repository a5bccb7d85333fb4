import { AiNotice } from './ai-notice.component.js';

AiNotice.define('aq-ai-notice');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-notice': AiNotice;
  }
}
