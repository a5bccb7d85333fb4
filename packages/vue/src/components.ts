// Template types for Vue (vue-tsc / Volar): every Anquan element in `GlobalComponents`, with its
// attributes and properties (camelCase; kebab-case attributes in templates match them) and its events
// as `onAq…` handlers (`@aq-report-submitted="…"` in a template is checked against `onAqReportSubmitted`).
// Elements are native custom elements: these are types only, no Vue component exists at runtime.
import type {
  AnquanEventMap,
  AqAgeGate,
  AqMinorMode,
  ConsentNotice,
  ConsentStore,
  Ledger,
  MinorModeController,
  ReportClient,
  Transparency,
  WorkingCalendar,
} from 'anquan';
import type { DefineComponent } from 'vue';

/** The event an `onAq…` handler receives for the Anquan event `K` (its detail typed when the package that emits it is installed). */
export type AnquanVueEvent<K extends string> = K extends keyof AnquanEventMap ? CustomEvent<AnquanEventMap[K]> : CustomEvent<unknown>;
type On<K extends string> = (event: AnquanVueEvent<K>) => void;

export type AgeBandValue = 'under-3' | '3-7' | '8-11' | '12-15' | '16-17';
export type VisualPositionValue = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left' | 'top' | 'bottom';

/** Attributes every element has. */
export interface AnquanCommonProps {
  /** Profile for this element only; default the active profile from `configure()`. */
  profile?: 'cn' | 'eu';
}

export interface AqAiLabelProps extends AnquanCommonProps {
  position?: 'start' | 'end' | 'middle';
  text?: string | null;
}
export interface AqAiNoticeProps extends AnquanCommonProps {
  position?: 'top' | 'bottom';
  text?: string | null;
  onAqAiNoticeDismissed?: On<'aq-ai-notice-dismissed'>;
}
export interface AqAiImageProps extends AnquanCommonProps {
  position?: VisualPositionValue;
  text?: string | null;
  onAqImageLabelSized?: On<'aq-image-label-sized'>;
}
export interface AqAiVideoProps extends AnquanCommonProps {
  position?: VisualPositionValue;
  text?: string | null;
  onAqVideoLabelChanged?: On<'aq-video-label-changed'>;
}
export interface AqAigcBadgeProps extends AnquanCommonProps {
  /** A URL (attribute) or a Blob/File (property, `:src="file"`). */
  src?: Blob | string | null;
  declared?: boolean;
  detected?: boolean;
  tier?: 'is' | 'may' | 'suspected' | 'none';
  onAqAigcBadgeRead?: On<'aq-aigc-badge-read'>;
}
export interface AqAigcDeclareProps extends AnquanCommonProps {
  name?: string;
  value?: string;
  checked?: boolean;
  required?: boolean;
  disabled?: boolean;
  contentId?: string;
  onAqAigcDeclared?: On<'aq-aigc-declared'>;
}
export interface AqLabellingNoticeProps extends AnquanCommonProps {
  headingLevel?: '2' | '3' | '4' | '5' | '6' | 2 | 3 | 4 | 5 | 6;
}

export interface AqMinorModeProps extends AnquanCommonProps {
  band?: AgeBandValue;
  osSignal?: 'on' | 'off' | '';
  adultOnly?: 'hide' | 'disable';
  name?: string;
  timeZone?: string;
  hideStatus?: boolean;
  noLock?: boolean;
  /** Property only (`:options="…"`): storage, outbox, context, time source. */
  options?: AqMinorMode['options'];
  onAqMinorModeChanged?: On<'aq-minor-mode-changed'>;
  onAqMinorRestReminder?: On<'aq-minor-rest-reminder'>;
  onAqMinorPinLockout?: On<'aq-minor-pin-lockout'>;
  onAqMinorModeLocked?: On<'aq-minor-mode-locked'>;
  onAqMinorModeUnlocked?: On<'aq-minor-mode-unlocked'>;
}
/** Elements that follow an `<aq-minor-mode>` (the nearest, or the `controller` property). */
interface ControlledProps extends AnquanCommonProps {
  controller?: MinorModeController | null;
}
export interface AqMinorModeToggleProps extends ControlledProps {
  band?: AgeBandValue | null;
}
export interface AqMinorLockProps extends ControlledProps {
  open?: boolean;
  onAqMinorModeLocked?: On<'aq-minor-mode-locked'>;
  onAqMinorModeUnlocked?: On<'aq-minor-mode-unlocked'>;
}
export interface AqGuardianSettingsProps extends ControlledProps {
  onAqMinorSettingsChanged?: On<'aq-minor-settings-changed'>;
}
export interface AqPaidGateProps extends ControlledProps {
  /** Price in minor units (fen / cents). */
  amount?: string | number | null;
  onAqMinorPurchaseBlocked?: On<'aq-minor-purchase-blocked'>;
  onAqMinorPurchaseApproved?: On<'aq-minor-purchase-approved'>;
}
export interface AqAgeGateProps extends ControlledProps {
  minAge?: number | string;
  consentAge?: number | string;
  forMinors?: 'block' | 'minors-mode';
  policyUrl?: string;
  purpose?: string;
  state?: AqAgeGate['state'];
  ledger?: Ledger | null;
  onAqAgeGatePassed?: On<'aq-age-gate-passed'>;
  onAqAgeGateBlocked?: On<'aq-age-gate-blocked'>;
  onAqGuardianConsentRecorded?: On<'aq-guardian-consent-recorded'>;
}

