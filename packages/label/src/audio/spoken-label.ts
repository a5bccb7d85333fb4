// The spoken label of GB 45438-2025 §5.3: the label wording read out at the start and/or end of audio
// output; in voice-assistant mode at each turn's start and end (note 3). The voice comes from a
// pluggable source: SpeechSynthesis where the browser has voices, the host's TTS, or a recorded clip.
import { getConfig } from '@anquan/core/config-state';
import { type Locale, resolveLocale } from '@anquan/core/i18n';
import type { ProfileId } from '@anquan/core/profiles';
import { wordingOrThrow } from '../wording.js';
import { playAudioCue } from './audio-cue.js';

/** Something that says a text aloud and resolves when it has finished. */
export interface SpeechSource {
  readonly kind: string;
  speak(text: string, locale: Locale): Promise<void>;
}

/** SpeechSynthesis, or null where the browser has no voices (headless Chromium has none). */
export function speechSynthesisSource(): SpeechSource | null {
  const synth = (globalThis as { speechSynthesis?: SpeechSynthesis }).speechSynthesis;
  if (!synth || synth.getVoices().length === 0) return null;
  return {
    kind: 'speech-synthesis',
    speak: (text, locale) =>
      new Promise<void>((resolve, reject) => {
        const u = new SpeechSynthesisUtterance(text);
        u.lang = locale;
        // Normal speed: about 120–160 Chinese characters a minute (GB 45438 §5.3 note 4).
        u.rate = 1;
        const voice = synth.getVoices().find((v) => v.lang.toLowerCase().startsWith(locale.slice(0, 2).toLowerCase()));
        if (voice) u.voice = voice;
        u.onend = () => resolve();
        u.onerror = (e) => reject(new Error(`[anquan] speech synthesis failed: ${e.error}`));
        synth.speak(u);
      }),
  };
}

/** The host's text-to-speech: `tts(text, locale)` resolves when it has spoken. */
export function ttsCallbackSource(tts: (text: string, locale: Locale) => Promise<void>): SpeechSource {
  return { kind: 'tts-callback', speak: (text, locale) => tts(text, locale) };
}

/** A recorded clip per locale (the clip must say the wording); played with an `<audio>`-less `Audio`. */
export function audioUrlSource(urls: Partial<Record<Locale, string>> | string): SpeechSource {
  return {
    kind: 'audio-url',
    speak: (_text, locale) =>
      new Promise<void>((resolve, reject) => {
        const url = typeof urls === 'string' ? urls : (urls[locale] ?? Object.values(urls)[0]);
        if (!url) return reject(new Error(`[anquan] audioUrlSource: no clip for ${locale}`));
        const audio = new Audio(url);
        audio.onended = () => resolve();
        audio.onerror = () => reject(new Error(`[anquan] audioUrlSource: ${url} did not play`));
        audio.play().catch(reject);
      }),
  };
}

/** The rhythm cue as a last resort, where no voice exists: it is a valid audio label on its own. */
export function audioCueSource(): SpeechSource {
  return { kind: 'audio-cue', speak: () => playAudioCue() };
}

export type SpokenPosition = 'start' | 'end' | 'both';

export interface SpokenLabelOptions {
  /** The voice; default: SpeechSynthesis when voices exist, else the rhythm cue. */
  source?: SpeechSource;
  /** When to speak in each turn: `start` (default), `end` or `both`. */
  position?: SpokenPosition;
  /** Locale of the wording (default: the profile's default locale). */
  locale?: Locale | string;
  profile?: ProfileId;
  /** Custom wording (must contain both elements; else a LabelWordingError). */
  text?: string;
}

/** Speaks the label around each turn of a voice assistant. */
export class SpokenLabeler {
  readonly source: SpeechSource;
  readonly position: SpokenPosition;
  readonly locale: Locale;
  /** The wording spoken. */
  readonly text: string;

  constructor(options: SpokenLabelOptions = {}) {
    const config = getConfig(options.profile);
    this.locale = options.locale ? resolveLocale(options.locale) : config.defaultLocale;
    this.text = wordingOrThrow(config, 'spokenLabel', this.locale, options.text);
    const position = options.position ?? 'start';
    if (!['start', 'end', 'both'].includes(position))
      throw new RangeError(`[anquan] SpokenLabeler: position "${position}" is not allowed; use start, end or both.`);
    this.position = position;
    this.source = options.source ?? speechSynthesisSource() ?? audioCueSource();
  }

  /** Speak the label once. */
  speak(): Promise<void> {
    return this.source.speak(this.text, this.locale);
  }

  /** Run one turn: the label before and/or after `reply()` (which plays the turn's audio). */
  async turn<T>(reply: () => Promise<T>): Promise<T> {
    if (this.position !== 'end') await this.speak();
    const result = await reply();
    if (this.position !== 'start') await this.speak();
    return result;
  }
}
