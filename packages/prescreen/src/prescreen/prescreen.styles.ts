import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const styles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    [part~='message'] {
      margin-block-start: 0.5em;
      padding: 0.5em 0.75em;
      border-radius: var(--_radius);
      font-size: var(--aq-prescreen-font-size, 0.9375rem);
      line-height: 1.5;
    }
    [part~='message']:empty {
      display: none;
    }
    [part~='refusal'],
    [part~='suspension'] {
      color: var(--_danger);
      border: 1px solid var(--_danger);
      background: var(--aq-prescreen-refusal-background, transparent);
    }
    [part~='warning'] {
      color: var(--_fg);
      border: 1px solid var(--_border);
    }
  `,
];
