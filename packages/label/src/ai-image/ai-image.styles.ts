import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

/** Shared by `<aq-ai-image>` and `<aq-ai-video>`: a frame with a label on an edge or a corner. */
export const overlayLabelStyles = css`
  .frame {
    position: relative;
    display: inline-block;
    max-width: 100%;
    vertical-align: top;
  }
  ::slotted(img),
  ::slotted(video),
  ::slotted(canvas),
  ::slotted(picture) {
    display: block;
    max-width: 100%;
  }
  .overlay {
    position: absolute;
    pointer-events: none;
    padding: 0.15em 0.35em;
    margin: 0.25em;
    border-radius: 0.2em;
    background: var(--_label-background, rgba(0, 0, 0, 0.62));
    color: var(--_label-color, #ffffff);
    white-space: nowrap;
  }
  .text {
    display: inline-block;
    line-height: 1;
  }
  .bottom-right {
    right: 0;
    bottom: 0;
  }
  .bottom-left {
    left: 0;
    bottom: 0;
  }
  .top-right {
    right: 0;
    top: 0;
  }
  .top-left {
    left: 0;
    top: 0;
  }
  .top {
    top: 0;
    left: 50%;
    transform: translateX(-50%);
  }
  .bottom {
    bottom: 0;
    left: 50%;
    transform: translateX(-50%);
  }
`;

export const aiImageStyles = [
  baseStyles,
  overlayLabelStyles,
  css`
    :host {
      --_label-background: var(--aq-ai-image-label-background, rgba(0, 0, 0, 0.62));
      --_label-color: var(--aq-ai-image-label-color, #ffffff);
      display: inline-block;
      max-width: 100%;
    }
  `,
];
