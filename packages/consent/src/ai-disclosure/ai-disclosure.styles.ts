import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const aiDisclosureStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    [part='notice'],
    [part='domain'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem 1rem;
      padding: 0.5rem 0.75rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_border);
      background: var(--aq-ai-disclosure-background, var(--_bg));
      margin-block-end: 0.5rem;
    }
    [part='text'] {
      margin: 0;
      font-weight: 600;
      flex: 1 1 12rem;
    }
    [part='domain'] p {
      margin: 0;
    }
    [part='acknowledge'] {
      font: inherit;
      padding: 0.25rem 0.75rem;
      min-block-size: 24px;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      color: var(--_accent);
      background: var(--_bg);
      cursor: pointer;
    }
  `,
];
