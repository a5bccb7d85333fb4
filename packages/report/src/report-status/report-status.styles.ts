import { controlStyles } from '@anquan/core/control-styles';
import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const styles = [
  baseStyles,
  controlStyles,
  css`
    :host {
      display: block;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    h2 {
      font-size: 1.15rem;
      margin: 0;
    }
    h3 {
      font-size: 1rem;
      margin: 0;
    }
    ul {
      list-style: none;
      padding: 0;
      margin: 0.75rem 0 0;
      display: grid;
      gap: 0.75rem;
    }
    li {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.6rem 0.8rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.2rem 0.75rem;
      margin: 0.4rem 0 0;
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .state {
      font-weight: 600;
      color: var(--aq-report-status-color, var(--_accent));
    }
    .decision {
      border-inline-start: 4px solid var(--_accent);
      padding-inline-start: 0.6rem;
      margin-top: 0.5rem;
    }
  `,
];
