// Profiles as data: which measures are on, their wording and their thresholds. `cn` is the default;
// `eu` adds AI Act Art. 50 and DSA Art. 16. Hosts override any of it through `configure()`.
import type { Locale } from './i18n.js';

export type ProfileId = 'cn' | 'eu';
export const PROFILE_IDS: readonly ProfileId[] = ['cn', 'eu'];

/** The five content age bands of the CAC minors-mode guideline. */
export type AgeBand = 'under-3' | '3-7' | '8-11' | '12-15' | '16-17';
export const AGE_BANDS: readonly AgeBand[] = ['under-3', '3-7', '8-11', '12-15', '16-17'];

export type Wording = Record<Locale, string>;

export interface Measures {
  /** Explicit text label on each generated message (GB 45438 §5.1). */
  aiLabel: boolean;
  /** Persistent interface label in chat and voice UIs. */
  aiNotice: boolean;
  /** Whether the user may dismiss the interface label (never under cn). */
  aiNoticeDismissible: boolean;
  /** Implicit metadata labels in downloaded files (GB 45438 §6, AI Act Art. 50(2)). */
  implicitLabel: boolean;
  /** "You are interacting with an AI system" at the first interaction (AI Act Art. 50(1)). */
  aiDisclosure: boolean;
  /** Complaint and report entry on every message (Interim Measures Art. 15; DSA Art. 16). */
  report: boolean;
  /** The DSA Art. 16(2) notice elements are required in the report form. */
  dsaNotice: boolean;
  /** Minors mode offered (CAC guideline). */
  minorMode: boolean;
  /** Training-use opt-out (GB/T 45654, TC260-003 §7 c)). */
  trainingOptOut: boolean;
  /** Client-side input pre-screening (advisory; the server re-checks). */
  prescreen: boolean;
}

export interface PaymentCap {
  /** Purchases allowed at all for this band. */
  allowed: boolean;
  /** Per-transaction cap in minor units (fen / cents). */
  perTransaction: number;
  /** Monthly cap in minor units. */
  perMonth: number;
}

export interface Thresholds {
  suspension: {
    /** Violations in a row that suspend the user (3). */
    consecutive: number;
    /** Violations within one calendar day that suspend the user (5). */
    perDay: number;
    /** How long a suspension lasts, in minutes. */
    durationMinutes: number;
    /** IANA time zone that defines the calendar day; empty = the browser's. */
    timeZone: string;
  };
  minors: {
    /** Daily use quota per age band, in minutes. */
    dailyQuotaMinutes: Record<AgeBand, number>;
    /** Continuous use before a rest reminder, in minutes. */
    restReminderMinutes: number;
    /** Curfew window, local "HH:MM" start and end; always covers at least 22:00–06:00. */
    curfew: { start: string; end: string };
    /** Paid-feature caps per band (defaults from the online-game top-up rule). */
    payment: Record<AgeBand, PaymentCap>;
    /** PBKDF2 iterations for the guardian PIN. */
    pinIterations: number;
    /** Failed PIN attempts before lockout. */
    pinMaxAttempts: number;
  };
  /** Most clicks from the main interface to the training opt-out (4). */
  trainingOptOutMaxClicks: number;
  /** Complaint feedback time limit in working days (15, by analogy with the 2019 App rule). */
  complaintDeadlineWorkingDays: number;
  /** Minimum label text height as a share of the image or frame's shortest side (0.05). */
  labelMinTextRatio: number;
  /** Minimum seconds of playback the video start label stays (2). */
  videoLabelMinSeconds: number;
}

export interface ProfileWording {
  aiLabel: Wording;
  aiNotice: Wording;
  aiDisclosure: Wording;
  imageLabel: Wording;
  videoLabel: Wording;
  spokenLabel: Wording;
}

export interface Profile {
  id: ProfileId;
  /** Locale used when neither the element nor an ancestor sets `lang`. */
  defaultLocale: Locale;
  measures: Measures;
  wording: ProfileWording;
  thresholds: Thresholds;
}

