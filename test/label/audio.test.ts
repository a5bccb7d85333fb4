import { resetConfig } from '@anquan/core';
import { AUDIO_CUE_PATTERN, audioCueDuration, renderAudioCue, type SpeechSource, SpokenLabeler, ttsCallbackSource } from '@anquan/label';
import { expect } from '@open-wc/testing';

/** Tone segments [start, end] in seconds, from a rendered buffer's 5 ms RMS envelope. */
function segments(buffer: AudioBuffer): [number, number][] {
  const data = buffer.getChannelData(0);
  const win = Math.round(buffer.sampleRate * 0.005);
  const out: [number, number][] = [];
  let start = -1;
  for (let i = 0; i + win <= data.length; i += win) {
    let sum = 0;
    for (let j = i; j < i + win; j++) sum += data[j]! * data[j]!;
    const on = Math.sqrt(sum / win) > 0.05;
    const t = i / buffer.sampleRate;
    if (on && start < 0) start = t;
    if (!on && start >= 0) {
      out.push([start, t]);
      start = -1;
    }
  }
  if (start >= 0) out.push([start, data.length / buffer.sampleRate]);
  return out;
}

describe('audio rhythm label', () => {
  it('[GB45438-5.3-audio] renders short-long-short-short (Morse "AI") with OfflineAudioContext', async () => {
    const buffer = await renderAudioCue();
    const segs = segments(buffer);
    expect(segs).to.have.length(4);
    const lengths = segs.map(([a, b]) => b - a);
    // short ≈ 100 ms, long ≈ 300 ms
    expect(lengths[0]).to.be.within(0.07, 0.13);
    expect(lengths[1]).to.be.within(0.26, 0.34);
    expect(lengths[2]).to.be.within(0.07, 0.13);
    expect(lengths[3]).to.be.within(0.07, 0.13);
    expect(lengths[1]! / lengths[0]!).to.be.above(2.3);
    // Gaps: 1 unit inside a letter, 3 units between the letters A and I.
    const gaps = segs.slice(1).map(([a], i) => a - segs[i]![1]);
    expect(gaps[0]).to.be.within(0.07, 0.14);
    expect(gaps[1]).to.be.within(0.26, 0.35);
    expect(gaps[2]).to.be.within(0.07, 0.14);
    expect(audioCueDuration()).to.be.closeTo(1.1, 1e-9);
    expect(AUDIO_CUE_PATTERN.filter((p) => p.on).map((p) => p.units)).to.deep.equal([1, 3, 1, 1]);
  });

  it('[GB45438-5.3-audio] scales with the unit length', async () => {
    const segs = segments(await renderAudioCue({ unit: 0.05 }));
    expect(segs.map(([a, b]) => Math.round((b - a) / 0.05))).to.deep.equal([1, 3, 1, 1]);
  });
});

describe('spoken label', () => {
  afterEach(() => resetConfig());

  /** A source that records what it was asked to say and when, relative to the turn's reply. */
  function recordingSource(log: string[]): SpeechSource {
    return ttsCallbackSource(async (text, locale) => {
      log.push(`speak:${locale}:${text}`);
      await new Promise((r) => setTimeout(r, 5));
    });
  }

  it('[GB45438-5.3-audio] speaks a label with both elements at the start of each turn (voice-assistant mode)', async () => {
    const log: string[] = [];
    const labeler = new SpokenLabeler({ source: recordingSource(log), locale: 'zh-CN' });
    for (const n of [1, 2, 3]) await labeler.turn(async () => void log.push(`reply${n}`));
    expect(log).to.deep.equal([
      'speak:zh-CN:以下内容由人工智能生成',
      'reply1',
      'speak:zh-CN:以下内容由人工智能生成',
      'reply2',
      'speak:zh-CN:以下内容由人工智能生成',
      'reply3',
    ]);
  });

  it('[GB45438-5.3-audio] speaks at the end, or both, in en; the reply value passes through', async () => {
    const log: string[] = [];
    const end = new SpokenLabeler({ source: recordingSource(log), locale: 'en', position: 'end' });
    expect(await end.turn(async () => (log.push('reply'), 42))).to.equal(42);
    const both = new SpokenLabeler({ source: recordingSource(log), locale: 'en', position: 'both' });
    await both.turn(async () => void log.push('reply2'));
    expect(log).to.deep.equal([
      'reply',
      'speak:en:The following content is AI-generated',
      'speak:en:The following content is AI-generated',
      'reply2',
      'speak:en:The following content is AI-generated',
    ]);
  });

  it('refuses spoken wording without both elements and a bad position', () => {
    expect(() => new SpokenLabeler({ source: recordingSource([]), text: '请注意' })).to.throw(/请注意.*AI element/);
    expect(() => new SpokenLabeler({ source: recordingSource([]), position: 'middle' as never })).to.throw(/start, end or both/);
  });

  it('falls back to the rhythm cue where SpeechSynthesis has no voices (headless Chromium)', () => {
    const labeler = new SpokenLabeler();
    const voices = globalThis.speechSynthesis?.getVoices().length ?? 0;
    expect(labeler.source.kind).to.equal(voices > 0 ? 'speech-synthesis' : 'audio-cue');
  });
});
