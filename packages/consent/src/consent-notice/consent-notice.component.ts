import { ModalController } from '@anquan/core/modal';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { query } from 'lit/decorators/query.js';
import { state } from 'lit/decorators/state.js';
import { SEPARATE_CONSENTS, type SeparateConsent } from '../consent-derive.js';
import { ConsentElement } from '../consent-element.js';
import type { ConsentChange, ConsentState } from '../consent-store.js';
import { messages as t } from '../messages.js';
import { filled, type Localized, pick, safeUrl, watchJsonChild } from '../shared.js';
import { consentNoticeStyles } from './consent-notice.styles.js';

/** One purpose of processing. */
export interface NoticePurpose {
  /** Id recorded in the ledger (lower-case letters, digits, ".", "_", "-"). */
  id: string;
  label: Localized;
  description?: Localized;
  /** Necessary for the service (PIPL Art. 16): declining it means the service cannot be provided. */
  necessary?: boolean;
  /** Makes this a separate consent (PIPL Art. 23, 25, 29, 39): its own control, never part of "Agree". */
  separate?: SeparateConsent;
}

/** The PIPL Art. 17 notice. */
export interface ConsentNoticeConfig {
  /** Notice version; a new version asks again (PIPL Art. 14). Required. */
  version: string;
  /** Handler name and contact. Required. */
  handler: { name: Localized; contact: Localized };
  /** Purposes. Required (at least one). */
  purposes: NoticePurpose[];
  /** Methods of processing. Required. */
  methods: Localized;
  /** Categories of personal information. Required. */
  categories: Localized;
  /** Retention period. Required. */
  retention: Localized;
  /** Rights and how to exercise them. Required. */
  rights: Localized;
  /** Link to the full privacy policy. */
  policyUrl?: string;
}

/** The ledger notice id of the PIPL notice. */
export const PIPL_NOTICE = 'pipl';

export const NOTICE_MODES = ['modal', 'inline'] as const;
export type NoticeMode = (typeof NOTICE_MODES)[number];

/** The required fields that are missing or invalid in `n`. */
export function missingNoticeFields(n: Partial<ConsentNoticeConfig> | undefined | null): string[] {
  const x = (n ?? {}) as Partial<ConsentNoticeConfig>;
  const missing: string[] = [];
  if (typeof x.version !== 'string' || !x.version.trim()) missing.push('version');
  if (!filled(x.handler?.name)) missing.push('handler.name');
  if (!filled(x.handler?.contact)) missing.push('handler.contact');
  const purposes = Array.isArray(x.purposes) ? x.purposes : [];
  if (!purposes.length) missing.push('purposes');
  purposes.forEach((p, i) => {
    if (!p || typeof p.id !== 'string' || !/^[a-z0-9][a-z0-9._-]{0,63}$/.test(p.id)) missing.push(`purposes[${i}].id`);
    if (!filled(p?.label)) missing.push(`purposes[${i}].label`);
    if (p?.separate !== undefined && !SEPARATE_CONSENTS.includes(p.separate))
      missing.push(`purposes[${i}].separate (one of ${SEPARATE_CONSENTS.join(', ')})`);
  });
  for (const f of ['methods', 'categories', 'retention', 'rights'] as const) if (!filled(x[f])) missing.push(f);
  return missing;
}

