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
    [part='message'] {
      margin: 0.4em 0 0;
    }
  `,
];
