// The carrier table of shared/spec/requirements.md §4.4 (part 2: audio): Ogg Vorbis, Ogg Opus and FLAC, read back by
// ffprobe, decoding identically after two writes, with an independent Ogg page walk.

import { writeImplicitLabelAsync } from '@anquan/label/metadata';
import { expect } from '@open-wc/testing';
import { AUDIO, expectDecodesSame, JSON1, JSON2, LABEL, oggPages, probeTags, twice } from './fixtures/carriers.js';
import { ffmpegMake } from './fixtures/metadata-tools.js';

describe('implicit label: the §4.4 carriers (audio)', function () {
  this.timeout(120_000);

  it('[GB45438-6.1-implicit][TC260-PG-carriers] Ogg Vorbis, Ogg Opus and FLAC: a Vorbis comment AIGC that ffprobe reads; audio intact', async () => {
    for (const [name, args] of [
      ['a.ogg', [...AUDIO, '-c:a', 'libvorbis']],
      ['a.opus', [...AUDIO, '-c:a', 'libopus']],
      ['a.flac', [...AUDIO]],
    ] as const) {
      const src = await ffmpegMake([...args], name);
      const { once, second } = await twice(src, name.endsWith('.flac') ? 'flac' : 'ogg');
      expect((await probeTags(once, name)).AIGC, name).to.equal(JSON1);
      expect((await probeTags(second, name)).AIGC, name).to.equal(JSON2);
      // The encoder's own comment survives.
      expect(Object.keys(await probeTags(second, name)).some((k) => /encoder/i.test(k))).to.equal(true);
      await expectDecodesSame(src, second, name);
    }
    // A long comment and a long label push the Vorbis headers onto one more page: every later page is renumbered
    // and gets a fresh CRC (checked by an independent page walk), and the audio still decodes identically.
    const ogg = await ffmpegMake([...AUDIO, '-c:a', 'libvorbis', '-metadata', `DESCRIPTION=${'y'.repeat(40_000)}`], 'b.ogg');
    const long = await writeImplicitLabelAsync(ogg, { ...LABEL, ReservedCode1: 'x'.repeat(30_000) });
    expect(oggPages(long).length, 'one more header page').to.equal(oggPages(ogg).length + 1);
    expect(oggPages(long).map((p) => p.seq)).to.deep.equal(oggPages(long).map((_, i) => i));
    expect(oggPages(long).every((p) => p.crcOk)).to.equal(true);
    expect((await probeTags(long, 'b.ogg')).AIGC).to.contain('x'.repeat(30_000));
    // The existing long comment is kept (whatever name ffprobe gives it).
    expect(Object.values(await probeTags(long, 'b.ogg'))).to.include('y'.repeat(40_000));
    await expectDecodesSame(ogg, long, 'b.ogg');
  });
});
