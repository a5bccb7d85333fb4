/**
 * @anquan/consent: consent and transparency. The consent store on the hash-chained `consent` ledger,
 * the first-run PIPL notice with separate consents, the training opt-out and its status indicator,
 * the service disclosure and the AI-interaction disclosure. Importing it defines no element and
 * touches no `window` or `document`; import `@anquan/consent/register` to define the tags.
 * @packageDocumentation
 */
export * from './consent-store.js';
export type * from './events.js';
export { type Localized, pick as pickLocalized } from './shared.js';
export { t as consentMessages } from './messages.js';
export { ConsentElement } from './consent-element.js';
export { ConsentNotice, type ConsentNoticeConfig, type NoticePurpose, missingNoticeFields, NOTICE_MODES, type NoticeMode, PIPL_NOTICE } from './consent-notice/consent-notice.component.js';
export { TrainingOptout, TRAINING_DEFAULTS, type TrainingDefault } from './training-optout/training-optout.component.js';
export { TrainingStatus } from './training-status/training-status.component.js';
export {
  Transparency,
  type TransparencyDisclosure,
  type FoundationModel,
  missingDisclosureFields,
  REQUIRED_DISCLOSURE_FIELDS,
} from './transparency/transparency.component.js';
export { AiDisclosure, AI_DISCLOSURE_NOTICE, DISCLOSURE_DOMAINS, type DisclosureDomain } from './ai-disclosure/ai-disclosure.component.js';
