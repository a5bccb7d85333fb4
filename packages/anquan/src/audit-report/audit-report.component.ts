import { AnquanElement } from '@anquan/core/element';
import type { Locale } from '@anquan/core/i18n';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators/property.js';
import { state } from 'lit/decorators/state.js';
import { type AuditOptions, type AuditReport, audit, type ClauseResult } from '../audit.js';
import '../events.js';
import { auditReportStyles } from './audit-report.styles.js';
import { messages as t } from './messages.js';

const LEVELS = ['1', '2', '3', '4', '5', '6'] as const;
/** The three states an assessor must tell apart (and not-applicable), each with its own text and mark. */
const STATUS_TEXT = { measured: 'measured', declared: 'declaredStatus', missing: 'missing', 'not-applicable': 'not-applicable' } as const;

/**
 * @summary The printable evidence report of `audit()`: per clause ID the status, the measure and the
 * evidence, with label coverage, ledger summaries, the outbox, the safety context and the
 * configuration. Set `report`, or add `live` to audit the page it is in. Print it from the browser
 * (print styles hide the buttons) or download the JSON.
 *
 * @event aq-request-export - Cancelable, `{ json, filename }`, before "Download JSON" saves the file.
 * @event aq-audit-completed - `{ summary }` after a live audit.
 * @csspart report - The report.
 * @csspart title - The title.
 * @csspart actions - The print and download buttons.
 * @csspart button - Each button.
 * @csspart summary - The summary line.
 * @csspart clauses - The clause table.
 * @cssproperty --aq-audit-report-background - Background of the report.
 * @cssproperty --aq-audit-report-padding - Padding of the report.
 * @cssproperty --aq-audit-report-head-background - Background of the table headers.
 */
export class AqAuditReport extends AnquanElement {
  static override styles = auditReportStyles;

  /** The report to show (from `audit()` or a saved JSON file). */
  @property({ attribute: false }) report: AuditReport | null = null;

  /** Audit the page this element is in when it connects (when no `report` is set). */
  @property({ type: Boolean }) live = false;

  /** Level of the report title, `1`–`6` (default `2`); sections are one level below. */
  @property({ attribute: 'heading-level' }) headingLevel = '2';

  /** Options for a live audit (storage, outbox, declarations, message selector). */
  @property({ attribute: false }) options: AuditOptions = {};

