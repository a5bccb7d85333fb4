import { AnquanElement } from '@anquan/core/element';
import type { Locale } from '@anquan/core/i18n';
import { ModalController } from '@anquan/core/modal';
import { CATEGORIES, categoryName, DSA_CATEGORIES, RISKS, riskName } from '@anquan/core/taxonomy';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { state } from 'lit/decorators/state.js';
import { channelLinks } from '../channels.js';
import { messages as msg } from '../messages.js';
import { getReportClient, type LocalReport, type ReportClient } from '../report-client.js';
import {
  type Attachment,
  attachmentProblem,
  buildPayload,
  contactExempt,
  DEFAULT_ATTACHMENT_TYPES,
  type DraftError,
  type DraftField,
  type Evidence,
  formatBytes,
  MAX_ATTACHMENT_BYTES,
  needsRightsRequest,
  RIGHTS_REQUESTS,
  validateDraft,
} from '../report-model.js';
import { addWorkingDays, type WorkingCalendar } from '../working-days.js';
import { styles } from './report-dialog.styles.js';
import '../events.js';

/** What `show()` takes: the message being reported, when there is one. */
export interface ReportContext {
  messageId?: string;
  conversationId?: string;
  excerpt?: string;
  /** When the message was generated (ISO 8601); default: when the dialog opened. */
  messageTime?: string;
  /** Pre-select a category (for example `P.personal-info` from a privacy page). */
  category?: string;
}

type View = 'form' | 'sending' | 'receipt';

const RIGHT_KEYS = { access: 'rightsAccess', copy: 'rightsCopy', correction: 'rightsCorrection', deletion: 'rightsDeletion' } as const;

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/**
 * @summary The complaint and report form: category first (the 31 Appendix A risks in their 5 groups,
 * the product categories, personal-information requests, other), evidence with the user's agreement,
 * an optional file, a description, optional contact details; under the eu profile the four DSA
 * Art. 16(2) elements. Shows the handling process, the feedback time limit and the other channels
 * before submission, and a receipt with tracking number and due date after it.
 *
 * @event aq-report-opened - The dialog opened; `detail` has the message and conversation ids.
 * @event aq-report-submitted - A report was stored (`state: 'received'` with tracking number and due date, or `'queued'` offline).
 * @event aq-report-rejected - The server refused the report (400); it is kept in the local list.
 * @event aq-report-closed - The dialog closed; `detail.submitted` says whether a report was made.
 * @event aq-request-close - Cancelable, before Escape or a close button closes the dialog (`detail.source`: `escape`, `close-button`, `done`).
 *
 * @csspart dialog - The native `<dialog>`.
 * @csspart form - The form.
 * @csspart category - The category `<select>`.
 * @csspart process - The handling process, time limit and channels.
 * @csspart errors - The error summary.
 * @csspart submit - The submit button.
 * @csspart receipt - The receipt after submission.
 *
 * @cssproperty --aq-report-dialog-backdrop - Backdrop colour of the modal dialog.
 * @cssproperty --aq-report-dialog-process-background - Background of the handling-process box.
 */
export class AqReportDialog extends AnquanElement {
  static override styles = styles;

