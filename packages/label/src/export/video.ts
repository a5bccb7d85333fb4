// Video export with the explicit label in the frames (GB 45438-2025 §5.4; Labeling Measures Art. 4(4) and the
// last paragraph: the downloaded file carries the explicit label itself). The video is decoded and re-encoded
// in the browser with WebCodecs; mediabunny (MPL-2.0, loaded by dynamic import only when a video is exported)
// demuxes and muxes. The audio track is copied packet for packet, never re-encoded. The implicit label goes
// into the container: MP4/MOV `moov.udta.meta` (the metadata writer of this package), WebM/MKV `SimpleTag`
// `AIGC` (TargetTypeValue 50).
import { getConfig } from '@anquan/core/config-state';
import { type Locale, resolveLocale } from '@anquan/core/i18n';
import type { ProfileId } from '@anquan/core/profiles';
import { drawLabel } from '../ai-image/burn-in.js';
import { VISUAL_POSITIONS, type VisualPosition } from '../ai-image/positions.js';
import { type ImplicitLabel, serializeLabel, writeImplicitLabel } from '../metadata/index.js';
import { wordingOrThrow } from '../wording.js';
import { MediaExportError, type MediaExportProgress, throwIfAborted } from './media-error.js';
import { CappedSink } from './sink.js';

/** Where, besides the start, the label is drawn; each window's length in seconds. */
export interface VideoLabelWindows {
  /** Seconds from the start (default `thresholds.videoLabelMinSeconds`, 2 s; never less). */
  start?: number;
  /** Seconds around the middle (default 0: none). */
  middle?: number;
  /** Seconds before the end (default 0: none). */
  end?: number;
}

export interface VideoExportOptions extends VideoLabelWindows {
  /** Custom wording (must contain both elements; else a LabelWordingError). Default: the profile's video wording. */
  text?: string;
  locale?: Locale | string;
  profile?: ProfileId;
  /** Edge or corner of the label; default `top-left` (as `<aq-ai-video>`). */
  position?: VisualPosition;
  /** Stop with `too-large` when the output passes this many bytes (default 512 MiB). */
  maxBytes?: number;
  /** Refuse inputs over this many bytes (default `maxBytes`). */
  maxInputBytes?: number;
  /** Cancels the export (rejects with a `MediaExportError` whose code is `aborted`, name `AbortError`). */
  signal?: AbortSignal;
  /** Called as the export progresses. */
  onProgress?: (progress: MediaExportProgress) => void;
}

/** What the export did: the labelled file plus how it was made. */
export interface VideoExportResult {
  blob: Blob;
  /** `mp4`, `webm` or `mkv`. */
  container: 'mp4' | 'webm' | 'mkv';
  /** The video codec the frames were encoded with (`avc`, `vp9`, `vp8`, `av1`). */
  videoCodec: string;
  /** The audio codec copied unchanged, or null for a video without audio. */
  audioCodec: string | null;
  /** The label windows actually drawn, in seconds of media time: `[from, to)` pairs. */
  windows: [number, number][];
  /** The label box in frame pixels and its font size (glyphs ≥ 5% of the shortest side). */
  layout: { fontSize: number; box: { x: number; y: number; width: number; height: number } };
}

const DEFAULT_MAX = 512 * 2 ** 20;

/** The label windows of a `duration`-second video. */
export function videoLabelWindows(duration: number, minStart: number, windows: VideoLabelWindows = {}): [number, number][] {
  const start = Math.max(minStart, windows.start ?? minStart);
  const out: [number, number][] = [[0, Math.min(start, duration)]];
  const middle = Math.max(0, windows.middle ?? 0);
  if (middle > 0) out.push([Math.max(0, duration / 2 - middle / 2), Math.min(duration, duration / 2 + middle / 2)]);
  const end = Math.max(0, windows.end ?? 0);
  if (end > 0) out.push([Math.max(0, duration - end), duration]);
  return out;
}

