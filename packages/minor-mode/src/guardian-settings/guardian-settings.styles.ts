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
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      display: flex;
      flex-direction: column;
      gap: 0.5em;
    }
    h2 {
      margin: 0 0 0.5em;
      font-size: 1.1rem;
    }
  `,
];
