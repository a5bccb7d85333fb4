import { AnquanElement } from '@anquan/core/element';
import { riskName } from '@anquan/core/taxonomy';
import { html, nothing, type TemplateResult } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { messages as msg } from '../messages.js';
import { getReportClient, type LocalReport, type ReportClient } from '../report-client.js';
import { type WorkingCalendar, workingDaysBetween } from '../working-days.js';
import { styles } from './report-status.styles.js';
import '../events.js';

/**
 * @summary The user's reports, from this browser's storage, with the status the endpoint returns
 * (`GET {endpoint}/v1/reports/{trackingNumber}`) and, once made, the decision with its reasons,
 * whether automated means were used and the redress information (DSA Art. 16(5), Art. 17).
 *
 * @csspart list - The list of reports.
 * @csspart item - One report.
 * @csspart refresh - The refresh button.
 * @cssproperty --aq-report-status-color - Colour of the status text.
 */
export class AqReportStatus extends AnquanElement {
  static override styles = styles;

  /** The client whose reports are listed; default the shared one. */
  @property({ attribute: false }) client: ReportClient | null = null;
  /** Holidays and make-up working days for "working days left". */
  @property({ attribute: false }) calendar: WorkingCalendar = {};

  @state() private reports: LocalReport[] = [];
  @state() private busy = false;
  @state() private loaded = false;
  private onChange = () => void this.load(false);

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('aq-report-submitted', this.onChange);
    window.addEventListener('aq-outbox-sent', this.onChange);
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('aq-report-submitted', this.onChange);
    window.removeEventListener('aq-outbox-sent', this.onChange);
  }

  private get api(): ReportClient {
    return this.client ?? getReportClient();
  }

  /** Reload the list from storage, repair interrupted sends, and fetch every status. */
  async refresh(): Promise<void> {
    this.busy = true;
    try {
      await this.api.reconcile();
      this.reports = await this.api.refreshAll();
    } finally {
      this.busy = false;
      this.loaded = true;
    }
  }

  private async load(fetchStatus: boolean): Promise<void> {
    this.reports = fetchStatus ? await this.api.refreshAll() : await this.api.list();
    this.loaded = true;
  }

  private t(key: Parameters<typeof msg>[1], params?: Record<string, string | number>): string {
    return msg(this.locale, key, params);
  }

  private date(iso: string | undefined): string {
    return iso ? new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';
  }

  private statusText(r: LocalReport): string {
    if (r.state === 'queued') return this.t('statusQueued');
    if (r.state === 'rejected') return this.t('statusRejected');
    const key = `status${(r.status ?? 'received').replace(/^./, (c) => c.toUpperCase())}`;
    return key in msg.tables['zh-CN'] ? this.t(key as 'statusReceived') : this.t('statusUnknown');
  }

  private renderItem(r: LocalReport): TemplateResult {
    const d = r.decision;
    const due = r.receipt?.dueAt;
    const left =
      due && r.status !== 'decided' && r.status !== 'closed' ? workingDaysBetween(new Date(), new Date(due), this.calendar) : null;
    return html`<li part="item">
      <article aria-labelledby="r-${r.id}">
        <h3 id="r-${r.id}">${riskName(r.category, this.locale)}</h3>
        <dl>
          <dt>${this.locale === 'zh-CN' ? '受理编号' : 'Tracking number'}</dt>
          <dd>${r.receipt?.trackingNumber ?? `${r.id}`}</dd>
          <dt>${this.locale === 'zh-CN' ? '状态' : 'Status'}</dt>
          <dd class="state">${this.statusText(r)}</dd>
          <dt>${this.t('submittedAt')}</dt>
          <dd>${this.date(r.createdAt)}</dd>
          ${
            due
              ? html`<dt>${this.t('dueAt')}</dt>
                <dd>${this.date(due)}${left !== null && left >= 0 ? ` (${this.locale === 'zh-CN' ? `剩余 ${left} 个工作日` : `${left} working days left`})` : ''}</dd>`
              : nothing
          }
        </dl>
        ${
          d
            ? html`<div class="decision">
              <h4>${this.t('decision')}: ${d.outcome ?? ''}</h4>
              <dl>
                ${d.reasons ? html`<dt>${this.t('reasons')}</dt><dd>${d.reasons}</dd>` : nothing}
                ${d.automated !== undefined ? html`<dt>${this.t('automated')}</dt><dd>${d.automated ? this.t('yes') : this.t('no')}</dd>` : nothing}
                ${d.redress ? html`<dt>${this.t('redress')}</dt><dd>${d.redress}</dd>` : nothing}
                ${d.decidedAt ? html`<dt>${this.locale === 'zh-CN' ? '处理时间' : 'Decided'}</dt><dd>${this.date(d.decidedAt)}</dd>` : nothing}
              </dl>
            </div>`
            : nothing
        }
      </article>
    </li>`;
  }

  protected override render(): TemplateResult {
    return html`<section aria-labelledby="title" aria-busy=${this.busy ? 'true' : 'false'}>
      <header>
        <h2 id="title">${this.t('statusTitle')}</h2>
        <button type="button" part="refresh" ?disabled=${this.busy} @click=${() => this.refresh()}>${this.t('statusRefresh')}</button>
      </header>
      ${this.loaded && this.reports.length === 0 ? html`<p>${this.t('statusEmpty')}</p>` : nothing}
      ${this.reports.length ? html`<ul part="list">${this.reports.map((r) => this.renderItem(r))}</ul>` : nothing}
    </section>`;
  }
}
