import { AiImage } from './ai-image.component.js';

AiImage.define('aq-ai-image');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-image': AiImage;
  }
}
