// The report payload (schema Report in packages/core/intake-openapi.json), the draft a form fills in,
// its validation and the attachment limits. Pure: no DOM, so it runs in workers, Node and tests.
import { getDsaCategory, getRisk, isRiskId, type RiskId } from '@anquan/core/taxonomy';

export const RIGHTS_REQUESTS = ['access', 'copy', 'correction', 'deletion'] as const;
export type RightsRequest = (typeof RIGHTS_REQUESTS)[number];

/** Evidence attached with the user's agreement. */
export interface Evidence {
  messageId?: string;
  excerpt?: string;
  time?: string;
  pageUrl?: string;
}

export interface Attachment {
  name: string;
  type: string;
  size: number;
  dataBase64?: string;
}

/** DSA Art. 16(2) notice elements (eu profile). */
export interface DsaNotice {
  /** The DSA Transparency Database category the notifier chose (eu). */
  category?: string;
  explanation: string;
  locations: string[];
  reporterName?: string;
  reporterEmail?: string;
  bonaFide: true;
}

/** What is sent as the `payload` of a `report` record. */
export interface ReportPayload {
  category: RiskId;
  messageId?: string;
  conversationId?: string;
  description?: string;
  lang?: string;
  evidence?: Evidence;
  contact?: { name?: string; email?: string; phone?: string };
  attachments?: Attachment[];
  rightsRequest?: RightsRequest;
  dsa?: DsaNotice;
}

/** What a form collects before it becomes a payload. */
export interface ReportDraft {
  category: string;
  rightsRequest?: string;
  description: string;
  /** Evidence, or null when the user did not agree to attach it. */
  evidence: Evidence | null;
  attachment?: Attachment | null;
  name?: string;
  email?: string;
  phone?: string;
  /** Exact URLs (DSA Art. 16(2)(b)). */
  locations?: string[];
  bonaFide?: boolean;
  messageId?: string;
  conversationId?: string;
  lang?: string;
}

export type DraftField = 'category' | 'rightsRequest' | 'description' | 'locations' | 'name' | 'email' | 'phone' | 'bonaFide' | 'file';

export interface DraftError {
  field: DraftField;
  /** Message key in the package's message table. */
  key:
    | 'errCategory'
    | 'errRights'
    | 'errDescription'
    | 'errExplanation'
    | 'errLocations'
    | 'errName'
    | 'errEmail'
    | 'errContactEmail'
    | 'errBonaFide'
    | 'errLong';
  params?: Record<string, string | number>;
}

/** Attachment types accepted by default: screenshots, PDF and plain text. */
export const DEFAULT_ATTACHMENT_TYPES: readonly string[] = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'application/pdf',
  'text/plain',
];
/** The contract's ceiling for one attachment: 5 MiB. */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const LIMITS = { description: 5000, name: 200, email: 320, phone: 40, location: 2048 } as const;

/**
 * The taxonomy risk of a form's category: a risk ID as it is, or the risk an eu notice category
 * (DSA Transparency Database, `DSA_CATEGORIES`) is routed as; undefined when it is neither.
 */
export function riskOfCategory(category: string): RiskId | undefined {
  if (isRiskId(category)) return category;
  return getDsaCategory(category)?.risk;
}

/** True when the category needs no name or e-mail under DSA Art. 16(2)(c) (child sexual abuse). */
export function contactExempt(category: string): boolean {
  return getRisk(riskOfCategory(category) ?? '')?.routing === 'authority-only';
}

/** True when the category carries a personal-information rights request (PIPL Art. 50). */
export function needsRightsRequest(category: string): boolean {
  return getRisk(riskOfCategory(category) ?? '')?.rightsRequest === true;
}

/**
 * Check a file against the limits; returns null or the problem (`fileType` or `fileSize`).
 * A type `image/*` in `types` accepts any image type.
 */
export function attachmentProblem(
  file: { type: string; size: number },
  types: readonly string[] = DEFAULT_ATTACHMENT_TYPES,
  maxBytes = MAX_ATTACHMENT_BYTES,
): 'fileType' | 'fileSize' | null {
  const ok = types.some((t) => (t.endsWith('/*') ? file.type.startsWith(t.slice(0, -1)) : t === file.type));
  if (!ok) return 'fileType';
  if (file.size > Math.min(maxBytes, MAX_ATTACHMENT_BYTES)) return 'fileSize';
  return null;
}

