/**
 * @anquan/react: a React component for every Anquan element, made with `createComponent` from
 * `@lit/react`. Element properties are set as properties (objects and functions included), and each
 * element's DOM events are typed `onAq…` props (`aq-report-submitted` → `onAqReportSubmitted`, whose
 * handler receives `CustomEvent<ReportSubmittedDetail>`). Importing this module defines every `aq-*`
 * tag in the browser (each package's `register`); in Node (server-side rendering) it touches no
 * `window` or `document`, and a wrapped component renders as its bare tag (properties are set after
 * hydration). Component names are the tag in PascalCase: `<aq-ai-label>` → `AqAiLabel`.
 * @packageDocumentation
 */
import '@anquan/consent/register';
import '@anquan/label/register';
import '@anquan/minor-mode/register';
import '@anquan/prescreen/register';
import '@anquan/report/register';

import { AiDisclosure, ConsentNotice, TrainingOptout, TrainingStatus, Transparency } from '@anquan/consent';
import type { AnquanEventMap } from '@anquan/core';
import { AiImage, AiLabel, AiNotice, AiVideo, AigcBadge, AigcDeclare, LabellingNotice } from '@anquan/label';
import {
  AqAgeGate as AgeGateElement,
  AqGuardianSettings as GuardianSettingsElement,
  AqMinorLock as MinorLockElement,
  AqMinorMode as MinorModeElement,
  AqMinorModeToggle as MinorModeToggleElement,
  AqPaidGate as PaidGateElement,
} from '@anquan/minor-mode';
import { PrescreenElement } from '@anquan/prescreen';
import { ReportButton, ReportDialog, ReportStatus } from '@anquan/report';
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';

/** The event type an `onAq…` handler receives for the Anquan event `K`. */
export type AnquanEvent<K extends keyof AnquanEventMap> = CustomEvent<AnquanEventMap[K]>;

/** An Anquan event name, typed for `createComponent`'s `events` map. */
function ev<K extends keyof AnquanEventMap>(name: K): EventName<AnquanEvent<K>> {
  return name as EventName<AnquanEvent<K>>;
}

// ---- @anquan/label ----------------------------------------------------------------------------

/** `<aq-ai-label>`: the explicit "AI-generated" label for text and chat replies. */
export const AqAiLabel = createComponent({ react: React, tagName: 'aq-ai-label', elementClass: AiLabel, displayName: 'AqAiLabel' });

/** `<aq-ai-notice>`: the notice at the start or end of a generated text or conversation. */
export const AqAiNotice = createComponent({
  react: React,
  tagName: 'aq-ai-notice',
  elementClass: AiNotice,
  displayName: 'AqAiNotice',
  events: { onAqAiNoticeDismissed: ev('aq-ai-notice-dismissed') },
});

/** `<aq-ai-image>`: an image with its visible label, sized to the rendered image. */
export const AqAiImage = createComponent({
  react: React,
  tagName: 'aq-ai-image',
  elementClass: AiImage,
  displayName: 'AqAiImage',
  events: { onAqImageLabelSized: ev('aq-image-label-sized') },
});

/** `<aq-ai-video>`: a video with its start label and persistent mark. */
export const AqAiVideo = createComponent({
  react: React,
  tagName: 'aq-ai-video',
  elementClass: AiVideo,
  displayName: 'AqAiVideo',
  events: { onAqVideoLabelChanged: ev('aq-video-label-changed') },
});

/** `<aq-aigc-badge>`: the platform's "is / may be / suspected AI-generated" badge (reads implicit labels). */
export const AqAigcBadge = createComponent({
  react: React,
  tagName: 'aq-aigc-badge',
  elementClass: AigcBadge,
  displayName: 'AqAigcBadge',
  events: { onAqAigcBadgeRead: ev('aq-aigc-badge-read') },
});

/** `<aq-aigc-declare>`: the uploader's "this content is AI-generated" declaration (a form control). */
export const AqAigcDeclare = createComponent({
  react: React,
  tagName: 'aq-aigc-declare',
  elementClass: AigcDeclare,
  displayName: 'AqAigcDeclare',
  events: { onAqAigcDeclared: ev('aq-aigc-declared') },
});

/** `<aq-labelling-notice>`: the user-agreement section on content labelling. */
export const AqLabellingNotice = createComponent({
  react: React,
  tagName: 'aq-labelling-notice',
  elementClass: LabellingNotice,
  displayName: 'AqLabellingNotice',
});

// ---- @anquan/minor-mode -----------------------------------------------------------------------

const lockEvents = {
  onAqMinorModeLocked: ev('aq-minor-mode-locked'),
  onAqMinorModeUnlocked: ev('aq-minor-mode-unlocked'),
};

/** `<aq-minor-mode>`: the minors mode (age band, guardian PIN, quota, rest reminder, curfew, lock). */
export const AqMinorMode = createComponent({
  react: React,
  tagName: 'aq-minor-mode',
  elementClass: MinorModeElement,
  displayName: 'AqMinorMode',
  events: {
    onAqMinorModeChanged: ev('aq-minor-mode-changed'),
    onAqMinorRestReminder: ev('aq-minor-rest-reminder'),
    onAqMinorPinLockout: ev('aq-minor-pin-lockout'),
    ...lockEvents,
  },
});

/** `<aq-minor-mode-toggle>`: the switch that turns the minors mode on (and off with the guardian PIN). */
export const AqMinorModeToggle = createComponent({
  react: React,
  tagName: 'aq-minor-mode-toggle',
  elementClass: MinorModeToggleElement,
  displayName: 'AqMinorModeToggle',
});

