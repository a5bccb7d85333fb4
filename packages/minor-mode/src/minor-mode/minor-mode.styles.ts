import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';
import { formStyles } from '../shared.styles.js';

export default [
  baseStyles,
  formStyles,
  css`
    :host {
      display: block;
    }
    [part='status'] {
      margin: 0;
      color: var(--_muted);
      font-size: 0.875em;
    }
    :host([hide-status]) [part='status'] {
      display: none;
    }
    [part='rest'] {
      position: fixed;
      inset-inline: 1rem;
      bottom: 1rem;
      z-index: var(--aq-minor-mode-rest-z-index, 2147482000);
      display: flex;
      gap: 1rem;
      align-items: center;
      padding: 0.75rem 1rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      background: var(--_bg);
      color: var(--_fg);
    }
    [part='rest'] p {
      margin: 0;
      flex: 1;
    }
  `,
];
