import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const aiLabelStyles = [
  baseStyles,
  css`
    :host {
      display: inline;
    }
    :host([position='start']),
    :host([position='middle']) {
      display: inline;
    }
    .label {
      display: inline-block;
      margin-inline: 0.25em;
      padding: 0 0.4em;
      border: 1px solid var(--aq-ai-label-border, var(--_border));
      border-radius: var(--_radius);
      background: var(--aq-ai-label-background, transparent);
      color: var(--aq-ai-label-color, var(--_muted));
      font-size: var(--aq-ai-label-font-size, 0.85em);
      line-height: 1.5;
      white-space: nowrap;
    }
  `,
];
