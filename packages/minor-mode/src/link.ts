// A Lit reactive controller that follows the page's minors-mode controller (explicit, or the one
// `<aq-minor-mode>` registered) and re-renders its host on every change.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { type ControllerEvent, getMinorMode, type MinorModeController, onMinorModeChange } from './controller.js';

export class MinorModeLink implements ReactiveController {
  private explicit: MinorModeController | null = null;
  private current: MinorModeController | null = null;
  private off: (() => void) | null = null;
  private offRegistry: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onEvent?: (e: ControllerEvent) => void,
  ) {
    host.addController(this);
  }

  get controller(): MinorModeController | null {
    return this.current;
  }

  /** Use this controller instead of the page's. */
  set(controller: MinorModeController | null): void {
    this.explicit = controller;
    this.bind();
  }

  hostConnected(): void {
    this.offRegistry = onMinorModeChange(() => this.bind());
    this.bind();
  }

  hostDisconnected(): void {
    this.offRegistry?.();
    this.offRegistry = null;
    this.off?.();
    this.off = null;
    this.current = null;
  }

  private bind(): void {
    const next = this.explicit ?? getMinorMode();
    if (next === this.current && this.off) return;
    this.off?.();
    this.current = next;
    this.off = next
      ? next.on((e) => {
          this.onEvent?.(e);
          this.host.requestUpdate();
        })
      : null;
    this.host.requestUpdate();
  }
}
