import { baseStyles } from '@anquan/core/styles';
import { css } from 'lit';

export const trainingOptoutStyles = [
  baseStyles,
  css`
    :host {
      display: block;
    }
    .row {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 1rem;
    }
    [part='label'] {
      font-weight: 600;
    }
    [part='switch'] {
      position: relative;
      flex: none;
      inline-size: var(--aq-training-optout-switch-width, 2.75rem);
      block-size: var(--aq-training-optout-switch-height, 1.5rem);
      min-block-size: 24px;
      border-radius: 999px;
      border: 1px solid var(--_border);
      background: var(--_muted);
      cursor: pointer;
      padding: 0;
    }
    [part='switch'][aria-checked='true'] {
      background: var(--_accent);
    }
    [part='thumb'] {
      position: absolute;
      inset-block-start: 2px;
      inset-inline-start: 2px;
      inline-size: calc(var(--aq-training-optout-switch-height, 1.5rem) - 6px);
      block-size: calc(var(--aq-training-optout-switch-height, 1.5rem) - 6px);
      border-radius: 50%;
      background: var(--_bg);
      transition: transform 0.15s;
    }
    [aria-checked='true'] [part='thumb'] {
      transform: translateX(calc(var(--aq-training-optout-switch-width, 2.75rem) - var(--aq-training-optout-switch-height, 1.5rem)));
    }
    :host([dir='rtl']) [aria-checked='true'] [part='thumb'] {
      transform: translateX(calc(var(--aq-training-optout-switch-height, 1.5rem) - var(--aq-training-optout-switch-width, 2.75rem)));
    }
    @media (prefers-reduced-motion: reduce) {
      [part='thumb'] {
        transition: none;
      }
    }
    p {
      margin: 0.25rem 0 0;
      color: var(--_muted);
      font-size: 0.875em;
    }
  `,
];
