// Audio export with the explicit label in the sound (GB 45438-2025 §5.3; Labeling Measures Art. 4(2) and the last
// paragraph): the rhythm cue (short-long-short-short, Morse "AI") or a recorded spoken label is mixed in at the
// start (and optionally the end) with an OfflineAudioContext, the content ducked under it so it stays audible.
// Encoded to WAV (16-bit PCM, written here, no dependency) with the RIFF `AIGC` chunk, or to Opus in Ogg or WebM
// with mediabunny (MPL-2.0, loaded only then) and the browser's WebCodecs Opus encoder, with the Vorbis comment
// (Ogg) or SimpleTag (WebM) `AIGC`.
import { getConfig } from '@anquan/core/config-state';
import { type Locale, resolveLocale } from '@anquan/core/i18n';
import type { ProfileId } from '@anquan/core/profiles';
import { type AudioCueOptions, audioCueDuration, scheduleAudioCue } from '../audio/audio-cue.js';
import { type ImplicitLabel, serializeLabel } from '../metadata/index.js';
import { wavLabelChunk } from '../metadata/wav.js';
import { wordingOrThrow } from '../wording.js';
import { MediaExportError, type MediaExportProgress, throwIfAborted } from './media-error.js';
import { CappedSink } from './sink.js';

export interface AudioExportOptions {
  /** `wav` (default), `ogg` (Opus) or `webm` (Opus). Opus needs the browser's WebCodecs AudioEncoder. */
  format?: 'wav' | 'ogg' | 'webm';
  /** Where the label sounds: `start` (default), `end` or `both`. */
  position?: 'start' | 'end' | 'both';
  /**
   * A recorded spoken label (a clip that says the label wording, with both elements) used instead of the rhythm
   * cue. Its wording is checked with `text`/the profile's spoken wording; the clip itself is the host's duty.
   */
  voice?: Blob | AudioBuffer;
  /** The rhythm cue's timing, pitch and level (default 100 ms unit, 880 Hz, gain 0.5). */
  cue?: AudioCueOptions;
  /** Gain of the content under the label (default 0.25: ducked so the label is heard; 1 leaves it). */
  duck?: number;
  /** Seconds of lead-in before the label (default 0.05). */
  offset?: number;
  /** Output sample rate (default: the source's for WAV, else 48 000). */
  sampleRate?: number;
  /** Stop with `too-large` when the input or the output passes this many bytes (default 256 MiB). */
  maxBytes?: number;
  signal?: AbortSignal;
  onProgress?: (progress: MediaExportProgress) => void;
  locale?: Locale | string;
  profile?: ProfileId;
  /** Custom spoken wording (must contain both elements; else a LabelWordingError). */
  text?: string;
}

export interface AudioExportResult {
  blob: Blob;
  format: 'wav' | 'ogg' | 'webm';
  /** `rhythm-cue` or `voice`. */
  label: 'rhythm-cue' | 'voice';
  /** Where the label sounds, `[from, to)` in seconds. */
  windows: [number, number][];
  sampleRate: number;
  duration: number;
}

const DEFAULT_MAX = 256 * 2 ** 20;

/** The sample rate in a RIFF/WAVE header, or null. */
function wavRate(b: Uint8Array): number | null {
  const ascii = (o: number) => String.fromCharCode(b[o]!, b[o + 1]!, b[o + 2]!, b[o + 3]!);
  if (b.length < 44 || ascii(0) !== 'RIFF' || ascii(8) !== 'WAVE') return null;
  let at = 12;
  for (let i = 0; i < 64 && at + 8 <= b.length; i++) {
    const size = b[at + 4]! | (b[at + 5]! << 8) | (b[at + 6]! << 16) | (b[at + 7]! << 24);
    if (ascii(at) === 'fmt ' && at + 16 <= b.length) return (b[at + 12]! | (b[at + 13]! << 8) | (b[at + 14]! << 16)) >>> 0;
    at += 8 + (size >>> 0) + (size & 1);
  }
  return null;
}

async function decode(data: ArrayBuffer, sampleRate: number): Promise<AudioBuffer> {
  const ctx = new OfflineAudioContext(1, 1, sampleRate);
  try {
    return await ctx.decodeAudioData(data);
  } catch (err) {
    throw new MediaExportError('unsupported-media', { detail: String((err as Error)?.message ?? err) }, { cause: err });
  }
}