/** Human-readable byte size (KB/MB, one decimal). */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Validate a draft. `dsa` true requires the four DSA Art. 16(2) elements: explanation, exact
 * locations, name and e-mail (except for child-sexual-abuse reports) and the good-faith statement.
 */
export function validateDraft(d: ReportDraft, options: { dsa: boolean }): DraftError[] {
  const errors: DraftError[] = [];
  // Under eu the notice categories are the DSA ones; a risk ID is accepted too (P.* requests).
  if (!isRiskId(d.category) && !(options.dsa && getDsaCategory(d.category))) errors.push({ field: 'category', key: 'errCategory' });
  if (needsRightsRequest(d.category) && !(RIGHTS_REQUESTS as readonly string[]).includes(d.rightsRequest ?? ''))
    errors.push({ field: 'rightsRequest', key: 'errRights' });
  const description = d.description.trim();
  if (!description && (options.dsa || riskOfCategory(d.category) === 'P.other'))
    errors.push({ field: 'description', key: options.dsa ? 'errExplanation' : 'errDescription' });
  if (description.length > LIMITS.description)
    errors.push({ field: 'description', key: 'errLong', params: { field: 'description', max: LIMITS.description } });
  if (options.dsa) {
    const locations = (d.locations ?? []).map((l) => l.trim()).filter(Boolean);
    if (locations.length === 0 || locations.length > 20 || locations.some((l) => l.length > LIMITS.location))
      errors.push({ field: 'locations', key: 'errLocations' });
  }
  const contactRequired = options.dsa && !contactExempt(d.category);
  const name = d.name?.trim() ?? '';
  const email = d.email?.trim() ?? '';
  if (contactRequired && !name) errors.push({ field: 'name', key: 'errName' });
  if (name.length > LIMITS.name) errors.push({ field: 'name', key: 'errLong', params: { field: 'name', max: LIMITS.name } });
  if (contactRequired && !EMAIL.test(email)) errors.push({ field: 'email', key: 'errEmail' });
  else if (email && (!EMAIL.test(email) || email.length > LIMITS.email)) errors.push({ field: 'email', key: 'errContactEmail' });
  if ((d.phone?.trim().length ?? 0) > LIMITS.phone)
    errors.push({ field: 'phone', key: 'errLong', params: { field: 'phone', max: LIMITS.phone } });
  if (options.dsa && d.bonaFide !== true) errors.push({ field: 'bonaFide', key: 'errBonaFide' });
  return errors;
}

const clip = (s: string | undefined, n: number) => (s === undefined ? undefined : s.slice(0, n));

/** Build the contract payload from a valid draft. */
export function buildPayload(d: ReportDraft, options: { dsa: boolean }): ReportPayload {
  const payload: ReportPayload = { category: riskOfCategory(d.category) as RiskId };
  if (d.messageId) payload.messageId = clip(d.messageId, 256);
  if (d.conversationId) payload.conversationId = clip(d.conversationId, 256);
  const description = d.description.trim();
  if (description) payload.description = description;
  if (d.lang) payload.lang = clip(d.lang, 16);
  if (d.evidence) {
    const e = d.evidence;
    payload.evidence = Object.fromEntries(
      Object.entries({
        messageId: clip(e.messageId, 256),
        excerpt: clip(e.excerpt, 2000),
        time: e.time,
        pageUrl: clip(e.pageUrl, 2048),
      }).filter(([, v]) => v),
    ) as Evidence;
  }
  const contact = Object.fromEntries(
    Object.entries({ name: d.name?.trim(), email: d.email?.trim(), phone: d.phone?.trim() }).filter(([, v]) => v),
  );
  if (Object.keys(contact).length) payload.contact = contact;
  if (d.attachment) payload.attachments = [d.attachment];
  if (needsRightsRequest(d.category)) payload.rightsRequest = d.rightsRequest as RightsRequest;
  if (options.dsa) {
    payload.dsa = {
      ...(getDsaCategory(d.category) ? { category: d.category } : {}),
      explanation: description,
      locations: (d.locations ?? []).map((l) => l.trim()).filter(Boolean),
      ...(contact.name ? { reporterName: contact.name } : {}),
      ...(contact.email ? { reporterEmail: contact.email } : {}),
      bonaFide: true,
    };
  }
  return payload;
}
