import { AqAiVideo } from './ai-video.component.js';

export { AqAiVideo };

AqAiVideo.define('aq-ai-video');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-video': AqAiVideo;
  }
}
