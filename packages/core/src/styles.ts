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

// The control styles (buttons, inputs) are `@anquan/core/control-styles`: a page whose elements use
// none of them (labels, a report button, the training status) does not load them.
