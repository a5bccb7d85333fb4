// The typed error of video and audio export, with a localised message for the user.
import type { Locale } from '@anquan/core/i18n';
import { messages } from '../messages.js';

/**
 * Why a video or audio export stopped. No code leaves a file behind: an export that cannot draw the explicit
 * label fails closed, never falls back to the unlabelled source.
 *
 * - `too-large`: the input or the output passed `maxBytes`;
 * - `aborted`: the `signal` was aborted;
 * - `no-encoder`: the browser has no WebCodecs encoder for any codec the container takes;
 * - `unsupported-media`: the file is not a video or audio file the demuxer reads;
 * - `audio-dropped`: the audio track could not be copied unchanged into the output container.
 */
export type MediaExportErrorCode = 'too-large' | 'aborted' | 'no-encoder' | 'unsupported-media' | 'audio-dropped';

const KEYS = {
  'too-large': 'exportTooLarge',
  aborted: 'exportAborted',
  'no-encoder': 'exportNoEncoder',
  'unsupported-media': 'exportUnsupported',
  'audio-dropped': 'exportAudioDropped',
} as const;

export class MediaExportError extends Error {
  readonly code: MediaExportErrorCode;
  readonly params: Record<string, string | number>;
  constructor(code: MediaExportErrorCode, params: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(`[anquan] ${messages('en', KEYS[code], params)}`, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = code === 'aborted' ? 'AbortError' : 'MediaExportError';
    this.code = code;
    this.params = params;
  }

  /** The message in the user's language. */
  localizedMessage(locale: Locale): string {
    return messages(locale, KEYS[this.code], this.params);
  }
}

/** Progress of an export: `progress` 0–1, `processedSeconds` of media done, `bytes` written so far. */
export interface MediaExportProgress {
  progress: number;
  processedSeconds: number;
  bytes: number;
}

/** Throws the `aborted` error when `signal` is aborted. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new MediaExportError('aborted', {}, { cause: signal.reason });
}