/**
 * @summary The first-run PIPL notice (Art. 14, 17): handler and contact, purposes, methods, categories,
 * retention and rights; versioned, shown again when the version changes. Declining keeps the service
 * unless a purpose is marked necessary (Art. 16). Separate consents (Art. 23, 25, 29, 39) are their
 * own checkboxes, recorded on their own and never included in "Agree".
 *
 * Focus policy: `mode="modal"` (default) is a modal `<dialog>`: the page behind is inert, focus moves to
 * the title, Tab and Shift+Tab stay inside (the native modal), Escape does nothing while the notice is
 * unanswered (Decline is one click), and focus returns where it was on close. `mode="inline"` is a region in the page flow (e.g. on a privacy page)
 * that never takes focus.
 *
 * @event aq-consent-changed - Purposes were granted or withdrawn.
 * @event aq-consent-notice-answered - The general agreement was accepted or declined.
 * @event aq-disclosure-found-incomplete - Required notice fields are missing.
 * @csspart dialog - The modal `<dialog>`.
 * @csspart base - The notice content.
 * @csspart title - The heading.
 * @csspart version - The version line.
 * @csspart field - Each field's block.
 * @csspart separate - The separate-consent fieldset.
 * @csspart actions - The button row.
 * @csspart button - Both buttons.
 * @csspart accept - The Agree button.
 * @csspart decline - The Decline button.
 * @csspart decline-note - What declining means.
 * @csspart incomplete - The "incomplete notice" banner.
 * @cssproperty --aq-consent-notice-backdrop - The modal backdrop.
 * @cssproperty --aq-consent-notice-padding - Padding (1.25rem).
 */
export class AqConsentNotice extends ConsentElement {
  static override styles = consentNoticeStyles;

  /** The notice (JS property); else read from a `<script type="application/json">` child. */
  @property({ attribute: false }) notice?: ConsentNoticeConfig;

  /** `modal` (first run, default) or `inline` (a region on a privacy page). */
  @property() mode: NoticeMode = 'modal';

  /** True while the modal notice is open. Opens by itself when this version has not been answered. */
  @property({ type: Boolean, reflect: true }) open = false;

  /**
   * Reflected, read-only: true while required fields are missing (style with `[incomplete]`).
   * @readonly
   */
  @property({ type: Boolean, reflect: true }) incomplete = false;

  @state() private busy = false;
  @query('dialog') private dialog?: HTMLDialogElement;

  /**
   * Required fields that are missing.
   * @readonly
   */
  missing: string[] = [];
  private reported = '';
  private validMode: NoticeMode = 'modal';
  /** The modal (mode="modal"): Escape cannot close an unanswered notice; an answered one closes on Escape. */
  protected readonly modal = new ModalController(this, {
    dialog: () => (this.validMode === 'modal' ? this.dialog : null),
    locked: () => this.needed,
    initialFocus: () => this.shadowRoot?.querySelector<HTMLElement>('h2'),
  });
  private autoOpened = '';
  private lastAckSeq = -1;

  private fromChild = false;
  private unwatchChild: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatchChild = watchJsonChild<ConsentNoticeConfig>(this, (value) => {
      if (this.notice && !this.fromChild) return;
      this.fromChild = true;
      this.notice = value;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchChild?.();
    this.unwatchChild = null;
  }

  /** The notice's version ('' when not configured). */
  get version(): string {
    return typeof this.notice?.version === 'string' ? this.notice.version : '';
  }

  /** True when this version has not been answered yet. */
  get needed(): boolean {
    return !!this.snapshot && !!this.version && this.snapshot.notices[PIPL_NOTICE]?.noticeVersion !== this.version;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('mode')) this.validMode = this.oneOf('mode', this.mode, NOTICE_MODES, 'modal');
    if (changed.has('notice')) {
      this.missing = missingNoticeFields(this.notice);
      this.incomplete = this.missing.length > 0;
      const key = this.missing.join(',');
      if (key && key !== this.reported) {
        console.error(`[anquan] <${this.localName}> incomplete notice: missing ${this.missing.join(', ')} (PIPL Art. 17).`);
        queueMicrotask(() => this.emit('aq-disclosure-found-incomplete', { missing: [...this.missing] }));
      }
      this.reported = key;
    }
  }

  protected override storeChanged(): void {
    // Open once per version by itself; answered in another tab → close here too.
    const ackSeq = this.snapshot?.notices[PIPL_NOTICE]?.seq ?? -1;
    const answeredElsewhere = ackSeq !== this.lastAckSeq;
    this.lastAckSeq = ackSeq;
    if (this.validMode !== 'modal' || !this.version) return;
    if (this.needed && this.autoOpened !== this.version) {
      this.autoOpened = this.version;
      this.open = true;
    } else if (answeredElsewhere && !this.needed && this.open && !this.busy) {
      this.open = false;
    }
  }

