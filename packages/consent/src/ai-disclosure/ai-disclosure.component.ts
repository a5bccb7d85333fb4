import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators/property.js';
import { ConsentElement } from '../consent-element.js';
import { messages as t } from '../messages.js';
import { aiDisclosureStyles } from './ai-disclosure.styles.js';

export const DISCLOSURE_DOMAINS = ['medical', 'financial', 'psychological'] as const;
export type DisclosureDomain = (typeof DISCLOSURE_DOMAINS)[number];

/** The ledger notice id of the AI-interaction disclosure. */
export const AI_DISCLOSURE_NOTICE = 'ai-disclosure';

/**
 * @summary "You are interacting with an AI system" at the latest at the first interaction when the
 * profile's `aiDisclosure` measure is on (eu: AI Act Art. 50(1), 50(5)); remembered per `version`
 * once confirmed. `domain` adds a persistent disclaimer for medical, financial or psychological use
 * (GB/T 45654 Appendix A.5), under every profile.
 *
 * Focus policy: a region in the page flow (role="note"); it never takes focus.
 *
 * @event aq-ai-disclosure-acknowledged - The user confirmed the notice; recorded in the consent ledger.
 * @csspart notice - The AI-interaction notice.
 * @csspart text - Its text (the profile's `wording.aiDisclosure`).
 * @csspart acknowledge - The confirm button.
 * @csspart domain - The domain disclaimer.
 * @cssproperty --aq-ai-disclosure-background - Background of both notices.
 */
export class AqAiDisclosure extends ConsentElement {
  static override styles = aiDisclosureStyles;

  /** Version of the disclosure; a new version shows it again. */
  @property() version = '1';

  /** A high-stakes domain: `medical`, `financial` or `psychological`. */
  @property() domain?: DisclosureDomain;

  private validDomain: DisclosureDomain | '' = '';

  protected override willUpdate(changed: PropertyValues): void {
    super.willUpdate(changed);
    if (changed.has('domain')) this.validDomain = this.oneOf<DisclosureDomain | ''>('domain', this.domain, DISCLOSURE_DOMAINS, '');
  }

  /** True while the AI-interaction notice is shown (measure on, this version not yet confirmed). */
  get showing(): boolean {
    if (!this.config.measures.aiDisclosure) return false;
    const ack = this.snapshot?.notices[AI_DISCLOSURE_NOTICE];
    return !ack || ack.noticeVersion !== this.version;
  }

  /** Confirm the notice: recorded in the ledger and remembered for this version. */
  async acknowledge(): Promise<void> {
    await this.ready;
    const version = this.version;
    const acknowledgement = await this.write((store) => store.acknowledge(AI_DISCLOSURE_NOTICE, version, { method: 'notice' }));
    this.emit('aq-ai-disclosure-acknowledged', { acknowledgement });
  }

  override render() {
    const l = this.locale;
    const domain = this.validDomain;
    return html`
      ${
        this.showing
          ? html`<div part="notice" role="note" aria-label=${t(l, 'aiDisclosureTitle')}>
            <p part="text">${this.config.wording.aiDisclosure[l]}</p>
            <button part="acknowledge" type="button" @click=${() => this.acknowledge().catch(() => undefined)}>${t(l, 'acknowledge')}</button>
            ${this.renderWriteError()}
          </div>`
          : nothing
      }
      ${domain ? html`<div part="domain" role="note" aria-label=${t(l, 'domainTitle')}><p>${t(l, `domain_${domain}`)}</p></div>` : nothing}
    `;
  }
}
