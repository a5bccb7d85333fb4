import { css } from 'lit';

/** Form controls shared by the minors-mode elements. */
export const formStyles = css`
  button {
    font: inherit;
    padding: 0.45em 0.9em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--aq-color-on-accent, #ffffff);
  }
  @media (prefers-color-scheme: dark) {
    /* The dark accent is light (#8ab4f8): dark text keeps 4.5:1 contrast. */
    button.primary {
      color: var(--aq-color-on-accent, #0d1117);
    }
  }
  input,
  select {
    font: inherit;
    padding: 0.35em 0.5em;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 0.25em;
  }
  label.inline {
    flex-direction: row;
    align-items: center;
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
  form {
    display: flex;
    flex-direction: column;
    gap: 0.6em;
  }
`;
