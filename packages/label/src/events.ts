// The events of @anquan/label, added to core's typed event map.
import type { ImplicitLabel, LabelValue, LabelWarning } from './metadata/index.js';

/** Badge tiers (Labeling Measures Art. 6): is, may be, suspected AI-generated; `none` for unlabelled content. */
export type AigcTier = 'is' | 'may' | 'suspected' | 'none';

export interface AigcBadgeReadDetail {
  tier: AigcTier;
  /** The implicit label read from the file, or null. */
  label: Required<ImplicitLabel> | null;
  /** The sniffed format, or null when the bytes are not a supported format. */
  format: string | null;
  /** How many implicit labels the file holds (more than 1 breaks GB 45438 §6.1 c)). */
  count: number;
  /** The `Label` value the file declares ("1", "2", "3"), even when another field is malformed; null without one. */
  declared: LabelValue | null;
  /** Problems with the stored label, each naming the field at fault (the tier still follows `declared`). */
  warnings: LabelWarning[];
  /** Where the file was read: a worker, or the main thread where no worker could start. */
  thread?: 'worker' | 'main';
  /** Why the label could not be read, if it could not. */
  error?: string;
}

export interface AigcDeclaredDetail {
  name: string;
  declared: boolean;
}

export interface AiNoticeDismissedDetail {
  position: 'top' | 'bottom';
}

export interface AiVideoLabelChangedDetail {
  /** Media time (s) when the start label changed visibility. */
  currentTime: number;
  visible: boolean;
}

/** Where `<aq-ai-video>` shows the video: inline, full screen (the wrapper, label included) or picture-in-picture. */
export type AiVideoDisplayMode = 'inline' | 'fullscreen' | 'pip-document' | 'pip-canvas';

export interface AiVideoDisplayChangedDetail {
  mode: AiVideoDisplayMode;
  /** Set when a display without the label was refused (the bare `<video>` in full screen), with the reason. */
  refused?: string;
}

export interface AiImageLabelSizedDetail {
  /** Rendered shortest side of the image (CSS px). */
  shortestSide: number;
  /** Font size applied to the label text (CSS px). */
  fontSize: number;
}

export interface LabelCopiedDetail {
  text: string;
}

/** What the host answers to `aq-request-unlabelled-copy` (Labeling Measures Art. 9). */
export type UnlabelledCopyDecision =
  | { allow: true; agreement: { version: string; acceptedAt: string | Date } }
  | { allow: false; reason?: string };

/**
 * Intent: a user asks for a copy without the explicit label. Global (window). The host decides by calling
 * `respond()` during dispatch; without a response the copy is refused.
 */
export interface RequestUnlabelledCopyDetail {
  source: string;
  requester: string;
  purpose: string;
  recipient: string;
  /** The file's MIME type. */
  contentType: string;
  respond(decision: UnlabelledCopyDecision | Promise<UnlabelledCopyDecision>): void;
}

/** Fact: a copy without the explicit label was handed out (its record is queued for the intake). */
export interface UnlabelledCopyMadeDetail {
  recordId: string;
  requester: string;
  purpose: string;
  recipient: string;
  /** The implicit-label carrier written (the implicit label is always kept). */
  format: string;
}

declare module '@anquan/core/events' {
  interface AnquanEventMap {
    'aq-request-unlabelled-copy': RequestUnlabelledCopyDetail;
    'aq-unlabelled-copy-made': UnlabelledCopyMadeDetail;
    'aq-aigc-badge-read': AigcBadgeReadDetail;
    'aq-aigc-declared': AigcDeclaredDetail;
    'aq-ai-notice-dismissed': AiNoticeDismissedDetail;
    'aq-ai-video-label-changed': AiVideoLabelChangedDetail;
    'aq-ai-video-display-changed': AiVideoDisplayChangedDetail;
    'aq-ai-image-label-sized': AiImageLabelSizedDetail;
    'aq-label-copied': LabelCopiedDetail;
  }
}
