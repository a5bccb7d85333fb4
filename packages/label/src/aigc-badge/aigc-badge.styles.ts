import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const aigcBadgeStyles = [
  baseStyles,
  css`
    :host {
      display: inline-block;
    }
    :host([tier='none']),
    :host(:not([tier])) {
      display: none;
    }
    .badge {
      display: inline-flex;
      align-items: center;
      gap: 0.35em;
      padding: 0.15em 0.5em;
      border-radius: var(--_radius);
      font-size: var(--aq-aigc-badge-font-size, 0.8rem);
      line-height: 1.4;
      color: var(--aq-aigc-badge-color, #ffffff);
      background: var(--aq-aigc-badge-background, #1f4e9c);
    }
    .may {
      background: var(--aq-aigc-badge-may-background, #6b4e00);
    }
    .suspected {
      background: var(--aq-aigc-badge-suspected-background, #7a2e0e);
    }
  `,
];
