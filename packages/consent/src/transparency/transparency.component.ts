import { AnquanElement } from '@anquan/core/element';
import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import '../events.js';
import { messages as t } from '../messages.js';
import { filled, type Localized, pick, watchJsonChild } from '../shared.js';
import { disclosureStyles } from './transparency.styles.js';

/** A foundation model the service uses. */
export interface FoundationModel {
  name: string;
  provider?: string;
  version?: string;
  /** Filing (备案) number, where there is one. */
  filing?: string;
}

/** The service disclosure of GB/T 45654 (TC260-003 §7 b)) and Interim Measures Art. 10. */
export interface TransparencyDisclosure {
  /** Name of the service (optional). */
  service?: Localized;
  /** Intended users (适用人群). Required. */
  intendedUsers: Localized;
  /** Occasions (适用场合). Required. */
  occasions: Localized;
  /** Purposes (用途). Required. */
  purposes: Localized;
  /** Foundation models used. Required (at least one). */
  foundationModels: FoundationModel[];
  /** The service's limitations. Required (at least one). */
  limitations: Localized[];
  /** Summary of the model architecture, training framework and algorithms. Required. */
  modelSummary: Localized;
  /** Personal information collected and its uses. Required (at least one). */
  personalInformation: { category: Localized; use: Localized }[];
  /** Date of this disclosure (YYYY-MM-DD). */
  updated?: string;
}

/** The required fields, in display order. */
export const REQUIRED_DISCLOSURE_FIELDS = [
  'intendedUsers',
  'occasions',
  'purposes',
  'foundationModels',
  'limitations',
  'modelSummary',
  'personalInformation',
] as const;

/** The names of the required fields that are missing or empty in `d`. */
export function missingDisclosureFields(d: Partial<TransparencyDisclosure> | undefined | null): string[] {
  const x = (d ?? {}) as Record<string, unknown>;
  return REQUIRED_DISCLOSURE_FIELDS.filter((f) => {
    const v = x[f];
    if (f === 'foundationModels') return !Array.isArray(v) || !v.some((m) => m && typeof m.name === 'string' && m.name.trim());
    if (f === 'limitations') return !(Array.isArray(v) ? v.some((l) => filled(l)) : filled(v as Localized));
    if (f === 'personalInformation') return !Array.isArray(v) || !v.some((p) => p && filled(p.category) && filled(p.use));
    return !filled(v as Localized);
  });
}

/**
 * @summary The service disclosure: intended users, occasions and purposes; foundation models; limitations;
 * a model and algorithm summary; the personal information collected and its uses. Rendered as text.
 * Missing required fields give one console error and a visible "incomplete disclosure" state.
 *
 * Focus policy: a region (`<section>` labelled by its heading); it never takes focus.
 *
 * @event aq-disclosure-found-incomplete - Required fields are missing (`detail.missing`).
 * @csspart base - The section.
 * @csspart title - The heading.
 * @csspart incomplete - The "incomplete disclosure" banner.
 * @csspart field - Each field's block.
 * @cssproperty --aq-transparency-padding - Padding of the section (1rem).
 */
export class AqTransparency extends AnquanElement {
  static override styles = disclosureStyles;

  /**
   * Reflected, read-only: true while required fields are missing (style with `[incomplete]`).
   * @readonly
   */
  @property({ type: Boolean, reflect: true }) incomplete = false;

  /** The disclosure (JS property); else read from a `<script type="application/json">` child. */
  @property({ attribute: false }) disclosure?: TransparencyDisclosure;

  /**
   * The required fields that are missing (empty when complete).
   * @readonly
   */
  missing: string[] = [];
  private reported = '';

  private fromChild = false;
  private unwatchChild: (() => void) | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.unwatchChild = watchJsonChild<TransparencyDisclosure>(this, (value) => {
      if (this.disclosure && !this.fromChild) return;
      this.fromChild = true;
      this.disclosure = value;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unwatchChild?.();
    this.unwatchChild = null;
  }

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    this.missing = missingDisclosureFields(this.disclosure);
    this.incomplete = this.missing.length > 0;
    const key = this.missing.join(',');
    if (key && key !== this.reported) {
      this.reported = key;
      console.error(
        `[anquan] <${this.localName}> incomplete disclosure: missing ${this.missing.join(', ')} (GB/T 45654 service transparency; Interim Measures Art. 10).`,
      );
      queueMicrotask(() => this.emit('aq-disclosure-found-incomplete', { missing: [...this.missing] }));
    }
    if (!key) this.reported = '';
  }

  private field(id: string, title: string, body: unknown) {
    return html`<div part="field" data-field=${id}><h3>${title}</h3>${body}</div>`;
  }

  override render() {
    const l = this.locale;
    const d = (this.disclosure ?? {}) as Partial<TransparencyDisclosure>;
    const text = (v: Localized | undefined) => html`<p>${pick(v, l)}</p>`;
    const models = (d.foundationModels ?? []).filter((m) => m?.name);
    const limits = (Array.isArray(d.limitations) ? d.limitations : d.limitations ? [d.limitations as Localized] : []).filter((x) =>
      filled(x),
    );
    const pi = (d.personalInformation ?? []).filter((p) => p && filled(p.category));
    return html`
      <section part="base" aria-labelledby="title">
        <h2 id="title" part="title">${t(l, 'transparencyTitle')}${filled(d.service) ? html`: ${pick(d.service, l)}` : nothing}</h2>
        ${
          this.missing.length
            ? html`<p part="incomplete" role="alert">${t(l, 'incomplete', { fields: this.missing.map((f) => t(l, fieldLabel(f))).join(l === 'en' ? ', ' : '、') })}</p>`
            : nothing
        }
        ${filled(d.intendedUsers) ? this.field('intendedUsers', t(l, 'intendedUsers'), text(d.intendedUsers)) : nothing}
        ${filled(d.occasions) ? this.field('occasions', t(l, 'occasions'), text(d.occasions)) : nothing}
        ${filled(d.purposes) ? this.field('purposes', t(l, 'uses'), text(d.purposes)) : nothing}
        ${
          models.length
            ? this.field(
                'foundationModels',
                t(l, 'foundationModels'),
                html`<ul>
                ${models.map((m) => html`<li>${[m.name, m.version, m.provider && `(${m.provider})`, m.filing].filter(Boolean).join(' ')}</li>`)}
              </ul>`,
              )
            : nothing
        }
        ${limits.length ? this.field('limitations', t(l, 'limitations'), html`<ul>${limits.map((x) => html`<li>${pick(x, l)}</li>`)}</ul>`) : nothing}
        ${filled(d.modelSummary) ? this.field('modelSummary', t(l, 'modelSummary'), text(d.modelSummary)) : nothing}
        ${
          pi.length
            ? this.field(
                'personalInformation',
                t(l, 'personalInformation'),
                html`<table>
                <thead><tr><th scope="col">${t(l, 'piCategory')}</th><th scope="col">${t(l, 'piUse')}</th></tr></thead>
                <tbody>${pi.map((p) => html`<tr><td>${pick(p.category, l)}</td><td>${pick(p.use, l)}</td></tr>`)}</tbody>
              </table>`,
              )
            : nothing
        }
        ${d.updated ? html`<p part="updated">${t(l, 'updated', { date: String(d.updated) })}</p>` : nothing}
      </section>
    `;
  }
}

function fieldLabel(
  f: string,
): 'intendedUsers' | 'occasions' | 'uses' | 'foundationModels' | 'limitations' | 'modelSummary' | 'personalInformation' {
  return f === 'purposes' ? 'uses' : (f as 'intendedUsers');
}
