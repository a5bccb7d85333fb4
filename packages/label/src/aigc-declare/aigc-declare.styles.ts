import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const aigcDeclareStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    label {
      display: inline-flex;
      align-items: flex-start;
      gap: 0.5em;
      cursor: pointer;
    }
    input {
      margin: 0.2em 0 0;
      width: 1.1em;
      height: 1.1em;
      accent-color: var(--_accent);
    }
    .hint {
      margin: 0.25em 0 0 1.6em;
      font-size: var(--aq-aigc-declare-hint-font-size, 0.8rem);
      color: var(--_muted);
    }
  `,
];
