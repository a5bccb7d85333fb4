import { AqAiImage } from './ai-image.component.js';

export { AqAiImage };

AqAiImage.define('aq-ai-image');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-image': AqAiImage;
  }
}