  /** Whether the dialog is open (modal). */
  @property({ type: Boolean, reflect: true }) open = false;
  /** Id of the reported message. */
  @property({ attribute: 'message-id' }) messageId = '';
  /** Id of the conversation the message belongs to. */
  @property({ attribute: 'conversation-id' }) conversationId = '';
  /** Text of the reported message (an excerpt of at most 2,000 characters is attached as evidence). */
  @property() excerpt = '';
  /** The host's complaint telephone number (GB/T 45654 channels). */
  @property({ attribute: 'channel-phone' }) channelPhone = '';
  /** The host's complaint e-mail address. */
  @property({ attribute: 'channel-email' }) channelEmail = '';
  /** The host's SMS number for complaints. */
  @property({ attribute: 'channel-sms' }) channelSms = '';
  /** URL of the host's interactive complaint window (online chat or form). */
  @property({ attribute: 'channel-chat' }) channelChat = '';
  /** The published handling process, as text; default: a generic process in the page's language. */
  @property() process = '';
  /** Feedback time limit in working days (1–15); default `thresholds.complaintDeadlineWorkingDays` (15). */
  @property({ attribute: 'deadline-days', type: Number }) deadlineDays: number | null = null;
  /** Accepted attachment types, comma-separated MIME types (`image/*` allowed). */
  @property() accept: string = DEFAULT_ATTACHMENT_TYPES.join(',');
  /** Largest attachment in bytes (at most 5 MiB, the contract's ceiling). */
  @property({ attribute: 'max-file-size', type: Number }) maxFileSize: number = MAX_ATTACHMENT_BYTES;
  /** Holidays and make-up working days for the local due-date estimate (the server's receipt wins). */
  @property({ attribute: false }) calendar: WorkingCalendar = {};
  /** How long to wait for the server's receipt before showing the "queued, will be sent" receipt (ms). */
  @property({ attribute: 'receipt-wait-ms', type: Number }) receiptWaitMs = 8000;
  /** The client that submits and lists reports; default the shared one. */
  @property({ attribute: false }) client: ReportClient | null = null;

  @state() private view: View = 'form';
  @state() private category = '';
  @state() private rightsRequest = '';
  @state() private errors: DraftError[] = [];
  @state() private fileError = '';
  @state() private attachment: Attachment | null = null;
  @state() private evidenceAgreed = false;
  @state() private bonaFide = false;
  @state() private result: { state: 'received' | 'queued' | 'rejected'; report: LocalReport } | null = null;
  private description = '';
  private locations = '';
  private name = '';
  private email = '';
  private phone = '';
  private openedAt = '';
  private messageTime = '';
  private submitted = false;

  @query('dialog') private dialogEl!: HTMLDialogElement;

  /** Open the dialog for a message (or for a general complaint without one). */
  show(context: ReportContext = {}): void {
    if (context.messageId !== undefined) this.messageId = context.messageId;
    if (context.conversationId !== undefined) this.conversationId = context.conversationId;
    if (context.excerpt !== undefined) this.excerpt = context.excerpt;
    this.reset();
    this.messageTime = context.messageTime ?? '';
    if (context.category) this.category = context.category;
    this.open = true;
  }

  /** Close the dialog. */
  close(): void {
    this.open = false;
  }

  private reset(): void {
    this.view = 'form';
    this.category = '';
    this.rightsRequest = '';
    this.errors = [];
    this.fileError = '';
    this.attachment = null;
    this.evidenceAgreed = false;
    this.bonaFide = false;
    this.result = null;
    this.description = '';
    this.name = '';
    this.email = '';
    this.phone = '';
    this.submitted = false;
    this.openedAt = new Date().toISOString();
    this.locations = typeof location !== 'undefined' ? location.href : '';
    this.shadowRoot?.querySelector('form')?.reset();
  }

  private get dsa(): boolean {
    return this.config.measures.dsaNotice;
  }

  /** The feedback time limit in working days: `deadline-days` when valid (1–15), else the profile's. */
  get deadline(): number {
    return this.validDeadline ?? this.config.thresholds.complaintDeadlineWorkingDays;
  }
  private validDeadline: number | null = null;
  private validMaxBytes = MAX_ATTACHMENT_BYTES;

  private get acceptTypes(): string[] {
    return this.accept
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  private get maxBytes(): number {
    return this.validMaxBytes;
  }

  private get evidence(): Evidence {
    return {
      ...(this.messageId ? { messageId: this.messageId } : {}),
      ...(this.excerpt ? { excerpt: this.excerpt.slice(0, 2000) } : {}),
      time: this.messageTime || this.openedAt || new Date().toISOString(),
      pageUrl: typeof location !== 'undefined' ? location.href : '',
    };
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('deadlineDays')) {
      const n = this.intInRange('deadline-days', this.deadlineDays, 1, 15, -1);
      this.validDeadline = n === -1 ? null : n;
    }
    if (changed.has('maxFileSize'))
      this.validMaxBytes = this.intInRange('max-file-size', this.maxFileSize, 1, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES);
    if (changed.has('open') && this.open && !this.openedAt) this.reset();
  }