  /** Open the notice (modal mode), e.g. from a "privacy notice" link in settings. */
  show(): void {
    this.open = true;
  }

  /** Close without answering (it opens again next time while this version is unanswered). */
  close(): void {
    this.open = false;
  }

  private get purposes() {
    return Array.isArray(this.notice?.purposes) ? this.notice.purposes.filter((p) => p && typeof p.id === 'string') : [];
  }

  /** Accept (`true`) or decline (`false`) the general agreement, as the buttons do. */
  async answer(accept: boolean): Promise<void> {
    if (this.busy || !this.version) return;
    this.busy = true;
    try {
      await this.ready;
      const general = this.purposes.filter((p) => !p.separate);
      // "Agree" covers the purposes necessary for the service and nothing else: every optional
      // purpose is its own choice (a checkbox, recorded when it is changed), never bundled.
      const necessary = general.filter((p) => p.necessary);
      const changes: ConsentChange[] = necessary.map((p) => ({
        purpose: p.id,
        granted: accept,
        noticeVersion: this.version,
        method: 'notice',
      }));
      const version = this.version;
      const recorded = await this.write(async (store) => {
        const r = changes.length ? await store.record(changes) : [];
        await store.acknowledge(PIPL_NOTICE, version, { method: 'notice', decision: accept ? 'accepted' : 'declined' });
        return r;
      });
      if (recorded.length) this.emit('aq-consent-changed', { changes: recorded });
      const blockedBy = accept ? [] : necessary.map((p) => p.id);
      this.emit('aq-consent-notice-answered', {
        version: this.version,
        decision: accept ? 'accepted' : 'declined',
        granted: accept ? necessary.map((p) => p.id) : [],
        withdrawn: accept ? [] : necessary.map((p) => p.id),
        coreServiceAvailable: blockedBy.length === 0,
        blockedBy,
      });
      this.open = false;
    } finally {
      this.busy = false;
    }
  }

  /**
   * Give or withdraw one purpose that is not necessary for the service, as its checkbox does: an
   * optional purpose (method `switch`) or a separate consent (method `separate`). One click gives
   * it and one click withdraws it (PIPL Art. 15). Necessary purposes go with the agreement.
   */
  async setPurpose(purposeId: string, granted: boolean): Promise<ConsentState | undefined> {
    const p = this.purposes.find((x) => x.id === purposeId && !x.necessary);
    if (!p) return undefined;
    await this.ready;
    const change: ConsentChange = p.separate
      ? { purpose: p.id, granted, noticeVersion: this.version || 'unversioned', method: 'separate', separate: p.separate }
      : { purpose: p.id, granted, noticeVersion: this.version || 'unversioned', method: 'switch' };
    const [s] = await this.write((store) => store.record([change]));
    this.emit('aq-consent-changed', { changes: [s] });
    return s;
  }

  /** Give or withdraw one separate consent (its own record, method `separate`). */
  async setSeparate(purposeId: string, granted: boolean): Promise<ConsentState | undefined> {
    return this.purposes.some((x) => x.id === purposeId && x.separate) ? this.setPurpose(purposeId, granted) : undefined;
  }

  /** One purpose the user chooses by itself: a checkbox showing its current state. */
  private renderChoice(p: NoticePurpose, label: unknown) {
    const l = this.locale;
    const id = `${p.separate ? 'sep' : 'opt'}-${p.id}`;
    return html`<div class="separate">
      <input
        type="checkbox"
        id=${id}
        data-purpose=${p.id}
        aria-describedby=${filled(p.description) ? `${id}-d` : nothing}
        .checked=${this.snapshot?.purposes[p.id]?.granted === true}
        @change=${(e: Event) => this.setPurpose(p.id, (e.target as HTMLInputElement).checked).catch(() => this.requestUpdate())}
      />
      <label for=${id}
        >${label} ${filled(p.description) ? html`<br /><span class="hint" id=${`${id}-d`}>${pick(p.description, l)}</span>` : nothing}</label
      >
    </div>`;
  }

