import { baseStyles } from '@anquan/core';
import { css } from 'lit';
import { formStyles } from '../shared.styles.js';

export default [
  baseStyles,
  formStyles,
  css`
    :host {
      display: contents;
    }
    .backdrop {
      position: fixed;
      inset: 0;
      z-index: var(--aq-minor-lock-z-index, 2147483000);
      display: grid;
      place-items: center;
      background: var(--aq-minor-lock-backdrop, rgba(15, 23, 42, 0.92));
    }
    .dialog {
      max-width: min(32rem, 92vw);
      padding: 1.5rem;
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_fg);
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    h2 {
      margin: 0;
      font-size: 1.25rem;
    }
    p {
      margin: 0;
    }
  `,
];
