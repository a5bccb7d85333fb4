import { AnquanElement } from '@anquan/core';
import { html, type TemplateResult } from 'lit';
import { property } from 'lit/decorators.js';
import { msg } from '../messages.js';
import { ReportDialog } from '../report-dialog/report-dialog.component.js';
import { styles } from './report-button.styles.js';
import '../events.js';

const VARIANTS = ['message', 'global'] as const;
type Variant = (typeof VARIANTS)[number];

/**
 * Open the report dialog: the one given, else the first `<aq-report-dialog>` in the document, else a
 * new one appended to `document.body`. Works for a user who is not logged in.
 */
export function openReportDialog(context: Parameters<ReportDialog['show']>[0] = {}, dialog?: ReportDialog | null): ReportDialog {
  if (!customElements.get('aq-report-dialog')) ReportDialog.define('aq-report-dialog');
  let target = dialog ?? document.querySelector('aq-report-dialog');
  if (!target) {
    target = document.createElement('aq-report-dialog') as ReportDialog;
    document.body.append(target);
  }
  (target as ReportDialog).show(context);
  return target as ReportDialog;
}

/**
 * @summary The report entry: on every generated message (`message-id`, `conversation-id`), or as the
 * page's global complaint entry (`variant="global"`). Opens `<aq-report-dialog>`; no login needed.
 *
 * @event aq-report-request - Cancelable, before the dialog opens; `detail` has the message and conversation ids. Call `preventDefault()` to open your own form.
 *
 * @csspart button - The button.
 * @cssproperty --aq-report-button-color - Text colour of the message variant.
 * @cssproperty --aq-report-button-font-size - Font size.
 */
export class ReportButton extends AnquanElement {
  static override styles = styles;

  /** Id of the message this button reports. */
  @property({ attribute: 'message-id' }) messageId = '';
  /** Id of the conversation. */
  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** Text of the message (attached as evidence only with the user's agreement); default: the text of the closest `[data-aq-message]` ancestor. */
  @property() excerpt = '';
  /** `message` (default, beside a message) or `global` (the page's complaint entry). */
  @property({ reflect: true }) variant: Variant = 'message';
  /** Id of the `<aq-report-dialog>` to open; default the first in the document (or a new one). */
  @property() dialog = '';

  private get safeVariant(): Variant {
    return this.oneOf('variant', this.variant, VARIANTS, 'message');
  }

  private findExcerpt(): string {
    if (this.excerpt) return this.excerpt;
    const host = this.closest('[data-aq-message]');
    return host?.textContent?.replace(/\s+/g, ' ').trim().slice(0, 2000) ?? '';
  }

  private onClick = () => {
    const detail = { messageId: this.messageId || undefined, conversationId: this.conversationId || undefined };
    const request = this.emit('aq-report-request', detail, { cancelable: true });
    if (request.defaultPrevented) return;
    const dialog = this.dialog ? (document.getElementById(this.dialog) as ReportDialog | null) : null;
    openReportDialog({ messageId: this.messageId, conversationId: this.conversationId, excerpt: this.safeVariant === 'message' ? this.findExcerpt() : '' }, dialog);
  };

  protected override render(): TemplateResult {
    const global = this.safeVariant === 'global';
    const label = global ? msg(this.locale, 'reportGlobal') : msg(this.locale, 'report');
    return html`<button type="button" part="button" aria-haspopup="dialog" aria-label=${global ? label : msg(this.locale, 'reportMessage')} @click=${this.onClick}>
      ${label}
    </button>`;
  }
}