const minorsCommon: Thresholds['minors'] = {
  // Under 8: 40 min (the guideline's 2023 draft; the 2024 text gives ≤ 1 h for all under 16: the stricter applies).
  dailyQuotaMinutes: { 'under-3': 40, '3-7': 40, '8-11': 60, '12-15': 60, '16-17': 120 },
  restReminderMinutes: 30,
  curfew: { start: '22:00', end: '06:00' },
  payment: {
    'under-3': { allowed: false, perTransaction: 0, perMonth: 0 },
    '3-7': { allowed: false, perTransaction: 0, perMonth: 0 },
    '8-11': { allowed: true, perTransaction: 5000, perMonth: 20000 },
    '12-15': { allowed: true, perTransaction: 5000, perMonth: 20000 },
    '16-17': { allowed: true, perTransaction: 10000, perMonth: 40000 },
  },
  pinIterations: 210_000,
  pinMaxAttempts: 5,
};

const thresholdsCommon: Thresholds = {
  suspension: { consecutive: 3, perDay: 5, durationMinutes: 24 * 60, timeZone: '' },
  minors: minorsCommon,
  trainingOptOutMaxClicks: 4,
  complaintDeadlineWorkingDays: 15,
  labelMinTextRatio: 0.05,
  videoLabelMinSeconds: 2,
};

/** The built-in profiles. Treat as read-only; use `configure()` to change the active settings. */
export const PROFILES: Readonly<Record<ProfileId, Profile>> = {
  cn: {
    id: 'cn',
    defaultLocale: 'zh-CN',
    measures: {
      aiLabel: true,
      aiNotice: true,
      aiNoticeDismissible: false,
      implicitLabel: true,
      aiDisclosure: false,
      report: true,
      dsaNotice: false,
      minorMode: true,
      trainingOptOut: true,
      prescreen: true,
    },
    wording: {
      aiLabel: { 'zh-CN': '内容由AI生成', en: 'AI-generated content' },
      aiNotice: { 'zh-CN': '本服务内容由人工智能生成合成', en: 'Content in this service is generated by AI' },
      aiDisclosure: { 'zh-CN': '您正在与人工智能系统对话', en: 'You are interacting with an AI system' },
      imageLabel: { 'zh-CN': 'AI生成', en: 'AI-generated' },
      videoLabel: { 'zh-CN': '人工智能生成', en: 'AI-generated' },
      spokenLabel: { 'zh-CN': '以下内容由人工智能生成', en: 'The following content is AI-generated' },
    },
    thresholds: thresholdsCommon,
  },
  eu: {
    id: 'eu',
    defaultLocale: 'en',
    measures: {
      aiLabel: true,
      aiNotice: true,
      aiNoticeDismissible: true,
      implicitLabel: true,
      aiDisclosure: true,
      report: true,
      dsaNotice: true,
      minorMode: true,
      trainingOptOut: true,
      prescreen: true,
    },
    wording: {
      aiLabel: { 'zh-CN': '内容由AI生成', en: 'AI-generated' },
      aiNotice: {
        'zh-CN': '您正在与人工智能系统交互，回复由AI生成',
        en: 'You are interacting with an AI system. Replies are AI-generated.',
      },
      aiDisclosure: { 'zh-CN': '您正在与人工智能系统对话', en: 'You are interacting with an AI system' },
      imageLabel: { 'zh-CN': 'AI生成', en: 'AI-generated' },
      videoLabel: { 'zh-CN': 'AI生成', en: 'AI-generated' },
      spokenLabel: { 'zh-CN': '以下内容由人工智能生成', en: 'The following content is AI-generated' },
    },
    thresholds: thresholdsCommon,
  },
};

/** Measures a profile cannot switch off: configuring them off is refused. */
export const REQUIRED_MEASURES: Readonly<Record<ProfileId, readonly (keyof Measures)[]>> = {
  cn: ['aiLabel', 'aiNotice', 'implicitLabel', 'report', 'trainingOptOut'],
  eu: ['aiLabel', 'implicitLabel', 'aiDisclosure', 'report', 'dsaNotice'],
};
