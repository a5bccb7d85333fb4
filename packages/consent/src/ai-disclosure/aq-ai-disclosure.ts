import { AqAiDisclosure } from './ai-disclosure.component.js';

export { AqAiDisclosure };

AqAiDisclosure.define('aq-ai-disclosure');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-disclosure': AqAiDisclosure;
  }
}
