// The public entry points of video and audio export. The work (and mediabunny, MPL-2.0) is loaded by dynamic
// import on the first export, so a page that never exports media does not pay for it.
import type { ImplicitLabel } from '../metadata/index.js';
import type { AudioExportOptions, AudioExportResult } from './audio.js';
import type { VideoExportOptions, VideoExportResult } from './video.js';

export type { AudioExportOptions, AudioExportResult } from './audio.js';
export type { VideoExportOptions, VideoExportResult, VideoLabelWindows } from './video.js';

/**
 * Re-encode a video (MP4/MOV or WebM/MKV) with the explicit label drawn into the opening frames (at least
 * `thresholds.videoLabelMinSeconds`, glyphs ≥ `labelMinTextRatio` of the shortest side; optional middle and end
 * windows), the audio copied unchanged, and the implicit label in the container (MP4 `moov.udta.meta`,
 * WebM/MKV SimpleTag `AIGC`). Streams with a size cap, progress and an AbortSignal.
 * @throws MediaExportError, LabelWordingError, ImplicitLabelError
 */
export async function exportLabelledVideo(blob: Blob, label: ImplicitLabel, options: VideoExportOptions = {}): Promise<VideoExportResult> {
  const { exportLabelledVideo: run } = await import('./video.js');
  return run(blob, label, options);
}

/**
 * Mix the rhythm cue (or a recorded spoken label) into audio at the start and/or end, and encode it to WAV
 * (RIFF `AIGC` chunk) or Opus in Ogg (Vorbis comment `AIGC`) or WebM (SimpleTag `AIGC`).
 * @throws MediaExportError, LabelWordingError, ImplicitLabelError
 */
export async function exportLabelledAudio(blob: Blob, label: ImplicitLabel, options: AudioExportOptions = {}): Promise<AudioExportResult> {
  const { exportLabelledAudio: run } = await import('./audio.js');
  return run(blob, label, options);
}