export interface AqReportButtonProps extends AnquanCommonProps {
  messageId?: string;
  conversationId?: string;
  excerpt?: string;
  variant?: 'message' | 'global';
  /** Id of the `<aq-report-dialog>` to open. */
  dialog?: string;
  onAqReportRequest?: On<'aq-report-request'>;
}
export interface AqReportDialogProps extends AnquanCommonProps {
  open?: boolean;
  messageId?: string;
  conversationId?: string;
  excerpt?: string;
  channelPhone?: string;
  channelEmail?: string;
  channelSms?: string;
  channelChat?: string;
  process?: string;
  deadlineDays?: string | number;
  accept?: string;
  maxFileSize?: number | string;
  receiptWaitMs?: number | string;
  calendar?: WorkingCalendar;
  client?: ReportClient | null;
  onAqReportOpened?: On<'aq-report-opened'>;
  onAqReportClosed?: On<'aq-report-closed'>;
  onAqReportSubmitted?: On<'aq-report-submitted'>;
  onAqReportRejected?: On<'aq-report-rejected'>;
}
export interface AqReportStatusProps extends AnquanCommonProps {
  calendar?: WorkingCalendar;
  client?: ReportClient | null;
}

/** Consent elements take an optional `store` property (default: the shared consent store). */
interface ConsentProps extends AnquanCommonProps {
  store?: ConsentStore;
}
export interface AqConsentNoticeProps extends ConsentProps {
  /** Property only (`:notice="…"`): the notice's content and version. */
  notice?: ConsentNotice['notice'];
  mode?: 'modal' | 'inline';
  open?: boolean;
  onAqConsentChanged?: On<'aq-consent-changed'>;
  onAqConsentNoticeAnswered?: On<'aq-consent-notice-answered'>;
  onAqDisclosureIncomplete?: On<'aq-disclosure-incomplete'>;
}
export interface AqTrainingOptoutProps extends ConsentProps {
  purpose?: string;
  noticeVersion?: string;
  /** Attribute `default`; property `defaultState`. */
  default?: 'off' | 'on';
  defaultState?: 'off' | 'on';
  onAqConsentChanged?: On<'aq-consent-changed'>;
}
export interface AqTrainingStatusProps extends ConsentProps {
  purpose?: string;
  default?: 'off' | 'on';
  defaultState?: 'off' | 'on';
  /** Attribute `for` (id of the `<aq-training-optout>`); property `control`. */
  for?: string;
  control?: string;
  href?: string;
  onAqTrainingSettingsRequest?: On<'aq-training-settings-request'>;
}
export interface AqTransparencyProps extends AnquanCommonProps {
  /** Property only (`:disclosure="…"`). */
  disclosure?: Transparency['disclosure'];
  onAqDisclosureIncomplete?: On<'aq-disclosure-incomplete'>;
}
export interface AqAiDisclosureProps extends ConsentProps {
  version?: string;
  domain?: 'medical' | 'financial' | 'psychological';
  onAqAiDisclosureAcknowledged?: On<'aq-ai-disclosure-acknowledged'>;
}

export interface AqPrescreenProps extends AnquanCommonProps {
  screen?: 'submit' | 'typing';
  debounce?: number | string;
  name?: string | null;
  onAqPrescreenBlocked?: On<'aq-prescreen-blocked'>;
  onAqPrescreenPassed?: On<'aq-prescreen-passed'>;
}

declare module 'vue' {
  interface GlobalComponents {
    'aq-ai-label': DefineComponent<AqAiLabelProps>;
    'aq-ai-notice': DefineComponent<AqAiNoticeProps>;
    'aq-ai-image': DefineComponent<AqAiImageProps>;
    'aq-ai-video': DefineComponent<AqAiVideoProps>;
    'aq-aigc-badge': DefineComponent<AqAigcBadgeProps>;
    'aq-aigc-declare': DefineComponent<AqAigcDeclareProps>;
    'aq-labelling-notice': DefineComponent<AqLabellingNoticeProps>;
    'aq-minor-mode': DefineComponent<AqMinorModeProps>;
    'aq-minor-mode-toggle': DefineComponent<AqMinorModeToggleProps>;
    'aq-minor-lock': DefineComponent<AqMinorLockProps>;
    'aq-guardian-settings': DefineComponent<AqGuardianSettingsProps>;
    'aq-paid-gate': DefineComponent<AqPaidGateProps>;
    'aq-age-gate': DefineComponent<AqAgeGateProps>;
    'aq-report-button': DefineComponent<AqReportButtonProps>;
    'aq-report-dialog': DefineComponent<AqReportDialogProps>;
    'aq-report-status': DefineComponent<AqReportStatusProps>;
    'aq-consent-notice': DefineComponent<AqConsentNoticeProps>;
    'aq-training-optout': DefineComponent<AqTrainingOptoutProps>;
    'aq-training-status': DefineComponent<AqTrainingStatusProps>;
    'aq-transparency': DefineComponent<AqTransparencyProps>;
    'aq-ai-disclosure': DefineComponent<AqAiDisclosureProps>;
    'aq-prescreen': DefineComponent<AqPrescreenProps>;
  }
}
