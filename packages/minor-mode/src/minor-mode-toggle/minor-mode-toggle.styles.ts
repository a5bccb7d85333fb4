import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';
import { formStyles } from '../shared.styles.js';

export default [
  baseStyles,
  formStyles,
  css`
    :host {
      display: inline-block;
    }
    form {
      margin-top: 0.5em;
    }
  `,
];
