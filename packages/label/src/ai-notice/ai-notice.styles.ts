import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const aiNoticeStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      position: sticky;
      z-index: var(--aq-ai-notice-z-index, 10);
    }
    :host([position='top']) {
      top: 0;
    }
    :host([position='bottom']) {
      bottom: 0;
    }
    .notice {
      display: flex;
      align-items: center;
      gap: 0.5em;
      padding: 0.4em 0.75em;
      background: var(--aq-ai-notice-background, var(--_bg));
      color: var(--aq-ai-notice-color, var(--_fg));
      border-block: 1px solid var(--aq-ai-notice-border, var(--_border));
      font-size: var(--aq-ai-notice-font-size, 0.875rem);
    }
    .text {
      flex: 1;
    }
    button {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.1em 0.5em;
      cursor: pointer;
      min-width: 24px;
      min-height: 24px;
    }
  `,
];
