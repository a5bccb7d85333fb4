import { controlStyles } from '@anquan/core/control-styles';
import { css } from 'lit';

/** Form layout shared by the minors-mode elements, on top of core's buttons and controls. */
export const formStyles = [
  controlStyles,
  css`
    label {
      display: flex;
      flex-direction: column;
      gap: 0.25em;
    }
    label.inline {
      flex-direction: row;
      align-items: center;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 0.6em;
    }
  `,
];