/** Frames converted per main-thread task (1 s at 48 kHz: about 2–3 ms here), so a long export never blocks the page. */
const WAV_SLICE = 48_000;

/**
 * 16-bit PCM WAV of an AudioBuffer, converted in slices with a yield to the event loop between them
 * (a minute of stereo audio was one 144 ms task: `node test/bench/media-export.bench.mjs`). With `labelJson`
 * (a serialized implicit label) the RIFF `AIGC` chunk is written in the header, before `data`, where
 * `writeImplicitLabel` puts it: the file is then built once, never copied again for the label (that copy of
 * a minute of stereo audio was the last main-thread task over 50 ms).
 */
export async function encodeWav(buffer: AudioBuffer, signal?: AbortSignal, labelJson?: string): Promise<Uint8Array> {
  const channels = buffer.numberOfChannels;
  const frames = buffer.length;
  const dataSize = frames * channels * 2;
  const aigc = labelJson === undefined ? null : wavLabelChunk(labelJson);
  const dataAt = 36 + (aigc?.length ?? 0);
  const out = new Uint8Array(dataAt + 8 + dataSize);
  const v = new DataView(out.buffer);
  const str = (o: number, s: string) => {
    for (let i = 0; i < s.length; i++) out[o + i] = s.charCodeAt(i);
  };
  str(0, 'RIFF');
  v.setUint32(4, out.length - 8, true);
  str(8, 'WAVE');
  str(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true);
  v.setUint16(22, channels, true);
  v.setUint32(24, buffer.sampleRate, true);
  v.setUint32(28, buffer.sampleRate * channels * 2, true);
  v.setUint16(32, channels * 2, true);
  v.setUint16(34, 16, true);
  if (aigc) out.set(aigc, 36);
  str(dataAt, 'data');
  v.setUint32(dataAt + 4, dataSize, true);
  const planes = Array.from({ length: channels }, (_, c) => buffer.getChannelData(c));
  let o = dataAt + 8;
  for (let from = 0; from < frames; from += WAV_SLICE) {
    if (from) {
      await new Promise((r) => setTimeout(r, 0));
      throwIfAborted(signal);
    }
    const to = Math.min(frames, from + WAV_SLICE);
    for (let i = from; i < to; i++) {
      for (let c = 0; c < channels; c++) {
        const s = Math.max(-1, Math.min(1, planes[c]![i]!));
        v.setInt16(o, s < 0 ? s * 0x8000 : s * 0x7fff, true);
        o += 2;
      }
    }
  }
  return out;
}

/**
 * Mix the audio label into `blob` (any format the browser decodes) and encode it with the implicit label.
 * @throws MediaExportError (`too-large`, `aborted`, `no-encoder`, `unsupported-media`), LabelWordingError,
 *   ImplicitLabelError
 */
