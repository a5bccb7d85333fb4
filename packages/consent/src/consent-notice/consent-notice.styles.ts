import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const consentNoticeStyles = [
  baseStyles,
  css`
    :host {
      display: contents;
    }
    dialog {
      max-inline-size: min(40rem, calc(100vw - 2rem));
      max-block-size: calc(100vh - 2rem);
      overflow: auto;
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      color: var(--_fg);
      background: var(--_bg);
    }
    dialog::backdrop {
      background: var(--aq-consent-notice-backdrop, rgb(0 0 0 / 0.45));
    }
    [part='base'] {
      padding: var(--aq-consent-notice-padding, 1.25rem);
      line-height: 1.5;
      font-family: var(--_font);
    }
    section[part='base'] {
      display: block;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_bg);
    }
    h2 {
      font-size: 1.25em;
      margin: 0;
    }
    h2:focus {
      outline: none;
    }
    h2:focus-visible {
      outline: var(--_focus);
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
    [part='version'] {
      color: var(--_muted);
      font-size: 0.875em;
    }
    .tag {
      font-size: 0.75em;
      border: 1px solid var(--_border);
      border-radius: 999px;
      padding: 0 0.5em;
      margin-inline-start: 0.5em;
    }
    fieldset {
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      margin: 1rem 0 0;
      padding: 0.5rem 0.75rem;
    }
    legend {
      font-weight: 600;
    }
    .separate {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      margin-block-start: 0.5rem;
    }
    .separate input {
      inline-size: 1.25rem;
      block-size: 1.25rem;
      margin: 0.125rem 0 0;
      flex: none;
    }
    .hint {
      color: var(--_muted);
      font-size: 0.875em;
    }
    [part='incomplete'] {
      border: 2px dashed var(--_danger);
      color: var(--_danger);
      padding: 0.5rem;
      margin-block: 0.5rem;
      font-weight: 600;
    }
    [part='actions'] {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      justify-content: flex-end;
      margin-block-start: 1rem;
    }
    [part~='button'] {
      font: inherit;
      min-block-size: 2.25rem;
      padding: 0.375rem 1.25rem;
      border-radius: var(--_radius);
      border: 1px solid var(--_accent);
      cursor: pointer;
      color: var(--_accent);
      background: var(--_bg);
    }
    [part~='accept'] {
      color: var(--_bg);
      background: var(--_accent);
    }
    [part='decline-note'] {
      color: var(--_muted);
      font-size: 0.875em;
      margin-block-start: 0.5rem;
    }
    a {
      color: var(--_accent);
    }
  `,
];
