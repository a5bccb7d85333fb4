import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';
import { overlayLabelStyles } from '../ai-image/ai-image.styles.js';

export const aiVideoStyles = [
  baseStyles,
  overlayLabelStyles,
  css`
    :host {
      --_label-background: var(--aq-ai-video-label-background, rgba(0, 0, 0, 0.62));
      --_label-color: var(--aq-ai-video-label-color, #ffffff);
      display: inline-block;
      max-width: 100%;
    }
    .content {
      position: absolute;
      pointer-events: none;
    }
    .overlay[hidden] {
      display: none;
    }
    :host(:fullscreen) {
      display: flex;
      flex-direction: column;
      width: 100vw;
      height: 100vh;
      max-width: none;
      background: #000;
    }
    :host(:fullscreen) .frame {
      flex: 1;
      display: block;
      width: 100%;
      min-height: 0;
    }
    :host(:fullscreen) ::slotted(video) {
      width: 100% !important;
      height: 100% !important;
      max-width: none;
      object-fit: contain;
    }
    :host(:fullscreen) .persistent {
      color: #fff;
    }
    .below {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
    }
    .controls {
      display: flex;
      gap: 0.25em;
      align-items: center;
      margin-top: 0.25em;
      font-size: 0.85rem;
    }
    .controls button {
      font: inherit;
    }
    .note {
      color: var(--_muted);
    }
    .persistent {
      margin-top: 0.25em;
      font-size: var(--aq-ai-video-persistent-font-size, 0.85rem);
      color: var(--aq-ai-video-persistent-color, var(--_muted));
    }
  `,
];
