import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const disclosureStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    [part='base'] {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
      padding: var(--aq-transparency-padding, 1rem);
      line-height: 1.5;
    }
    h2 {
      font-size: 1.125em;
      margin: 0 0 0.5rem;
    }
    h3 {
      font-size: 1em;
      margin: 0.75rem 0 0.25rem;
    }
    p,
    ul {
      margin: 0;
    }
    ul {
      padding-inline-start: 1.25rem;
    }
    [part='incomplete'] {
      border: 2px dashed var(--_danger);
      color: var(--_danger);
      padding: 0.5rem;
      margin-block-end: 0.75rem;
      font-weight: 600;
    }
    table {
      border-collapse: collapse;
      inline-size: 100%;
    }
    th,
    td {
      text-align: start;
      border-block-end: 1px solid var(--_border);
      padding: 0.25rem 0.5rem 0.25rem 0;
      vertical-align: top;
    }
  `,
];
