import { controlStyles } from '@anquan/core/control-styles';
import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const styles = [
  baseStyles,
  controlStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      color: var(--_fg);
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0;
      width: min(40rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      overflow: auto;
      font-family: var(--_font);
    }
    dialog::backdrop {
      background: var(--aq-report-dialog-backdrop, rgb(0 0 0 / 0.45));
    }
    .body {
      padding: 1rem 1.25rem 1.25rem;
      display: grid;
      gap: 0.9rem;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    h2 {
      font-size: 1.2rem;
      margin: 0;
    }
    h3 {
      font-size: 1rem;
      margin: 0 0 0.25rem;
    }
    label,
    legend {
      font-weight: 600;
      display: block;
      margin-bottom: 0.25rem;
    }
    .check label {
      display: inline;
      font-weight: 400;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: 0;
      padding: 0.5rem 0.75rem 0.75rem;
    }
    input[type='text'],
    input[type='email'],
    input[type='tel'],
    select,
    textarea {
      width: 100%;
      font: inherit;
      color: inherit;
      background: var(--_bg);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      padding: 0.4rem 0.5rem;
    }
    textarea {
      min-height: 5rem;
      resize: vertical;
    }
    [aria-invalid='true'] {
      border-color: var(--_danger);
      outline: 1px solid var(--_danger);
    }
    .error {
      color: var(--_danger);
      margin: 0.25rem 0 0;
    }
    .hint,
    .advisory {
      color: var(--_muted);
      margin: 0.25rem 0 0;
      font-size: 0.9em;
    }
    .errors {
      border: 2px solid var(--_danger);
      border-radius: var(--_radius);
      padding: 0.5rem 0.75rem;
    }
    .errors ul {
      margin: 0.25rem 0 0;
      padding-inline-start: 1.25rem;
    }
    .process {
      border-inline-start: 4px solid var(--_accent);
      padding: 0.5rem 0.75rem;
      background: var(--aq-report-dialog-process-background, transparent);
    }
    .process p,
    .process ul {
      margin: 0.25rem 0;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.2rem 0.75rem;
      margin: 0.5rem 0 0;
      font-size: 0.9em;
    }
    dt {
      color: var(--_muted);
    }
    dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    .actions {
      display: flex;
      justify-content: flex-end;
      gap: 0.5rem;
    }
    .receipt strong {
      font-size: 1.1em;
    }
  `,
];
