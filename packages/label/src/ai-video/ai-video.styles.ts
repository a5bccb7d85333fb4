import { baseStyles } from '@anquan/core';
import { css } from 'lit';
import { overlayLabelStyles } from '../ai-image/ai-image.styles.js';

export const aiVideoStyles = [
  baseStyles,
  overlayLabelStyles,
  css`
    :host {
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
    .persistent {
      margin-top: 0.25em;
      font-size: var(--aq-video-persistent-font-size, 0.85rem);
      color: var(--aq-video-persistent-color, var(--_muted));
    }
  `,
];
