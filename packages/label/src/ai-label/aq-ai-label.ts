import { AiLabel } from './ai-label.component.js';

AiLabel.define('aq-ai-label');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-label': AiLabel;
  }
}
