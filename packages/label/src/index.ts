/**
 * @anquan/label: explicit AI-content labels for text, chat, image, video and audio (GB 45438-2025 §5, Labeling
 * Measures Art. 4, AI Act Art. 50), the platform-side badge and declaration (Art. 6), the labelling notice
 * (Art. 8), and GB 45438 implicit labels in real files (re-exported from `./metadata`). No side effects:
 * import `@anquan/label/register` to define the tags.
 * @packageDocumentation
 */
import './events.js';

export { AqAiImage } from './ai-image/ai-image.component.js';
export { type BurnInLayout, type BurnInOptions, type BurnInSource, burnInImageLabel, burnInLayout, drawLabel } from './ai-image/burn-in.js';
export { fontSizeForGlyphHeight, type GlyphSizeOptions, glyphHeight, LABEL_FONT_FAMILY, labelGlyphFontSize } from './ai-image/glyph.js';
export { VISUAL_POSITIONS, type VisualPosition } from './ai-image/positions.js';
export { AqAiLabel, LABEL_POSITIONS, type LabelPosition } from './ai-label/ai-label.component.js';
export { AqAiNotice, NOTICE_POSITIONS, type NoticePosition } from './ai-notice/ai-notice.component.js';
export { AqAiVideo, containedFrame } from './ai-video/ai-video.component.js';
export { AqAigcBadge } from './aigc-badge/aigc-badge.component.js';
export { aigcTier } from './aigc-badge/tier.js';
export { AqAigcDeclare } from './aigc-declare/aigc-declare.component.js';
export {
  AUDIO_CUE_PATTERN,
  type AudioCueOptions,
  audioCueDuration,
  playAudioCue,
  renderAudioCue,
  scheduleAudioCue,
} from './audio/audio-cue.js';
export {
  audioCueSource,
  audioUrlSource,
  type SpeechSource,
  SpokenLabeler,
  type SpokenLabelOptions,
  type SpokenPosition,
  speechSynthesisSource,
  ttsCallbackSource,
} from './audio/spoken-label.js';
export type * from './events.js';
export {
  type ConversationExportOptions,
  type ConversationMessage,
  type DocumentFormat,
  exportConversation,
  exportLabelLine,
} from './export/documents.js';
export {
  copyLabelledText,
  type DownloadOptions,
  downloadLabelled,
  installLabelledCopy,
  labelTextForExport,
  type TextExportOptions,
} from './export/export.js';
export {
  type AudioExportOptions,
  type AudioExportResult,
  exportLabelledAudio,
  exportLabelledVideo,
  type VideoExportOptions,
  type VideoExportResult,
  type VideoLabelWindows,
} from './export/media.js';
export { MediaExportError, type MediaExportErrorCode, type MediaExportProgress } from './export/media-error.js';
export {
  requestUnlabelledCopy,
  type UnlabelledCopy,
  UnlabelledCopyError,
  type UnlabelledCopyErrorCode,
  type UnlabelledCopyOptions,
  type UnlabelledCopyRequest,
} from './export/unlabelled.js';
export { AqLabellingNotice } from './labelling-notice/labelling-notice.component.js';
export { messages as labelMessages } from './messages.js';
export * from './metadata/index.js';
export {
  isValidLabelWording,
  LABEL_ELEMENTS_RULE,
  type LabelKind,
  LabelWordingError,
  labelFontSize,
  resolveWording,
  wordingOrThrow,
} from './wording.js';
