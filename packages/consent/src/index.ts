/**
 * @anquan/consent: consent and transparency. The consent store on the hash-chained `consent` ledger,
 * the first-run PIPL notice with separate consents, the training opt-out and its status indicator,
 * the service disclosure and the AI-interaction disclosure. Importing it defines no element and
 * touches no `window` or `document`; import `@anquan/consent/register` to define the tags.
 * @packageDocumentation
 */

export {
  AI_DISCLOSURE_NOTICE,
  AqAiDisclosure,
  DISCLOSURE_DOMAINS,
  type DisclosureDomain,
} from './ai-disclosure/ai-disclosure.component.js';
export { ConsentElement } from './consent-element.js';
export {
  AqConsentNotice,
  type ConsentNoticeConfig,
  missingNoticeFields,
  NOTICE_MODES,
  type NoticeMode,
  type NoticePurpose,
  PIPL_NOTICE,
} from './consent-notice/consent-notice.component.js';
export * from './consent-store.js';
export type * from './events.js';
export { messages as consentMessages } from './messages.js';
export { type Localized, pick as pickLocalized } from './shared.js';
export { AqTrainingOptout, TRAINING_DEFAULTS, type TrainingDefault } from './training-optout/training-optout.component.js';
export { AqTrainingStatus } from './training-status/training-status.component.js';
export {
  AqTransparency,
  type FoundationModel,
  missingDisclosureFields,
  REQUIRED_DISCLOSURE_FIELDS,
  type TransparencyDisclosure,
} from './transparency/transparency.component.js';
