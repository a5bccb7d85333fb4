// Node import of the built `@anquan/label/metadata` (packages/label/dist, built by `npx tsc -b packages/label`):
// the implicit-label module runs without a DOM. WAV and Markdown samples are made here, byte by byte.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectFormat, ImplicitLabelError, readImplicitLabel, serializeLabel, writeImplicitLabel } from '@anquan/label/metadata';

const LABEL = { Label: '1', ContentProducer: '001191110108MA0123456700001', ProduceID: 'node-1' };
const FULL = { ...LABEL, ReservedCode1: '', ContentPropagator: '', PropagateID: '', ReservedCode2: '' };

/** 0.1 s of 8 kHz mono 16-bit PCM. */
function makeWav() {
  const samples = 800;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(8000, 24);
  b.writeUInt32LE(16000, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) b.writeInt16LE(Math.round(8000 * Math.sin(i / 3)), 44 + i * 2);
  return new Uint8Array(b);
}

test('[robustness] no DOM globals in this runtime', () => {
  assert.equal(typeof globalThis.document, 'undefined');
  assert.equal(typeof globalThis.window, 'undefined');
});

test('[GB45438-6.1-implicit][TC260-PG-carriers] WAV round trip in Node: one AIGC chunk, RIFF size consistent, audio intact', () => {
  const wav = makeWav();
  assert.equal(detectFormat(wav), 'wav');
  assert.deepEqual(readImplicitLabel(wav), { format: 'wav', label: null, count: 0 });
  const out = writeImplicitLabel(wav, LABEL);
  assert.deepEqual(readImplicitLabel(out), { format: 'wav', label: FULL, count: 1 });
  const buf = Buffer.from(out);
  assert.equal(buf.readUInt32LE(4), out.length - 8);
  const json = serializeLabel(LABEL);
  const at = buf.indexOf('AIGC', 12, 'latin1');
  assert.ok(at > 0);
  assert.equal(buf.readUInt32LE(at + 4), json.length);
  assert.equal(buf.toString('latin1', at + 8, at + 8 + json.length), json);
  // The PCM samples are unchanged and still at the end.
  assert.deepEqual(out.subarray(out.length - 1600), wav.subarray(44));
  const again = writeImplicitLabel(out, { ...LABEL, Label: '2' });
  const r = readImplicitLabel(again);
  assert.equal(r.count, 1);
  assert.equal(r.label.Label, '2');
});

test('[GB45438-6.1-implicit][TC260-PG-carriers] Markdown round trip in Node keeps the body and other front matter', () => {
  const md = new TextEncoder().encode('---\ntitle: 生成内容\n---\n# 标题\n\n正文\n');
  assert.equal(detectFormat(md), 'markdown');
  const out = writeImplicitLabel(md, LABEL);
  const text = new TextDecoder().decode(out);
  assert.match(text, /^---\ntitle: 生成内容\nAIGC:\n {2}Label: "1"\n/);
  assert.ok(text.endsWith('---\n# 标题\n\n正文\n'));
  assert.deepEqual(readImplicitLabel(out), { format: 'markdown', label: FULL, count: 1 });
});

test('[robustness] typed errors in Node', () => {
  assert.throws(
    () => writeImplicitLabel(makeWav(), { ...LABEL, ContentProducer: '某公司' }),
    (err) => err instanceof ImplicitLabelError && err.code === 'charset' && err.message.includes('ContentProducer'),
  );
  assert.throws(
    () => readImplicitLabel(makeWav().subarray(0, 30)),
    (err) => err instanceof ImplicitLabelError && err.code === 'truncated',
  );
});
