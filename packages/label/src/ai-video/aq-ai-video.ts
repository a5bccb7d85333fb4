import { AiVideo } from './ai-video.component.js';

AiVideo.define('aq-ai-video');

declare global {
  interface HTMLElementTagNameMap {
    'aq-ai-video': AiVideo;
  }
}
