import { AnquanElement } from '@anquan/core/element';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { channelLinks } from '../channels.js';
import type { AqReportDialog, ReportContext } from '../report-dialog/report-dialog.component.js';
import { buttonMessages as msg } from './button-messages.js';
import { styles } from './report-button.styles.js';
import '../events.js';

const VARIANTS = ['message', 'global'] as const;
type Variant = (typeof VARIANTS)[number];

/**
 * Load the report dialog (its form, the taxonomy, the report messages): a separate chunk that the
 * first click of a report button fetches, so a chat page does not pay for it before anyone reports.
 */
export async function loadReportDialog(): Promise<typeof import('../report-dialog/report-dialog.component.js').AqReportDialog> {
  const { AqReportDialog } = await import('../report-dialog/report-dialog.component.js');
  if (!customElements.get('aq-report-dialog')) AqReportDialog.define('aq-report-dialog');
  return AqReportDialog;
}

/**
 * Open the report dialog: the one given, else the first `<aq-report-dialog>` in the document, else a
 * new one appended to `document.body`. Works for a user who is not logged in. Loads the dialog's
 * chunk first; rejects when that fails (the button then shows the host's channels).
 */
export async function openReportDialog(context: ReportContext = {}, dialog?: Element | null): Promise<AqReportDialog> {
  await loadReportDialog();
  let target = dialog ?? document.querySelector('aq-report-dialog');
  if (!target) {
    target = document.createElement('aq-report-dialog');
    document.body.append(target);
  }
  await customElements.whenDefined('aq-report-dialog');
  (target as AqReportDialog).show(context);
  return target as AqReportDialog;
}

/** The channels published on the page's `<aq-report-dialog>` (the shared rules of ../channels.ts). */
function publishedChannels(dialog: Element | null) {
  if (!dialog) return [];
  const a = (name: string) => dialog.getAttribute(name);
  return channelLinks({ phone: a('channel-phone'), email: a('channel-email'), sms: a('channel-sms'), chat: a('channel-chat') });
}

/**
 * @summary The report entry: on every generated message (`message-id`, `conversation-id`), or as the
 * page's global complaint entry (`variant="global"`). Opens `<aq-report-dialog>`; no login needed.
 *
 * @event aq-request-report - Cancelable, before the dialog opens; `detail` has the message and conversation ids. Call `preventDefault()` to open your own form.
 * @event aq-report-dialog-failed - The dialog's chunk could not load; the button shows the host's channels instead. `detail.error` is the message.
 *
 * The dialog (form, taxonomy, messages) is a separate chunk loaded on the first click; when it cannot
 * load (offline, a blocked path), the button shows the complaint channels published on the page's
 * `<aq-report-dialog>` (`channel-phone`, `channel-email`, `channel-sms`, `channel-chat`) and a retry.
 *
 * @csspart button - The button.
 * @csspart fallback - The panel shown when the report form cannot load.
 * @csspart fallback-channel - One published channel in that panel.
 * @csspart retry - The retry button in that panel.
 * @cssproperty --aq-report-button-color - Text colour of the message variant.
 * @cssproperty --aq-report-button-font-size - Font size.
 */
export class AqReportButton extends AnquanElement {
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

  /** Set when the dialog's chunk failed to load: the fallback panel shows. */
  @state() private failed = false;
  private opening = false;

  private onClick = async () => {
    const detail = { messageId: this.messageId || undefined, conversationId: this.conversationId || undefined };
    if (this.opening || !this.request('aq-request-report', detail)) return;
    const dialog = this.dialog ? document.getElementById(this.dialog) : null;
    this.opening = true;
    try {
      await openReportDialog(
        {
          messageId: this.messageId,
          conversationId: this.conversationId,
          excerpt: this.safeVariant === 'message' ? this.findExcerpt() : '',
        },
        dialog,
      );
      this.failed = false;
    } catch (error) {
      this.failed = true;
      this.emit('aq-report-dialog-failed', { error: error instanceof Error ? error.message : String(error) });
    } finally {
      this.opening = false;
    }
  };

  private renderFallback(): TemplateResult {
    const target = this.dialog ? document.getElementById(this.dialog) : document.querySelector('aq-report-dialog');
    const channels = publishedChannels(target);
    return html`<div part="fallback" role="alert">
      <p>${msg(this.locale, channels.length ? 'fallback' : 'fallbackNoChannels')}</p>
      ${
        channels.length
          ? html`<ul>
            ${channels.map(([key, text, href]) => html`<li part="fallback-channel">${msg(this.locale, key)}: ${href ? html`<a href=${href} rel="noopener">${text}</a>` : text}</li>`)}
          </ul>`
          : nothing
      }
      <button type="button" part="retry" @click=${this.onClick}>${msg(this.locale, 'retry')}</button>
    </div>`;
  }

  protected override render(): TemplateResult {
    const global = this.safeVariant === 'global';
    const label = global ? msg(this.locale, 'reportGlobal') : msg(this.locale, 'report');
    return html`<button type="button" part="button" aria-haspopup="dialog" aria-label=${global ? label : msg(this.locale, 'reportMessage')} @click=${this.onClick}>
      ${label}
    </button>${this.failed ? this.renderFallback() : nothing}`;
  }
}
