import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const auditReportStyles = [
  baseStyles,
  css`
    :host {
      display: block;
      color: var(--_fg);
      background: var(--aq-audit-report-background, var(--_bg));
      line-height: 1.5;
    }
    [part='report'] {
      padding: var(--aq-audit-report-padding, 1rem);
    }
    [role='heading'] {
      font-weight: 700;
      margin: 1.25rem 0 0.5rem;
    }
    [part='title'] {
      font-size: 1.5rem;
      margin-top: 0;
    }
    .h2 {
      font-size: 1.2rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.15rem 1rem;
      margin: 0.5rem 0;
    }
    dt {
      font-weight: 600;
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    [part='actions'] {
      display: flex;
      gap: 0.5rem;
      margin: 0.5rem 0;
    }
    button {
      font: inherit;
      min-block-size: 24px;
      padding: 0.25rem 0.75rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      color: var(--_accent);
      background: var(--_bg);
      cursor: pointer;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      font-size: 0.875rem;
    }
    caption {
      text-align: start;
      font-weight: 600;
      padding-block: 0.25rem;
    }
    th,
    td {
      border: 1px solid var(--_border);
      padding: 0.35rem 0.5rem;
      text-align: start;
      vertical-align: top;
    }
    thead th {
      background: var(--aq-audit-report-head-background, transparent);
    }
    tbody th {
      font-weight: 400;
    }
    code {
      font-weight: 700;
      font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    }
    .muted {
      color: var(--_muted);
    }
    .status {
      display: inline-block;
      font-weight: 700;
      white-space: nowrap;
    }
    .status::before {
      content: '● ';
    }
    .status.measured::before {
      content: '✓ ';
    }
    .status.declared {
      font-style: italic;
    }
    .status.declared::before {
      content: '✎ ';
    }
    .how {
      margin-top: 0.25rem;
      font-size: 0.875em;
    }
    .status.missing {
      color: var(--_danger);
    }
    .status.missing::before {
      content: '✗ ';
    }
    .status.not-applicable::before {
      content: '– ';
    }
    ul {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.1rem;
    }
    @media print {
      :host {
        color: #000;
        background: #fff;
      }
      [part='actions'] {
        display: none;
      }
      tr {
        break-inside: avoid;
      }
      .status.missing {
        color: #000;
      }
    }
  `,
];
