// The events of @anquan/label, added to core's typed event map.
import type { ImplicitLabel } from './metadata/index.js';

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

export interface VideoLabelDetail {
  /** Media time (s) when the start label changed visibility. */
  currentTime: number;
  visible: boolean;
}

export interface ImageLabelSizedDetail {
  /** Rendered shortest side of the image (CSS px). */
  shortestSide: number;
  /** Font size applied to the label text (CSS px). */
  fontSize: number;
}

export interface LabelCopiedDetail {
  text: string;
}

declare module '@anquan/core' {
  interface AnquanEventMap {
    'aq-aigc-badge-read': AigcBadgeReadDetail;
    'aq-aigc-declared': AigcDeclaredDetail;
    'aq-ai-notice-dismissed': AiNoticeDismissedDetail;
    'aq-video-label-changed': VideoLabelDetail;
    'aq-image-label-sized': ImageLabelSizedDetail;
    'aq-label-copied': LabelCopiedDetail;
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'aq-aigc-badge-read': CustomEvent<AigcBadgeReadDetail>;
    'aq-aigc-declared': CustomEvent<AigcDeclaredDetail>;
    'aq-ai-notice-dismissed': CustomEvent<AiNoticeDismissedDetail>;
    'aq-video-label-changed': CustomEvent<VideoLabelDetail>;
    'aq-image-label-sized': CustomEvent<ImageLabelSizedDetail>;
    'aq-label-copied': CustomEvent<LabelCopiedDetail>;
  }
}
