import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const trainingStatusStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    [part='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.25rem 0.75rem;
      padding: 0.375rem 0.75rem;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      font-size: var(--aq-training-status-font-size, 0.875rem);
    }
    [part='indicator'] {
      inline-size: 0.625rem;
      block-size: 0.625rem;
      border-radius: 50%;
      background: var(--_muted);
      flex: none;
    }
    .on [part='indicator'] {
      background: var(--aq-training-status-on-color, #b25e00);
    }
    [part='state'] {
      font-weight: 600;
    }
    [part='how'] {
      color: var(--_muted);
    }
    [part='action'] {
      font: inherit;
      color: var(--_accent);
      background: none;
      border: 0;
      padding: 0.25rem 0;
      min-block-size: 24px;
      text-decoration: underline;
      cursor: pointer;
    }
  `,
];
