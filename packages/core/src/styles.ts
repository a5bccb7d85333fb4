import { css } from 'lit';

/**
 * Shared tokens: every element's styles start with these. Hosts theme with `--aq-*` custom
 * properties; a dark scheme follows `prefers-color-scheme` unless the host sets the tokens.
 */
export const baseStyles = css`
  :host {
    --_fg: var(--aq-color-text, #1f2328);
    --_bg: var(--aq-color-surface, #ffffff);
    --_muted: var(--aq-color-muted, #59636e);
    --_accent: var(--aq-color-accent, #0b57d0);
    --_on-accent: var(--aq-color-on-accent, #ffffff);
    --_danger: var(--aq-color-danger, #b3261e);
    --_border: var(--aq-color-border, #d0d7de);
    --_radius: var(--aq-radius, 6px);
    --_font: var(--aq-font-family, system-ui, -apple-system, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif);
    --_focus: var(--aq-focus-ring, 2px solid #0b57d0);
    font-family: var(--_font);
    color: var(--_fg);
    box-sizing: border-box;
    /* A host's pre-wrap (chat bubbles) would turn the template's whitespace into blank lines. */
    white-space: normal;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_fg: var(--aq-color-text, #e6edf3);
      --_bg: var(--aq-color-surface, #161b22);
      --_muted: var(--aq-color-muted, #9198a1);
      --_accent: var(--aq-color-accent, #8ab4f8);
      /* The dark accent is light: text on it is dark (4.5:1 and more, test/a11y.test.ts). */
      --_on-accent: var(--aq-color-on-accent, #0d1117);
      --_danger: var(--aq-color-danger, #f2b8b5);
      --_border: var(--aq-color-border, #3d444d);
      --_focus: var(--aq-focus-ring, 2px solid #8ab4f8);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;

/**
 * Buttons and form controls shared by every element (on top of `baseStyles`): `button` (neutral),
 * `button.primary` (accent, with `--_on-accent` text that keeps 4.5:1 in light and dark),
 * `button.danger`, disabled state, `input`, `select`, `textarea`, `.row` (a row of controls) and
 * `.error`. Colours come from the core tokens, so a host's `--aq-color-*` restyles every element.
 */
export const controlStyles = css`
  button {
    font: inherit;
    min-block-size: 2.25rem;
    padding: 0.4em 0.9em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    background: var(--_bg);
    border-color: var(--_danger);
    color: var(--_danger);
  }
  button[disabled] {
    opacity: 0.6;
    cursor: not-allowed;
  }
  input:not([type='checkbox']):not([type='radio']),
  select,
  textarea {
    font: inherit;
    padding: 0.35em 0.5em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
    align-items: end;
  }
  .error {
    color: var(--_danger);
  }
`;
