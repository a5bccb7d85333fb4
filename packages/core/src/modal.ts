// One modal for every dialog of the SDK, on the native <dialog> element: `showModal()` puts it in the
// top layer and makes the rest of the page inert (no hand-written focus trap), Escape becomes a
// cancelable `aq-request-close`, focus returns where it was, and a dialog that must stay open
// (a lock, or a close the host cancelled) opens again when the browser closes it anyway.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RequestCloseDetail } from './events.js';

/** What the controller needs of its element: an `open` state it follows, and `emit` (AnquanElement). */
export interface ModalHost extends ReactiveControllerHost, HTMLElement {
  open: boolean;
  emit(name: 'aq-request-close', detail: RequestCloseDetail, options?: { cancelable?: boolean }): CustomEvent<RequestCloseDetail>;
}

export interface ModalOptions {
  /** The `<dialog>` in the element's shadow root (rendered while the element is connected). */
  dialog: () => HTMLDialogElement | null | undefined;
  /** While true, nothing the user does closes it (Escape, the browser's own close): a lock. */
  locked?: () => boolean;
  /** Where focus goes when it opens (default: an `[autofocus]` element, else the first focusable one, else the dialog). */
  initialFocus?: () => HTMLElement | null | undefined;
  /** Called each time the dialog has closed for good (not when it re-opens at once). */
  onClosed?: () => void;
  /** Called each time the dialog has opened. */
  onOpened?: () => void;
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The focused element, looking into shadow roots. */
export function deepActiveElement(): Element | null {
  let el = typeof document === 'undefined' ? null : document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/**
 * Drives a native modal `<dialog>` from the host's `open` property.
 *
 * - `open` true → `showModal()` (the page behind is inert), focus moves in and Tab wraps inside;
 *   false → `close()`, focus goes back to where it was.
 * - Escape fires `aq-request-close` (`source: 'escape'`, cancelable); unless a listener cancels it,
 *   `open` becomes false. `requestClose(source)` does the same for the element's own close buttons.
 * - A locked modal ignores Escape; and when the browser closes the dialog by itself (Chromium closes a
 *   modal on a second Escape even when `cancel` was prevented, `method="dialog"` forms, `dialog.close()`
 *   from a script) while `open` is still true, it is shown again at once.
 */
export class ModalController implements ReactiveController {
  private readonly host: ModalHost;
  private readonly options: ModalOptions;
  private bound = new WeakSet<HTMLDialogElement>();
  private returnFocus: Element | null = null;
  private shown = false;

  constructor(host: ModalHost, options: ModalOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** True while the dialog is shown. */
  get isOpen(): boolean {
    return this.options.dialog()?.open ?? false;
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.options.dialog()?.close();
    this.shown = false;
  }

  /** Ask to close from the element's own UI: `aq-request-close`, then close unless cancelled. Returns true when closing. */
  requestClose(source: RequestCloseDetail['source']): boolean {
    if (this.options.locked?.()) return false;
    const event = this.host.emit('aq-request-close', { source }, { cancelable: true });
    if (event.defaultPrevented) return false;
    this.host.open = false;
    return true;
  }

  private sync(): void {
    const dialog = this.options.dialog();
    if (!dialog) return;
    this.bind(dialog);
    if (this.host.open && !dialog.open && this.host.isConnected) {
      if (!this.shown) this.returnFocus = deepActiveElement();
      this.show(dialog);
    } else if (!this.host.open && dialog.open) {
      dialog.close();
    }
  }

  private show(dialog: HTMLDialogElement): void {
    dialog.showModal();
    const wasShown = this.shown;
    this.shown = true;
    const target =
      this.options.initialFocus?.() ??
      dialog.querySelector<HTMLElement>('[autofocus]') ??
      dialog.querySelector<HTMLElement>(FOCUSABLE) ??
      dialog;
    target.focus();
    if (!wasShown) this.options.onOpened?.();
  }

  private bind(dialog: HTMLDialogElement): void {
    if (this.bound.has(dialog)) return;
    this.bound.add(dialog);
    dialog.addEventListener('cancel', (e) => {
      // Escape: never let the browser close it; decide here.
      e.preventDefault();
      if (!this.options.locked?.()) this.requestClose('escape');
    });
    // Tab wraps inside the dialog (the page behind is inert; without this, Tab from the last control
    // leaves the document for the browser's own UI).
    dialog.addEventListener('keydown', (e) => {
      if (e.key !== 'Tab') return;
      const items = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.getClientRects().length > 0);
      if (!items.length) {
        e.preventDefault();
        return;
      }
      const root = dialog.getRootNode() as Document | ShadowRoot;
      const index = items.indexOf(root.activeElement as HTMLElement);
      if (e.shiftKey && index <= 0) {
        e.preventDefault();
        items[items.length - 1].focus();
      } else if (!e.shiftKey && (index === -1 || index === items.length - 1)) {
        e.preventDefault();
        items[0].focus();
      }
    });
    dialog.addEventListener('close', () => {
      if (this.host.open && this.host.isConnected) {
        // Closed by the browser or a script while it must stay open: show it again.
        this.show(dialog);
        return;
      }
      if (!this.shown) return;
      this.shown = false;
      const back = this.returnFocus;
      this.returnFocus = null;
      if (back instanceof HTMLElement && back.isConnected) back.focus();
      this.options.onClosed?.();
    });
  }
}
