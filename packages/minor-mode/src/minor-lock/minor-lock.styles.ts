import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';
import { formStyles } from '../shared.styles.js';

export default [
  baseStyles,
  formStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      max-width: min(32rem, 92vw);
      padding: 1.5rem;
      border: 0;
      border-radius: var(--_radius);
      background: var(--_bg);
      color: var(--_fg);
      font-family: var(--_font);
    }
    dialog[open] {
      display: flex;
      flex-direction: column;
      gap: 0.75rem;
    }
    /* The cover: an opaque backdrop over the whole page (which is inert while the modal is open). */
    dialog::backdrop {
      background: var(--aq-minor-lock-backdrop, rgba(15, 23, 42, 0.92));
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
