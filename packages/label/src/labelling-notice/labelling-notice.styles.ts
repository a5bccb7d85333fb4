import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const labellingNoticeStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      line-height: 1.6;
    }
    .heading {
      font-size: var(--aq-labelling-notice-heading-font-size, 1.1rem);
      margin: 0 0 0.5em;
    }
    ul {
      padding-inline-start: 1.25em;
      margin: 0.5em 0;
    }
    .examples {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75em;
      align-items: center;
      margin-top: 0.5em;
    }
    .sample {
      display: inline-block;
      padding: 0.1em 0.5em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: var(--_muted);
      font-size: 0.85em;
    }
    .sample.image {
      background: rgba(0, 0, 0, 0.62);
      color: #ffffff;
      border-color: transparent;
    }
  `,
];
