/**
 * @anquan/label: explicit AI-content labels for text, chat, image, video and audio (GB 45438-2025 §5, Labeling
 * Measures Art. 4, AI Act Art. 50), the platform-side badge and declaration (Art. 6), the labelling notice
 * (Art. 8), and GB 45438 implicit labels in real files (re-exported from `./metadata`). No side effects:
 * import `@anquan/label/register` to define the tags.
 * @packageDocumentation
 */
import './events.js';

export { AiImage } from './ai-image/ai-image.component.js';
export { type BurnInLayout, type BurnInOptions, type BurnInSource, burnInImageLabel, burnInLayout } from './ai-image/burn-in.js';
export { VISUAL_POSITIONS, type VisualPosition } from './ai-image/positions.js';
export { AiLabel, LABEL_POSITIONS, type LabelPosition } from './ai-label/ai-label.component.js';
export { AiNotice, NOTICE_POSITIONS, type NoticePosition } from './ai-notice/ai-notice.component.js';
export { AiVideo, containedFrame } from './ai-video/ai-video.component.js';
export { AigcBadge } from './aigc-badge/aigc-badge.component.js';
export { aigcTier } from './aigc-badge/tier.js';
export { AigcDeclare } from './aigc-declare/aigc-declare.component.js';
export { AUDIO_CUE_PATTERN, type AudioCueOptions, audioCueDuration, playAudioCue, renderAudioCue, scheduleAudioCue } from './audio/audio-cue.js';
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
export { copyLabelledText, type DownloadOptions, downloadLabelled, installLabelledCopy, labelTextForExport, type TextExportOptions } from './export/export.js';
export { LabellingNotice } from './labelling-notice/labelling-notice.component.js';
export { t as labelMessages } from './messages.js';
export * from './metadata/index.js';
export { isValidLabelWording, LABEL_ELEMENTS_RULE, type LabelKind, LabelWordingError, labelFontSize, resolveWording, wordingOrThrow } from './wording.js';