/** `<aq-minor-lock>`: the lock screen (quota spent, curfew, rest). */
export const AqMinorLock = createComponent({
  react: React,
  tagName: 'aq-minor-lock',
  elementClass: MinorLockElement,
  displayName: 'AqMinorLock',
  events: lockEvents,
});

/** `<aq-guardian-settings>`: the guardian's settings (quota, curfew, band), behind the PIN. */
export const AqGuardianSettings = createComponent({
  react: React,
  tagName: 'aq-guardian-settings',
  elementClass: GuardianSettingsElement,
  displayName: 'AqGuardianSettings',
  events: { onAqMinorSettingsChanged: ev('aq-minor-settings-changed') },
});

/** `<aq-paid-gate>`: holds purchase clicks while the minors mode is on. */
export const AqPaidGate = createComponent({
  react: React,
  tagName: 'aq-paid-gate',
  elementClass: PaidGateElement,
  displayName: 'AqPaidGate',
  events: {
    onAqMinorPurchaseBlocked: ev('aq-minor-purchase-blocked'),
    onAqMinorPurchaseApproved: ev('aq-minor-purchase-approved'),
  },
});

/** `<aq-age-gate>`: the age question, guardian consent under the consent age, or a block. */
export const AqAgeGate = createComponent({
  react: React,
  tagName: 'aq-age-gate',
  elementClass: AgeGateElement,
  displayName: 'AqAgeGate',
  events: {
    onAqAgeGatePassed: ev('aq-age-gate-passed'),
    onAqAgeGateBlocked: ev('aq-age-gate-blocked'),
    onAqGuardianConsentRecorded: ev('aq-guardian-consent-recorded'),
  },
});

// ---- @anquan/report ---------------------------------------------------------------------------

/** `<aq-report-button>`: "report" beside a message, or the page's complaint entry. */
export const AqReportButton = createComponent({
  react: React,
  tagName: 'aq-report-button',
  elementClass: ReportButton,
  displayName: 'AqReportButton',
  events: { onAqReportRequest: ev('aq-report-request') },
});

/** `<aq-report-dialog>`: the report form, its receipt and the complaint channels. */
export const AqReportDialog = createComponent({
  react: React,
  tagName: 'aq-report-dialog',
  elementClass: ReportDialog,
  displayName: 'AqReportDialog',
  events: {
    onAqReportOpened: ev('aq-report-opened'),
    onAqReportClosed: ev('aq-report-closed'),
    onAqReportSubmitted: ev('aq-report-submitted'),
    onAqReportRejected: ev('aq-report-rejected'),
  },
});

/** `<aq-report-status>`: the user's reports with their tracking numbers and due dates. */
export const AqReportStatus = createComponent({
  react: React,
  tagName: 'aq-report-status',
  elementClass: ReportStatus,
  displayName: 'AqReportStatus',
});

// ---- @anquan/consent --------------------------------------------------------------------------

/** `<aq-consent-notice>`: the first-run PIPL notice with separate consents. */
export const AqConsentNotice = createComponent({
  react: React,
  tagName: 'aq-consent-notice',
  elementClass: ConsentNotice,
  displayName: 'AqConsentNotice',
  events: {
    onAqConsentChanged: ev('aq-consent-changed'),
    onAqConsentNoticeAnswered: ev('aq-consent-notice-answered'),
    onAqDisclosureIncomplete: ev('aq-disclosure-incomplete'),
  },
});

/** `<aq-training-optout>`: the switch for "use my conversations to train models". */
export const AqTrainingOptout = createComponent({
  react: React,
  tagName: 'aq-training-optout',
  elementClass: TrainingOptout,
  displayName: 'AqTrainingOptout',
  events: { onAqConsentChanged: ev('aq-consent-changed') },
});

/** `<aq-training-status>`: the training-use indicator that leads to the opt-out switch. */
export const AqTrainingStatus = createComponent({
  react: React,
  tagName: 'aq-training-status',
  elementClass: TrainingStatus,
  displayName: 'AqTrainingStatus',
  events: { onAqTrainingSettingsRequest: ev('aq-training-settings-request') },
});

/** `<aq-transparency>`: the service disclosure (provider, model, filing numbers, limits). */
export const AqTransparency = createComponent({
  react: React,
  tagName: 'aq-transparency',
  elementClass: Transparency,
  displayName: 'AqTransparency',
  events: { onAqDisclosureIncomplete: ev('aq-disclosure-incomplete') },
});

/** `<aq-ai-disclosure>`: "you are interacting with an AI system", acknowledged once per version. */
export const AqAiDisclosure = createComponent({
  react: React,
  tagName: 'aq-ai-disclosure',
  elementClass: AiDisclosure,
  displayName: 'AqAiDisclosure',
  events: { onAqAiDisclosureAcknowledged: ev('aq-ai-disclosure-acknowledged') },
});

// ---- @anquan/prescreen ------------------------------------------------------------------------

/** `<aq-prescreen>`: screens the wrapped form's input before it is sent. */
export const AqPrescreen = createComponent({
  react: React,
  tagName: 'aq-prescreen',
  elementClass: PrescreenElement,
  displayName: 'AqPrescreen',
  events: {
    onAqPrescreenBlocked: ev('aq-prescreen-blocked'),
    onAqPrescreenPassed: ev('aq-prescreen-passed'),
  },
});