  private readonly modal = new ModalController(this, {
    dialog: () => this.dialogEl,
    onOpened: () =>
      this.emit('aq-report-opened', { messageId: this.messageId || undefined, conversationId: this.conversationId || undefined }),
    onClosed: () => {
      const submitted = this.submitted;
      this.openedAt = '';
      this.emit('aq-report-closed', { submitted });
    },
  });

  private t(key: Parameters<typeof msg>[1], params?: Record<string, string | number>): string {
    return msg(this.locale, key, params);
  }

  private async onFile(e: Event): Promise<void> {
    const input = e.target as HTMLInputElement;
    const file = input.files?.[0];
    this.fileError = '';
    this.attachment = null;
    if (!file) return;
    const problem = attachmentProblem(file, this.acceptTypes, this.maxBytes);
    if (problem === 'fileType') this.fileError = this.t('fileType', { type: file.type || file.name, types: this.typesText() });
    else if (problem === 'fileSize') this.fileError = this.t('fileSize', { size: formatBytes(file.size), max: formatBytes(this.maxBytes) });
    if (problem) {
      input.value = '';
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    this.attachment = { name: file.name.slice(0, 255), type: file.type, size: file.size, dataBase64: toBase64(bytes) };
  }

  private typesText(): string {
    return this.acceptTypes.map((t) => (t.endsWith('/*') ? t : (t.split('/')[1]?.toUpperCase() ?? t))).join(', ');
  }

  private removeFile(): void {
    this.attachment = null;
    this.fileError = '';
    const input = this.shadowRoot?.querySelector<HTMLInputElement>('#file');
    if (input) {
      input.value = '';
      input.focus();
    }
  }

  private readForm(): void {
    const root = this.shadowRoot!;
    const v = (id: string) => (root.querySelector(`#${id}`) as HTMLInputElement | HTMLTextAreaElement | null)?.value ?? '';
    this.description = v('description');
    if (root.querySelector('#locations')) this.locations = v('locations');
    this.name = v('name');
    this.email = v('email');
    this.phone = v('phone');
  }

  private async onSubmit(e: Event): Promise<void> {
    e.preventDefault();
    if (this.view !== 'form') return;
    this.readForm();
    const draft = {
      category: this.category,
      rightsRequest: this.rightsRequest,
      description: this.description,
      evidence: this.evidenceAgreed ? this.evidence : null,
      attachment: this.attachment,
      name: this.name,
      email: this.email,
      phone: this.phone,
      locations: this.locations.split(/\s*\n\s*/),
      bonaFide: this.bonaFide,
      messageId: this.messageId || undefined,
      conversationId: this.conversationId || undefined,
      lang: this.locale,
    };
    this.errors = validateDraft(draft, { dsa: this.dsa });
    if (this.errors.length) {
      await this.updateComplete;
      this.shadowRoot?.querySelector<HTMLElement>(`[data-field="${this.errors[0].field}"]`)?.focus();
      return;
    }
    this.view = 'sending';
    const client = this.client ?? getReportClient();
    const result = await client.submit(buildPayload(draft, { dsa: this.dsa }), { waitMs: this.receiptWaitMs });
    this.result = result;
    this.view = 'receipt';
    if (result.state === 'rejected') {
      this.emit('aq-report-rejected', { id: result.report.id, message: result.report.error ?? '' });
    } else {
      this.submitted = true;
      this.emit('aq-report-submitted', {
        id: result.report.id,
        category: result.report.category,
        state: result.state,
        trackingNumber: result.report.receipt?.trackingNumber,
        dueAt: this.dueAt(result.report),
        report: result.report,
      });
    }
    await this.updateComplete;
    this.shadowRoot?.querySelector<HTMLElement>('#receipt-title')?.focus();
  }

  /** The due date: the server's, else counted locally from the receipt time. */
  private dueAt(report: LocalReport): string | undefined {
    if (report.receipt?.dueAt) return report.receipt.dueAt;
    if (report.receipt?.receivedAt) return addWorkingDays(new Date(report.receipt.receivedAt), this.deadline, this.calendar).toISOString();
    return undefined;
  }

  private errorFor(field: DraftField): DraftError | undefined {
    return this.errors.find((e) => e.field === field);
  }

  private errorText(e: DraftError): string {
    return this.t(e.key, e.params);
  }

  private describedBy(field: DraftField, hint?: string): string | typeof nothing {
    const ids = [hint, this.errorFor(field) ? `${field}-error` : ''].filter(Boolean).join(' ');
    return ids || nothing;
  }

  private fieldError(field: DraftField): TemplateResult | typeof nothing {
    const e = this.errorFor(field);
    return e ? html`<p class="error" id="${field}-error">${this.errorText(e)}</p>` : nothing;
  }

  private renderCategory(locale: Locale): TemplateResult {
    const err = !!this.errorFor('category');
    return html`<div>
      <label for="category">${this.t('category')} <span aria-hidden="true">*</span></label>
      <select
        id="category"
        part="category"
        data-field="category"
        autofocus
        required
        aria-invalid=${err ? 'true' : 'false'}
        aria-describedby=${this.describedBy('category')}
        .value=${this.category}
        @change=${(e: Event) => {
          this.category = (e.target as HTMLSelectElement).value;
          this.errors = this.errors.filter((x) => x.field !== 'category');
        }}
      >
        <option value="">${this.t('chooseCategory')}</option>
        ${this.dsa ? this.renderDsaOptions(locale) : this.renderRiskOptions(locale)}
      </select>
      ${this.fieldError('category')}
    </div>`;
  }

  /** eu: the DSA Transparency Database statement categories, then the requests that are not notices. */
  private renderDsaOptions(locale: Locale): TemplateResult {
    const zh = locale === 'zh-CN';
    const requests = ['P.unlabelled-ai', 'P.personal-info'] as const;
    return html`<optgroup label=${this.t('dsaNotices')}>
        ${DSA_CATEGORIES.map((c) => html`<option value=${c.id} ?selected=${c.id === this.category}>${zh ? c.zh : c.en}</option>`)}
      </optgroup>
      <optgroup label=${this.t('otherRequests')}>
        ${requests.map((id) => html`<option value=${id} ?selected=${id === this.category}>${riskName(id, locale)}</option>`)}
      </optgroup>`;
  }

  /** cn: the Appendix A risks by category, and the product categories. */
  private renderRiskOptions(locale: Locale): TemplateResult {
    return html`${CATEGORIES.map(
      (c) => html`<optgroup label=${`${c.id === 'P' ? '' : `${c.id} `}${categoryName(c.id, locale)}`}>
            ${RISKS.filter((r) => r.category === c.id).map((r) => html`<option value=${r.id} ?selected=${r.id === this.category}>${riskName(r.id, locale)}</option>`)}
          </optgroup>`,
    )}`;
  }

  private renderRights(): TemplateResult | typeof nothing {
    if (!needsRightsRequest(this.category)) return nothing;
    const err = !!this.errorFor('rightsRequest');
    return html`<fieldset aria-describedby=${this.describedBy('rightsRequest')}>
      <legend>${this.t('rightsRequest')} <span aria-hidden="true">*</span></legend>
      ${RIGHTS_REQUESTS.map(
        (r, i) => html`<div class="check">
          <input
            type="radio"
            name="rights"
            id="rights-${r}"
            value=${r}
            data-field=${i === 0 ? 'rightsRequest' : nothing}
            aria-invalid=${err ? 'true' : 'false'}
            .checked=${this.rightsRequest === r}
            @change=${() => {
              this.rightsRequest = r;
            }}
          />
          <label for="rights-${r}">${this.t(RIGHT_KEYS[r])}</label>
        </div>`,
      )}
      ${this.fieldError('rightsRequest')}
    </fieldset>`;
  }

  private renderEvidence(): TemplateResult {
    const e = this.evidence;
    return html`<fieldset>
      <legend class="visually-hidden">${this.t('evidence')}</legend>
      <div class="check">
        <input
          type="checkbox"
          id="evidence"
          aria-describedby="evidence-details"
          .checked=${this.evidenceAgreed}
          @change=${(ev: Event) => {
            this.evidenceAgreed = (ev.target as HTMLInputElement).checked;
          }}
        />
        <label for="evidence">${this.t('evidence')}</label>
      </div>
      <dl id="evidence-details">
        ${e.messageId ? html`<dt>${this.t('evidenceMessage')}</dt><dd>${e.messageId}</dd>` : nothing}
        ${e.excerpt ? html`<dt>${this.t('evidenceExcerpt')}</dt><dd>${e.excerpt.slice(0, 200)}${e.excerpt.length > 200 ? '…' : ''}</dd>` : nothing}
        <dt>${this.t('evidenceTime')}</dt>
        <dd>${e.time}</dd>
        <dt>${this.t('evidencePage')}</dt>
        <dd>${e.pageUrl}</dd>
      </dl>
      ${e.messageId || e.excerpt ? nothing : html`<p class="hint">${this.t('evidenceNone')}</p>`}
    </fieldset>`;
  }

  private renderFile(): TemplateResult {
    return html`<div>
      <label for="file">${this.t('file')}</label>
      <input
        type="file"
        id="file"
        data-field="file"
        accept=${this.accept}
        aria-invalid=${this.fileError ? 'true' : 'false'}
        aria-describedby=${this.fileError ? 'file-hint file-error' : 'file-hint'}
        @change=${this.onFile}
      />
      <p class="hint" id="file-hint">${this.t('fileHint', { types: this.typesText(), size: formatBytes(this.maxBytes) })}</p>
      ${this.fileError ? html`<p class="error" id="file-error" role="alert">${this.fileError}</p>` : nothing}
      ${
        this.attachment
          ? html`<p>
            ${this.attachment.name} (${formatBytes(this.attachment.size)})
            <button type="button" @click=${this.removeFile}>${this.t('fileRemove')}</button>
          </p>`
          : nothing
      }
    </div>`;
  }

  private renderContact(): TemplateResult {
    const required = this.dsa && !contactExempt(this.category);
    const star = required ? html` <span aria-hidden="true">*</span>` : nothing;
    const input = (id: 'name' | 'email' | 'phone', type: string, autocomplete: string, req: boolean) => html`<div>
      <label for=${id}>${this.t(id)}${req ? star : nothing}</label>
      <input
        type=${type}
        id=${id}
        data-field=${id}
        autocomplete=${autocomplete}
        ?required=${req}
        aria-invalid=${this.errorFor(id) ? 'true' : 'false'}
        aria-describedby=${this.describedBy(id)}
        .value=${this[id]}
      />
      ${this.fieldError(id)}
    </div>`;
    return html`<fieldset>
      <legend>${required ? this.t('contactRequired') : this.t('contact')}</legend>
      ${this.dsa && contactExempt(this.category) ? html`<p class="hint">${this.t('csamNoContact')}</p>` : nothing}
      ${input('name', 'text', 'name', required)} ${input('email', 'email', 'email', required)} ${input('phone', 'tel', 'tel', false)}
    </fieldset>`;
  }

  private renderProcess(): TemplateResult {
    const channels = channelLinks({ phone: this.channelPhone, email: this.channelEmail, sms: this.channelSms, chat: this.channelChat });
    const days = this.deadline;
    return html`<section class="process" part="process" aria-labelledby="process-title">
      <h3 id="process-title">${this.t('process')}</h3>
      <p>${this.process || this.t('processDefault')}</p>
      <p id="deadline">
        ${this.t('deadline', { days })}
        ${this.validDeadline === null && days === 15 ? html`<span class="hint">${this.t('deadlineDefault')}</span>` : nothing}
      </p>
      <h3>${this.t('channels')}</h3>
      ${
        channels.length
          ? html`<ul>
            ${channels.map(
              ([key, text, href]) =>
                html`<li>${this.t(key)}: ${href ? html`<a href=${href} target=${key === 'channelChat' ? '_blank' : nothing} rel="noopener">${text}</a>` : text}</li>`,
            )}
          </ul>`
          : html`<p class="hint">${this.t('noChannels')}</p>`
      }
    </section>`;
  }

  private renderForm(): TemplateResult {
    const locale = this.locale;
    const dsa = this.dsa;
    const descErr = this.errorFor('description');
    return html`<form part="form" novalidate @submit=${this.onSubmit}>
      <div class="body">
        <header>
          <h2 id="title">${this.t('title')}</h2>
          <button type="button" @click=${() => this.modal.requestClose('close-button')}>${this.t('close')}</button>
        </header>
        ${
          this.errors.length
            ? html`<div class="errors" part="errors" role="alert">
              <p>${this.t('errorsTitle')}</p>
              <ul>
                ${this.errors.map((e) => html`<li>${this.errorText(e)}</li>`)}
              </ul>
            </div>`
            : nothing
        }
        ${this.renderCategory(locale)} ${this.renderRights()}
        <div>
          <label for="description">${dsa ? this.t('explanation') : this.t('description')}${dsa ? html` <span aria-hidden="true">*</span>` : nothing}</label>
          <textarea
            id="description"
            data-field="description"
            maxlength="5000"
            ?required=${dsa}
            aria-invalid=${descErr ? 'true' : 'false'}
            aria-describedby=${this.describedBy('description', 'description-hint')}
            .value=${this.description}
          ></textarea>
          <p class="hint" id="description-hint">${this.t('descriptionHint')}</p>
          ${this.fieldError('description')}
        </div>
        ${
          dsa
            ? html`<div>
              <label for="locations">${this.t('locations')} <span aria-hidden="true">*</span></label>
              <textarea
                id="locations"
                data-field="locations"
                required
                aria-invalid=${this.errorFor('locations') ? 'true' : 'false'}
                aria-describedby=${this.describedBy('locations')}
                .value=${this.locations}
              ></textarea>
              ${this.fieldError('locations')}
            </div>`
            : nothing
        }
        ${this.renderEvidence()} ${this.renderFile()} ${this.renderContact()}
        ${
          dsa
            ? html`<div class="check">
              <input
                type="checkbox"
                id="bonafide"
                data-field="bonaFide"
                required
                aria-invalid=${this.errorFor('bonaFide') ? 'true' : 'false'}
                aria-describedby=${this.describedBy('bonaFide')}
                .checked=${this.bonaFide}
                @change=${(e: Event) => {
                  this.bonaFide = (e.target as HTMLInputElement).checked;
                }}
              />
              <label for="bonafide">${this.t('bonaFide')}</label>
              ${this.fieldError('bonaFide')}
            </div>`
            : nothing
        }
        ${this.renderProcess()}
        <p class="advisory">${this.t('advisory')}</p>
        <div class="actions">
          <button type="button" @click=${() => this.modal.requestClose('close-button')}>${this.t('cancel')}</button>
          <button type="submit" class="primary" part="submit" ?disabled=${this.view === 'sending'}>
            ${this.view === 'sending' ? this.t('submitting') : this.t('submit')}
          </button>
        </div>
      </div>
    </form>`;
  }

  private renderReceipt(): TemplateResult {
    const r = this.result!;
    const report = r.report;
    const due = this.dueAt(report);
    const dateText = due ? new Intl.DateTimeFormat(this.locale, { dateStyle: 'long' }).format(new Date(due)) : '';
    return html`<div class="body receipt" part="receipt" role="status">
      ${
        r.state === 'received'
          ? html`<h2 id="receipt-title" tabindex="-1">${this.t('receiptTitle')}</h2>
            <p><strong>${this.t('receiptNumber', { number: report.receipt?.trackingNumber ?? report.id })}</strong></p>
            ${due ? html`<p>${this.t('receiptDue', { date: dateText })}</p>` : nothing}`
          : r.state === 'queued'
            ? html`<h2 id="receipt-title" tabindex="-1">${this.t('queuedTitle')}</h2>
              <p>${this.t('queuedBody', { id: report.id })}</p>`
            : html`<h2 id="receipt-title" tabindex="-1">${this.t('rejectedTitle')}</h2>
              <p>${report.error ?? ''}</p>`
      }
      <div class="actions"><button type="button" class="primary" @click=${() => this.modal.requestClose('done')}>${this.t('close')}</button></div>
    </div>`;
  }

  protected override render(): TemplateResult {
    return html`<dialog part="dialog" aria-labelledby=${this.view === 'receipt' ? 'receipt-title' : 'title'}>
      ${this.open ? (this.view === 'receipt' ? this.renderReceipt() : this.renderForm()) : nothing}
    </dialog>`;
  }
}
