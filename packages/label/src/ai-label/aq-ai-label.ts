import { AqAiLabel } from './ai-label.component.js';

export { AqAiLabel };

AqAiLabel.define('aq-ai-label');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-label': AqAiLabel;
  }
}