  private renderContent() {
    const l = this.locale;
    const n = (this.notice ?? {}) as Partial<ConsentNoticeConfig>;
    const general = this.purposes.filter((p) => !p.separate);
    const separate = this.purposes.filter((p) => p.separate);
    const necessary = general.filter((p) => p.necessary);
    const optional = general.filter((p) => !p.necessary);
    const text = (v: Localized | undefined) => html`<p>${pick(v, l)}</p>`;
    const field = (id: string, title: string, body: unknown) => html`<div part="field" data-field=${id}><h3>${title}</h3>${body}</div>`;
    const list = l === 'en' ? ', ' : '、';
    return html`
      <h2 id="title" part="title" tabindex="-1">${t(l, 'noticeTitle')}</h2>
      ${this.version ? html`<p part="version">${t(l, 'noticeVersion', { version: this.version })}</p>` : nothing}
      ${this.missing.length ? html`<p part="incomplete" role="alert">${t(l, 'noticeIncomplete', { fields: this.missing.join(list) })}</p>` : nothing}
      ${field('handler', t(l, 'handler'), html`<p>${pick(n.handler?.name, l)}</p><p>${t(l, 'contact')}: ${pick(n.handler?.contact, l)}</p>`)}
      ${field(
        'purposes',
        t(l, 'purposes'),
        html`<ul>
            ${necessary.map(
              (p) => html`<li>
                ${pick(p.label, l)}<span class="tag">${t(l, 'necessary')}</span>
                ${filled(p.description) ? html`<br /><span class="hint">${pick(p.description, l)}</span>` : nothing}
              </li>`,
            )}
          </ul>
          ${
            optional.length
              ? html`<fieldset part="optional">
                <legend>${t(l, 'optionalTitle')}</legend>
                <p class="hint">${t(l, 'optionalHint')}</p>
                ${optional.map((p) => this.renderChoice(p, html`${pick(p.label, l)}<span class="tag">${t(l, 'optional')}</span>`))}
              </fieldset>`
              : nothing
          }`,
      )}
      ${field('methods', t(l, 'methods'), text(n.methods))} ${field('categories', t(l, 'categories'), text(n.categories))}
      ${field('retention', t(l, 'retention'), text(n.retention))} ${field('rights', t(l, 'rights'), text(n.rights))}
      ${n.policyUrl && safeUrl(n.policyUrl) ? html`<p><a part="policy" href=${n.policyUrl} target="_blank" rel="noopener">${t(l, 'policyLink')}</a></p>` : nothing}
      ${
        separate.length
          ? html`<fieldset part="separate">
            <legend>${t(l, 'separateTitle')}</legend>
            <p class="hint">${t(l, 'separateHint')}</p>
            ${separate.map((p) => this.renderChoice(p, html`<strong>${t(l, `separateKind_${p.separate!}`)}</strong>: ${pick(p.label, l)}`))}
          </fieldset>`
          : nothing
      }
      <p part="decline-note">${necessary.length ? t(l, 'declineNecessary', { purposes: necessary.map((p) => pick(p.label, l)).join(list) }) : t(l, 'declineNote')}</p>
      ${this.renderWriteError()}
      <div part="actions">
        <button part="button decline" type="button" ?disabled=${this.busy} @click=${() => this.answer(false).catch(() => undefined)}>${t(l, 'decline')}</button>
        <button part="button accept" type="button" ?disabled=${this.busy} @click=${() => this.answer(true).catch(() => undefined)}>${t(l, 'accept')}</button>
      </div>
    `;
  }

  override render() {
    if (this.validMode === 'inline') {
      return html`<section part="base" aria-labelledby="title">${this.renderContent()}</section>`;
    }
    return html`<dialog part="dialog" aria-labelledby="title">
      ${this.open ? html`<div part="base">${this.renderContent()}</div>` : nothing}
    </dialog>`;
  }
}