  @state() private running = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.live && !this.report) void this.refresh();
  }

  private get level(): number {
    return Number(this.oneOf('heading-level', this.headingLevel, LEVELS, '2'));
  }

  /** Run `audit()` on the page now and show the result. */
  async refresh(): Promise<AuditReport> {
    this.running = true;
    try {
      const report = await audit(this.options);
      this.report = report;
      this.emit('aq-audit-completed', { summary: report.summary });
      return report;
    } finally {
      this.running = false;
    }
  }

  private print(): void {
    globalThis.print?.();
  }

  private exportJson(): void {
    if (!this.report) return;
    const json = JSON.stringify(this.report, null, 2);
    const filename = `anquan-audit-${this.report.generatedAt.replace(/[:.]/g, '-')}.json`;
    if (!this.request('aq-request-export', { json, filename })) return;
    const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private heading(text: string, id: string, sub = 1) {
    const level = Math.min(6, this.level + sub);
    return html`<div role="heading" aria-level=${level} id=${id} class="h2">${text}</div>`;
  }

  private date(iso: string | null | number, loc: Locale): string {
    if (iso === null) return '';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString(loc);
  }

  private clauseRow(c: ClauseResult, loc: Locale) {
    return html`<tr data-clause=${c.id} data-status=${c.status}>
      <th scope="row"><code>${c.id}</code><div>${c.requirement}</div><div class="muted">${c.source}</div></th>
      <td>${c.capability}</td>
      <td>
        <span class="status ${c.status}">${t(loc, STATUS_TEXT[c.status])}</span><div class="muted">${t(loc, c.basis)}</div>
        ${c.how ? html`<div class="how"><span class="muted">${t(loc, 'how')}:</span> ${c.how}</div>` : nothing}
      </td>
      <td>${c.measure}<ul>${c.evidence.map((e) => html`<li>${e}</li>`)}</ul></td>
    </tr>`;
  }

  override render() {
    const loc = this.locale;
    const r = this.report;
    const title = html`<div role="heading" aria-level=${this.level} id="title" part="title">${t(loc, 'title')}</div>`;
    if (!r) {
      return html`<section part="report" aria-labelledby="title">${title}<p role="status">${this.running ? t(loc, 'running') : t(loc, 'none')}</p></section>`;
    }
    const l = r.labels;
    const pct = l.coverage === null ? '' : `${Math.round(l.coverage * 1000) / 10}%`;
    const elements = Object.entries(r.elements);
    return html`<article part="report" aria-labelledby="title">
      ${title}
      <dl>
        <dt>${t(loc, 'generated')}</dt><dd>${this.date(r.generatedAt, loc)}</dd>
        <dt>${t(loc, 'page')}</dt><dd>${r.title ? `${r.title} — ` : ''}${r.url ?? ''}</dd>
        <dt>${t(loc, 'sdkVersion')}</dt><dd>${r.sdkVersion}</dd>
        <dt>${t(loc, 'profile')}</dt><dd>${r.profile}</dd>
        <dt>${t(loc, 'endpoint')}</dt><dd>${r.config.endpoint ?? t(loc, 'notConfigured')}</dd>
        <dt>${t(loc, 'storage')}</dt><dd>${r.storage.degraded ? t(loc, 'storageDegraded', { reason: r.storage.reason ?? '' }) : t(loc, 'storageOk')}</dd>
      </dl>
      <div part="actions">
        <button part="button print" type="button" @click=${this.print}>${t(loc, 'print')}</button>
        <button part="button export" type="button" @click=${this.exportJson}>${t(loc, 'export')}</button>
      </div>
      <p class="muted">${t(loc, 'advisory')}</p>

      <section aria-labelledby="s-summary">
        ${this.heading(t(loc, 'summary'), 's-summary')}
        <p part="summary">${t(loc, 'summaryText', {
          total: r.summary.total,
          measured: r.summary.measured,
          declared: r.summary.declared,
          missing: r.summary.missing,
          na: r.summary.notApplicable,
        })}</p>
      </section>

      <section aria-labelledby="s-clauses">
        ${this.heading(t(loc, 'clauses'), 's-clauses')}
        <table part="clauses">
          <thead><tr><th scope="col">${t(loc, 'clause')}</th><th scope="col">${t(loc, 'capability')}</th><th scope="col">${t(loc, 'status')}</th><th scope="col">${t(loc, 'evidence')}</th></tr></thead>
          <tbody>${r.clauses.map((c) => this.clauseRow(c, loc))}</tbody>
        </table>
      </section>

      <section aria-labelledby="s-labels">
        ${this.heading(t(loc, 'labels'), 's-labels')}
        <ul>
          <li>${l.messages ? t(loc, 'messages', { n: l.messages, labelled: l.labelled, pct }) : t(loc, 'noMessages', { selector: l.selector })}</li>
          ${l.unlabelled.length ? html`<li>${t(loc, 'unlabelled', { ids: l.unlabelled.join(', ') })}</li>` : nothing}
          ${l.messages ? html`<li>${t(loc, 'reportEntry', { n: l.withReportEntry })}</li>` : nothing}
          <li>${t(loc, 'media', { images: l.images.wrappers, imagesWrapped: l.images.wrapped, videos: l.videos.wrappers, videosWrapped: l.videos.wrapped })}</li>
        </ul>
      </section>

      <section aria-labelledby="s-elements">
        ${this.heading(t(loc, 'elements'), 's-elements')}
        ${elements.length ? html`<ul>${elements.map(([tag, n]) => html`<li><code>&lt;${tag}&gt;</code> × ${n}</li>`)}</ul>` : html`<p>${t(loc, 'noElements')}</p>`}
      </section>

      <section aria-labelledby="s-ledgers">
        ${this.heading(t(loc, 'ledgers'), 's-ledgers')}
        <table>
          <thead><tr><th scope="col">${t(loc, 'ledger')}</th><th scope="col">${t(loc, 'records')}</th><th scope="col">${t(loc, 'chain')}</th><th scope="col">${t(loc, 'types')}</th></tr></thead>
          <tbody>
            ${r.ledgers.map(
              (g) => html`<tr data-ledger=${g.name}>
                <th scope="row"><code>${g.name}</code></th>
                <td>${g.records}</td>
                <td>${g.verified.ok ? t(loc, 'verified') : html`<span class="status missing">${t(loc, 'broken', { at: g.verified.brokenAt, reason: g.verified.reason })}</span>`}${g.head ? html`<div class="muted">#${g.head.seq} ${g.head.hash.slice(0, 16)}…</div>` : nothing}</td>
                <td>${Object.entries(g.types)
                  .map(([k, n]) => `${k} ${n}`)
                  .join(', ')}</td>
              </tr>`,
            )}
          </tbody>
        </table>
        ${this.heading(t(loc, 'outbox'), 's-outbox', 2)}
        <p>${t(loc, 'outboxText', { pending: r.outbox.pending, rejected: r.outbox.rejected })}</p>
      </section>

      <section aria-labelledby="s-context">
        ${this.heading(t(loc, 'context'), 's-context')}
        <ul>
          <li>${r.context.minorMode.enabled ? t(loc, 'minorOn', { band: r.context.minorMode.band ?? '' }) : t(loc, 'minorOff')}</li>
          <li>${r.context.suspension.suspended ? t(loc, 'suspended', { until: this.date(r.context.suspension.until, loc) }) : t(loc, 'notSuspended')}</li>
        </ul>
      </section>

      <section aria-labelledby="s-config">
        ${this.heading(t(loc, 'config'), 's-config')}
        ${this.heading(t(loc, 'measures'), 's-measures', 2)}
        <ul>${Object.entries(r.config.measures).map(([k, v]) => html`<li><code>${k}</code>: ${v ? t(loc, 'on') : t(loc, 'off')}</li>`)}</ul>
        ${this.heading(t(loc, 'wording'), 's-wording', 2)}
        <ul>${Object.entries(r.config.wording).map(([k, v]) => html`<li><code>${k}</code>: ${v['zh-CN']} / ${v.en}</li>`)}</ul>
        ${this.heading(t(loc, 'thresholds'), 's-thresholds', 2)}
        <ul>${Object.entries(r.config.thresholds).map(([k, v]) => html`<li><code>${k}</code>: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}</li>`)}</ul>
      </section>
    </article>`;
  }
}
