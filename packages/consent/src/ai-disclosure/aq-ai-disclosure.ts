import { AiDisclosure } from './ai-disclosure.component.js';

AiDisclosure.define('aq-ai-disclosure');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-disclosure': AiDisclosure;
  }
}