/**
 * Re-encode `blob` (MP4/MOV or WebM/MKV) with the explicit label drawn into the frames of the label windows and
 * the implicit label in the container. Streams: frames are decoded, drawn and encoded one at a time, the output
 * is capped at `maxBytes`, `onProgress` reports, `signal` cancels.
 * @throws MediaExportError (`too-large`, `aborted`, `no-encoder`, `unsupported-media`, `audio-dropped`),
 *   LabelWordingError, ImplicitLabelError
 */
export async function exportLabelledVideo(blob: Blob, label: ImplicitLabel, options: VideoExportOptions = {}): Promise<VideoExportResult> {
  const config = getConfig(options.profile);
  const locale = options.locale ? resolveLocale(options.locale) : config.defaultLocale;
  const text = wordingOrThrow(config, 'videoLabel', locale, options.text);
  const json = serializeLabel(label); // a bad label fails before any work
  const position = options.position && VISUAL_POSITIONS.includes(options.position) ? options.position : 'top-left';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const { signal } = options;
  throwIfAborted(signal);
  const maxInput = options.maxInputBytes ?? maxBytes;
  if (blob.size > maxInput) throw new MediaExportError('too-large', { limit: Math.round(maxInput / 2 ** 20) });

  const mb = await import('mediabunny');
  throwIfAborted(signal);
  const input = new mb.Input({ source: new mb.BlobSource(blob), formats: mb.ALL_FORMATS });
  try {
    let format: InstanceType<typeof mb.InputFormat>;
    let videoTrack: Awaited<ReturnType<typeof input.getPrimaryVideoTrack>>;
    let audioTrack: Awaited<ReturnType<typeof input.getPrimaryAudioTrack>>;
    let duration: number;
    try {
      format = await input.getFormat();
      videoTrack = await input.getPrimaryVideoTrack();
      audioTrack = await input.getPrimaryAudioTrack();
      duration = await input.computeDuration();
    } catch (err) {
      throw new MediaExportError('unsupported-media', { detail: String((err as Error)?.message ?? err) }, { cause: err });
    }
    if (!videoTrack) throw new MediaExportError('unsupported-media', { detail: 'no video track' });

    const isoBmff = format instanceof mb.IsobmffInputFormat;
    const matroska = format instanceof mb.MatroskaInputFormat;
    if (!isoBmff && !matroska) throw new MediaExportError('unsupported-media', { detail: format.name });
    const audioCodec = audioTrack?.codec ?? null;
    const container: VideoExportResult['container'] = isoBmff
      ? 'mp4'
      : audioCodec === null || audioCodec === 'opus' || audioCodec === 'vorbis'
        ? 'webm'
        : 'mkv';
    const outFormat =
      container === 'mp4'
        ? new mb.Mp4OutputFormat({ fastStart: false })
        : container === 'webm'
          ? new mb.WebMOutputFormat()
          : new mb.MkvOutputFormat();
    if (audioCodec && !outFormat.getSupportedAudioCodecs().includes(audioCodec)) {
      throw new MediaExportError('audio-dropped', { detail: `${audioCodec} in ${container}` });
    }
    const width = videoTrack.displayWidth;
    const height = videoTrack.displayHeight;
    const preferred: import('mediabunny').VideoCodec[] = container === 'mp4' ? ['avc', 'vp9', 'av1'] : ['vp9', 'vp8', 'av1'];
    const candidates = preferred.filter((c) => outFormat.getSupportedVideoCodecs().includes(c));
    const videoCodec = await mb.getFirstEncodableVideoCodec(candidates, { width, height });
    if (!videoCodec) throw new MediaExportError('no-encoder', { codec: candidates.join(', ') });
    throwIfAborted(signal);

    const windows = videoLabelWindows(duration, config.thresholds.videoLabelMinSeconds, options);
    const inWindow = (t: number) => windows.some(([a, b]) => t >= a && t < b);
    const canvas = new OffscreenCanvas(width, height);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('[anquan] exportLabelledVideo: no 2D canvas context');
    let layout: VideoExportResult['layout'] | null = null;
    let first: number | null = null;

    let conversion: Awaited<ReturnType<typeof mb.Conversion.init>> | null = null;
    const sink = new CappedSink(maxBytes, () => void conversion?.cancel());
    const target = new mb.StreamTarget(
      new WritableStream<{ type: 'write'; data: Uint8Array; position: number }>({
        write: (chunk) => sink.write(chunk.data, chunk.position),
      }),
    );
    const output = new mb.Output({ format: outFormat, target });
    conversion = await mb.Conversion.init({
      input,
      output,
      showWarnings: false,
      video: {
        codec: videoCodec,
        forceTranscode: true,
        process: (sample) => {
          first ??= sample.timestamp;
          const t = sample.timestamp - Math.min(first, 0);
          // Every frame goes through the canvas, labelled or not, so the whole stream has one colour pipeline
          // (RGB to the encoder): frames passed through as decoded YUV would be tagged with the canvas
          // frames' full range and play back with the wrong levels.
          ctx.clearRect(0, 0, width, height);
          sample.draw(ctx, 0, 0, width, height);
          if (inWindow(t)) layout = drawLabel(ctx, width, height, text, position, config.thresholds.labelMinTextRatio);
          return canvas;
        },
      },
      audio: { forceTranscode: false },
      // The container's own tags stay; any AIGC tag of the source is replaced by this export's label.
      tags: (tags) => {
        const raw = { ...(tags.raw ?? {}) };
        for (const key of Object.keys(raw)) if (/aigc/i.test(key)) delete raw[key];
        if (container !== 'mp4') raw.AIGC = json;
        return { ...tags, raw };
      },
    });
    if (!conversion.isValid || (audioTrack && !conversion.utilizedTracks.includes(audioTrack))) {
      const reason = conversion.discardedTracks.map((d) => `${d.track.type}: ${d.reason}`).join('; ');
      if (!conversion.utilizedTracks.includes(videoTrack)) throw new MediaExportError('no-encoder', { codec: `${videoCodec} (${reason})` });
      throw new MediaExportError('audio-dropped', { detail: reason });
    }
    conversion.onProgress = (progress, processedSeconds) => options.onProgress?.({ progress, processedSeconds, bytes: sink.size });
    const onAbort = () => void conversion?.cancel();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await conversion.execute();
    } catch (err) {
      if (err instanceof MediaExportError) throw err;
      if (signal?.aborted) throw new MediaExportError('aborted', {}, { cause: signal.reason });
      if (sink.over) {
        // Cancelled by the size cap: the sink threw first.
        throw new MediaExportError('too-large', { limit: Math.round(maxBytes / 2 ** 20) }, { cause: err });
      }
      throw err;
    } finally {
      signal?.removeEventListener('abort', onAbort);
    }
    throwIfAborted(signal);
    if (sink.over) throw new MediaExportError('too-large', { limit: Math.round(maxBytes / 2 ** 20) });
    let bytes = sink.bytes();
    if (container === 'mp4') bytes = writeImplicitLabel(bytes, label);
    if (bytes.byteLength > maxBytes) throw new MediaExportError('too-large', { limit: Math.round(maxBytes / 2 ** 20) });
    const type = container === 'mp4' ? 'video/mp4' : container === 'webm' ? 'video/webm' : 'video/x-matroska';
    options.onProgress?.({ progress: 1, processedSeconds: duration, bytes: bytes.byteLength });
    return {
      blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
      container,
      videoCodec,
      audioCodec,
      windows,
      layout: layout ?? { fontSize: 0, box: { x: 0, y: 0, width: 0, height: 0 } },
    };
  } finally {
    input.dispose();
  }
}
