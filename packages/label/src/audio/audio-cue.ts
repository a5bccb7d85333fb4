// The audio rhythm label of GB 45438-2025 §5.3: short-long-short-short (Morse "AI": ·− ··), played with
// WebAudio. `scheduleAudioCue` works on any BaseAudioContext, so an OfflineAudioContext can render it.

/** A tone (`on`) or a silence, in units. Morse timing: dot 1, dash 3, gap within a letter 1, between letters 3. */
export const AUDIO_CUE_PATTERN: readonly { on: boolean; units: number }[] = [
  { on: true, units: 1 }, // short  (A: ·)
  { on: false, units: 1 },
  { on: true, units: 3 }, // long   (A: −)
  { on: false, units: 3 }, // letter gap
  { on: true, units: 1 }, // short  (I: ·)
  { on: false, units: 1 },
  { on: true, units: 1 }, // short  (I: ·)
];

export interface AudioCueOptions {
  /** Length of one unit in seconds (default 0.1: a short tone of 100 ms, a long one of 300 ms). */
  unit?: number;
  /** Tone frequency in Hz (default 880). */
  frequency?: number;
  /** Peak gain, 0–1 (default 0.25). */
  gain?: number;
}

/** Total length of the cue in seconds. */
export function audioCueDuration(options: AudioCueOptions = {}): number {
  const unit = options.unit ?? 0.1;
  return AUDIO_CUE_PATTERN.reduce((s, p) => s + p.units, 0) * unit;
}

/**
 * Schedule the cue on `context` at `when` (context time), into `destination`. Returns the end time.
 * Each tone has 5 ms attack and release ramps, so it does not click.
 */
export function scheduleAudioCue(
  context: BaseAudioContext,
  when = context.currentTime,
  destination: AudioNode = context.destination,
  options: AudioCueOptions = {},
): number {
  const unit = options.unit ?? 0.1;
  const peak = options.gain ?? 0.25;
  const ramp = Math.min(0.005, unit / 4);
  const osc = context.createOscillator();
  osc.type = 'sine';
  osc.frequency.value = options.frequency ?? 880;
  const gain = context.createGain();
  gain.gain.setValueAtTime(0, when);
  osc.connect(gain).connect(destination);
  let t = when;
  for (const part of AUDIO_CUE_PATTERN) {
    const end = t + part.units * unit;
    if (part.on) {
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(peak, t + ramp);
      gain.gain.setValueAtTime(peak, end - ramp);
      gain.gain.linearRampToValueAtTime(0, end);
    }
    t = end;
  }
  osc.start(when);
  osc.stop(t + 0.01);
  return t;
}

/** Render the cue offline (for tests and for mixing into exported audio). */
export function renderAudioCue(options: AudioCueOptions & { sampleRate?: number } = {}): Promise<AudioBuffer> {
  const sampleRate = options.sampleRate ?? 44100;
  const duration = audioCueDuration(options) + 0.05;
  const ctx = new OfflineAudioContext(1, Math.ceil(duration * sampleRate), sampleRate);
  scheduleAudioCue(ctx, 0, ctx.destination, options);
  return ctx.startRendering();
}

let shared: AudioContext | null = null;

/**
 * Play the rhythm label now. Resolves when the cue has played. Pass `context` to use the host's AudioContext.
 * Browsers may keep an AudioContext suspended until a user gesture; call it from one.
 */
export async function playAudioCue(options: AudioCueOptions & { context?: AudioContext } = {}): Promise<void> {
  const ctx = options.context ?? (shared ??= new AudioContext());
  if (ctx.state === 'suspended') await ctx.resume();
  const end = scheduleAudioCue(ctx, ctx.currentTime + 0.02, ctx.destination, options);
  await new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, (end - ctx.currentTime) * 1000)));
}
