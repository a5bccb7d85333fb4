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
    :host([state='passed']) {
      display: none;
    }
    h2 {
      margin: 0 0 0.5em;
      font-size: 1.1rem;
    }
    a {
      color: var(--_accent);
    }
  `,
];
