import { css } from 'lit';

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