export async function exportLabelledAudio(blob: Blob, label: ImplicitLabel, options: AudioExportOptions = {}): Promise<AudioExportResult> {
  const config = getConfig(options.profile);
  const locale = options.locale ? resolveLocale(options.locale) : config.defaultLocale;
  wordingOrThrow(config, 'spokenLabel', locale, options.text); // a refused wording fails before any work
  const json = serializeLabel(label);
  const format = options.format ?? 'wav';
  if (!['wav', 'ogg', 'webm'].includes(format))
    throw new RangeError(`[anquan] exportLabelledAudio: format "${format}" is not wav, ogg or webm`);
  const position = options.position ?? 'start';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX;
  const { signal } = options;
  throwIfAborted(signal);
  if (blob.size > maxBytes) throw new MediaExportError('too-large', { limit: Math.round(maxBytes / 2 ** 20) });
  const progress = (p: number, s: number, bytes: number) => options.onProgress?.({ progress: p, processedSeconds: s, bytes });

  const data = await blob.arrayBuffer();
  const sampleRate = options.sampleRate ?? (format === 'wav' ? (wavRate(new Uint8Array(data)) ?? 48_000) : 48_000);
  const source = await decode(data, sampleRate);
  throwIfAborted(signal);
  const voice = options.voice instanceof Blob ? await decode(await options.voice.arrayBuffer(), sampleRate) : (options.voice ?? null);
  const cue = { unit: 0.1, frequency: 880, gain: 0.5, ...options.cue };
  const labelLength = voice ? voice.duration : audioCueDuration(cue);
  const offset = Math.max(0, options.offset ?? 0.05);
  const duration = Math.max(source.duration, labelLength + 2 * offset);
  const starts: number[] = [];
  if (position !== 'end') starts.push(offset);
  if (position !== 'start') starts.push(Math.max(offset, duration - offset - labelLength));
  const windows = starts.map((t) => [t, t + labelLength] as [number, number]);

  const channels = Math.min(2, Math.max(1, source.numberOfChannels));
  const ctx = new OfflineAudioContext(channels, Math.ceil(duration * sampleRate), sampleRate);
  const content = ctx.createBufferSource();
  content.buffer = source;
  const duck = ctx.createGain();
  const level = Math.max(0, Math.min(1, options.duck ?? 0.25));
  for (const [a, b] of windows) {
    duck.gain.setValueAtTime(1, Math.max(0, a - 0.02));
    duck.gain.linearRampToValueAtTime(level, a);
    duck.gain.setValueAtTime(level, b);
    duck.gain.linearRampToValueAtTime(1, b + 0.02);
  }
  content.connect(duck).connect(ctx.destination);
  content.start(0);
  for (const t of starts) {
    if (voice) {
      const v = ctx.createBufferSource();
      v.buffer = voice;
      v.connect(ctx.destination);
      v.start(t);
    } else {
      scheduleAudioCue(ctx, t, ctx.destination, cue);
    }
  }
  // An OfflineAudioContext cannot be stopped once it renders (faster than real time); the signal is checked after.
  const mixed = await ctx.startRendering();
  throwIfAborted(signal);
  progress(0.5, duration, 0);

  let bytes: Uint8Array;
  let type: string;
  if (format === 'wav') {
    bytes = await encodeWav(mixed, signal, json);
    type = 'audio/wav';
  } else {
    const mb = await import('mediabunny');
    if (!(await mb.canEncodeAudio('opus', { numberOfChannels: channels, sampleRate })))
      throw new MediaExportError('no-encoder', { codec: 'opus' });
    let cancelled = false;
    let output: InstanceType<typeof mb.Output> | null = null;
    const sink = new CappedSink(maxBytes, () => {
      cancelled = true;
      void output?.cancel();
    });
    output = new mb.Output({
      format: format === 'ogg' ? new mb.OggOutputFormat() : new mb.WebMOutputFormat(),
      target: new mb.StreamTarget(
        new WritableStream<{ type: 'write'; data: Uint8Array; position: number }>({ write: (c) => sink.write(c.data, c.position) }),
      ),
    });
    const track = new mb.AudioBufferSource({ codec: 'opus', quality: new mb.Quality('high') });
    output.addAudioTrack(track);
    // Ogg: a Vorbis comment AIGC in the Opus header; WebM: a SimpleTag AIGC (TargetTypeValue 50).
    output.setMetadataTags({ raw: { AIGC: json } });
    const onAbortOut = () => void output?.cancel();
    signal?.addEventListener('abort', onAbortOut, { once: true });
    try {
      await output.start();
      const step = sampleRate; // one second at a time, so progress and cancel act during long files
      for (let at = 0; at < mixed.length; at += step) {
        throwIfAborted(signal);
        if (cancelled) break;
        const n = Math.min(step, mixed.length - at);
        const part = new AudioBuffer({ length: n, numberOfChannels: channels, sampleRate });
        for (let c = 0; c < channels; c++) part.copyToChannel(mixed.getChannelData(c).subarray(at, at + n), c);
        await track.add(part);
        progress(0.5 + (0.5 * (at + n)) / mixed.length, (at + n) / sampleRate, sink.size);
      }
      if (!cancelled) await output.finalize();
    } catch (err) {
      if (signal?.aborted) throw new MediaExportError('aborted', {}, { cause: signal.reason });
      if (!sink.over) throw err;
    } finally {
      signal?.removeEventListener('abort', onAbortOut);
    }
    throwIfAborted(signal);
    if (sink.over) throw new MediaExportError('too-large', { limit: Math.round(maxBytes / 2 ** 20) });
    bytes = sink.bytes();
    type = format === 'ogg' ? 'audio/ogg' : 'audio/webm';
  }
  if (bytes.byteLength > maxBytes) throw new MediaExportError('too-large', { limit: Math.round(maxBytes / 2 ** 20) });
  progress(1, duration, bytes.byteLength);
  return {
    blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type }),
    format,
    label: voice ? 'voice' : 'rhythm-cue',
    windows,
    sampleRate,
    duration,
  };
}
