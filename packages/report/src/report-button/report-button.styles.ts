import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const styles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
    }
    button {
      font: inherit;
      font-size: var(--aq-report-button-font-size, 0.875em);
      color: var(--aq-report-button-color, var(--_muted));
      background: transparent;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.2rem 0.6rem;
      min-height: 1.75rem;
      cursor: pointer;
    }
    :host([variant='global']) button {
      color: var(--_accent);
      border-color: var(--_accent);
    }
    button:hover {
      color: var(--_fg);
    }
  `,
];
