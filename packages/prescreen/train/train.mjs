#!/usr/bin/env node
// Trains the default pre-screen classifier and writes it in Hugging Face layout to ../model/:
// config.json (model_type "bert", id2label), tokenizer.json (WordPiece; NFKC before the BERT
// normaliser, which splits CJK characters), tokenizer_config.json, onnx/model.onnx (fp32) and
// onnx/model_quantized.onnx (uint8 weights + DequantizeLinear). Plain Node, no Python; seeded, so
// every run writes the same files. Usage: node packages/prescreen/train/train.mjs [--out DIR]
//
// Model: mean of token embeddings and mean of hashed token-bigram embeddings (computed in the
// graph), concatenated, then one linear layer. Inputs input_ids / attention_mask, output logits.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from '@huggingface/tokenizers';
import onnxProto from 'onnx-proto';
import { CLASSES, TEMPLATES } from './data.mjs';

const { onnx } = onnxProto;
const here = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf('--out');
const OUT = outArg > 0 ? process.argv[outArg + 1] : join(here, '..', '..', 'classifier', 'model');

const SEED = 45654;
const PER_CLASS = 120; // training examples drawn per class
const DIM = Number(process.env.AQ_DIM ?? 24); // embedding width
const BUCKETS = 4096; // hashed bigram table
const HASH_K = 7919;
const EPOCHS = Number(process.env.AQ_EPOCHS ?? 60);
const LR = Number(process.env.AQ_LR ?? 0.08);
const MAX_LEN = 128;

// ---- seeded PRNG (mulberry32) ----
let state = SEED >>> 0;
function rand() {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
function shuffle(xs) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

// ---- data ----
function expand(tpl) {
  const slots = [...tpl.t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  let outs = [tpl.t];
  for (const s of slots) outs = outs.flatMap((o) => tpl[s].map((v) => o.replace(`{${s}}`, v)));
  return outs;
}
const heldout = readFileSync(join(here, 'heldout.jsonl'), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const heldoutTexts = new Set(heldout.map((h) => h.text));
const train = [];
for (const label of CLASSES) {
  const all = [...new Set(TEMPLATES[label].flatMap(expand))].filter((t) => !heldoutTexts.has(t));
  const picked = shuffle(all).slice(0, PER_CLASS);
  if (picked.length < 60) throw new Error(`class ${label}: only ${picked.length} training examples`);
  for (const text of picked) train.push({ text, label });
}
for (const label of CLASSES) {
  const n = heldout.filter((h) => h.label === label).length;
  if (n < 20) throw new Error(`held-out class ${label}: only ${n} examples`);
}

// ---- tokenizer ----
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
function buildTokenizerJson(vocab) {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'Sequence',
      normalizers: [
        { type: 'NFKC' },
        { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      ],
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
  };
}
const TOKENIZER_CONFIG = {
  tokenizer_class: 'BertTokenizer',
  do_lower_case: true,
  tokenize_chinese_chars: true,
  model_max_length: MAX_LEN,
  cls_token: '[CLS]',
  sep_token: '[SEP]',
  pad_token: '[PAD]',
  unk_token: '[UNK]',
  mask_token: '[MASK]',
  clean_up_tokenization_spaces: true,
};

// First pass: a character/word vocabulary from the training texts only (pre-tokenised by a
// throw-away tokenizer with the same normaliser and pre-tokeniser).
const bootstrap = new Tokenizer(buildTokenizerJson(Object.fromEntries(SPECIAL.map((t, i) => [t, i]))), TOKENIZER_CONFIG);
const pieces = new Set();
for (const { text } of train) {
  const norm = bootstrap.normalizer ? bootstrap.normalizer(text) : text;
  const words = bootstrap.pre_tokenizer ? bootstrap.pre_tokenizer(norm) : norm.split(/\s+/);
  for (const w of words) if (w) pieces.add(w);
}
// Letters and digits, alone and as continuations, so any Latin word decomposes instead of [UNK].
for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') {
  pieces.add(c);
  pieces.add(`##${c}`);
}
const vocabList = [...SPECIAL, ...[...pieces].sort()];
const vocab = Object.fromEntries(vocabList.map((t, i) => [t, i]));
const tokenizerJson = buildTokenizerJson(vocab);
const tokenizer = new Tokenizer(tokenizerJson, TOKENIZER_CONFIG);
const encode = (text) => tokenizer.encode(text).ids.slice(0, MAX_LEN);

// ---- model ----
const V = vocabList.length;
const C = CLASSES.length;
const F = 2 * DIM;
const E = Float32Array.from({ length: V * DIM }, () => gauss() * 0.1);
const B = Float32Array.from({ length: BUCKETS * DIM }, () => gauss() * 0.1);
const W = Float32Array.from({ length: F * C }, () => gauss() * 0.1);
const bias = new Float32Array(C);
const bucket = (a, b) => (a * HASH_K + b) % BUCKETS;

function features(ids) {
  const f = new Float32Array(F);
  for (const id of ids) for (let d = 0; d < DIM; d++) f[d] += E[id * DIM + d] / ids.length;
  const nb = Math.max(1, ids.length - 1);
  for (let t = 0; t + 1 < ids.length; t++) {
    const h = bucket(ids[t], ids[t + 1]);
    for (let d = 0; d < DIM; d++) f[DIM + d] += B[h * DIM + d] / nb;
  }
  return f;
}
function logits(f) {
  const z = Float32Array.from(bias);
  for (let i = 0; i < F; i++) for (let c = 0; c < C; c++) z[c] += f[i] * W[i * C + c];
  return z;
}
function softmax(z) {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const examples = train.map(({ text, label }) => ({ ids: encode(text), y: CLASSES.indexOf(label) }));
// AdaGrad on every parameter; softmax cross-entropy.
const gE = new Float32Array(E.length).fill(1e-8);
const gB = new Float32Array(B.length).fill(1e-8);
const gW = new Float32Array(W.length).fill(1e-8);
const gb = new Float32Array(C).fill(1e-8);
const step = (p, g, i, grad) => {
  g[i] += grad * grad;
  p[i] -= (LR * grad) / Math.sqrt(g[i]);
};
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  let loss = 0;
  for (const ex of shuffle(examples.slice())) {
    const f = features(ex.ids);
    const p = softmax(logits(f));
    loss -= Math.log(p[ex.y] + 1e-12);
    const dz = p.map((v, c) => v - (c === ex.y ? 1 : 0));
    const df = new Float32Array(F);
    for (let i = 0; i < F; i++) for (let c = 0; c < C; c++) df[i] += dz[c] * W[i * C + c];
    for (let i = 0; i < F; i++) for (let c = 0; c < C; c++) step(W, gW, i * C + c, dz[c] * f[i] + 1e-4 * W[i * C + c]);
    for (let c = 0; c < C; c++) step(bias, gb, c, dz[c]);
    for (const id of ex.ids) for (let d = 0; d < DIM; d++) step(E, gE, id * DIM + d, df[d] / ex.ids.length);
    const nb = Math.max(1, ex.ids.length - 1);
    for (let t = 0; t + 1 < ex.ids.length; t++) {
      const h = bucket(ex.ids[t], ex.ids[t + 1]);
      for (let d = 0; d < DIM; d++) step(B, gB, h * DIM + d, df[DIM + d] / nb);
    }
  }
  if (epoch % 10 === 9) console.log(`epoch ${epoch + 1}: loss ${(loss / examples.length).toFixed(4)}`);
}

// ---- evaluation on the held-out set ----
const predict = (text) => {
  const p = softmax(logits(features(encode(text))));
  return p.indexOf(Math.max(...p));
};
const perClass = CLASSES.map((label) => ({ label, tp: 0, fp: 0, fn: 0, n: 0 }));
let correct = 0;
for (const { text, label } of heldout) {
  const y = CLASSES.indexOf(label);
  const k = predict(text);
  perClass[y].n++;
  if (k === y) {
    correct++;
    perClass[y].tp++;
  } else {
    perClass[y].fn++;
    perClass[k].fp++;
  }
}
const metrics = {
  heldout: heldout.length,
  accuracy: correct / heldout.length,
  classes: perClass.map(({ label, tp, fp, n }) => ({ label, n, precision: tp + fp ? tp / (tp + fp) : 0, recall: n ? tp / n : 0 })),
  trainExamples: examples.length,
  vocab: V,
  dim: DIM,
  buckets: BUCKETS,
};

// ---- ONNX export ----
const T = onnx.TensorProto.DataType;
const tensor = (name, dims, dataType, data) => {
  const t = { name, dims, dataType };
  if (dataType === T.FLOAT) t.rawData = new Uint8Array(Float32Array.from(data).buffer);
  else if (dataType === T.INT64) t.rawData = new Uint8Array(BigInt64Array.from(data.map(BigInt)).buffer);
  else if (dataType === T.UINT8) t.rawData = Uint8Array.from(data);
  return t;
};
const node = (opType, input, output, attrs = []) => ({ opType, input, output, name: output[0], attribute: attrs });
const intAttr = (name, i) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
function quantize(data) {
  let min = 0;
  let max = 0;
  for (const v of data) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (max === min) max = min + 1;
  const scale = (max - min) / 255;
  const zp = Math.round(-min / scale);
  return { q: Array.from(data, (v) => Math.max(0, Math.min(255, Math.round(v / scale) + zp))), scale, zp };
}
function buildModel(quantized) {
  const init = [];
  const nodes = [];
  const weight = (name, dims, data) => {
    if (!quantized) {
      init.push(tensor(name, dims, T.FLOAT, data));
      return;
    }
    const { q, scale, zp } = quantize(data);
    init.push(
      tensor(`${name}_q`, dims, T.UINT8, q),
      tensor(`${name}_scale`, [], T.FLOAT, [scale]),
      tensor(`${name}_zp`, [], T.UINT8, [zp]),
    );
    nodes.push(node('DequantizeLinear', [`${name}_q`, `${name}_scale`, `${name}_zp`], [name]));
  };
  weight('tok_emb', [V, DIM], E);
  weight('bigram_emb', [BUCKETS, DIM], B);
  weight('classifier_w', [F, C], W);
  init.push(
    tensor('classifier_b', [C], T.FLOAT, bias),
    tensor('axis1', [1], T.INT64, [1]),
    tensor('axis2', [1], T.INT64, [2]),
    tensor('zero', [1], T.INT64, [0]),
    tensor('one', [1], T.INT64, [1]),
    tensor('minus1', [1], T.INT64, [-1]),
    tensor('intmax', [1], T.INT64, [2n ** 62n]),
    tensor('hash_k', [], T.INT64, [HASH_K]),
    tensor('buckets', [], T.INT64, [BUCKETS]),
    tensor('one_f', [], T.FLOAT, [1]),
  );
  nodes.push(
    node('Cast', ['attention_mask'], ['mask_f'], [intAttr('to', T.FLOAT)]),
    // token mean
    node('Gather', ['tok_emb', 'input_ids'], ['tok_vecs']),
    node('Unsqueeze', ['mask_f', 'axis2'], ['mask_3d']),
    node('Mul', ['tok_vecs', 'mask_3d'], ['tok_masked']),
    node('ReduceSum', ['tok_masked', 'axis1'], ['tok_sum'], [intAttr('keepdims', 0)]),
    node('ReduceSum', ['mask_f', 'axis1'], ['tok_count'], [intAttr('keepdims', 1)]),
    node('Max', ['tok_count', 'one_f'], ['tok_count1']),
    node('Div', ['tok_sum', 'tok_count1'], ['tok_mean']),
    // hashed bigram mean: bucket = (id[t] * K + id[t+1]) mod BUCKETS, valid where both are unmasked
    node('Slice', ['input_ids', 'zero', 'minus1', 'axis1'], ['ids_a']),
    node('Slice', ['input_ids', 'one', 'intmax', 'axis1'], ['ids_b']),
    node('Mul', ['ids_a', 'hash_k'], ['ids_ak']),
    node('Add', ['ids_ak', 'ids_b'], ['pair']),
    node('Mod', ['pair', 'buckets'], ['bucket'], [intAttr('fmod', 0)]),
    node('Gather', ['bigram_emb', 'bucket'], ['bg_vecs']),
    node('Slice', ['mask_f', 'zero', 'minus1', 'axis1'], ['mask_a']),
    node('Slice', ['mask_f', 'one', 'intmax', 'axis1'], ['mask_b']),
    node('Mul', ['mask_a', 'mask_b'], ['bg_mask']),
    node('Unsqueeze', ['bg_mask', 'axis2'], ['bg_mask_3d']),
    node('Mul', ['bg_vecs', 'bg_mask_3d'], ['bg_masked']),
    node('ReduceSum', ['bg_masked', 'axis1'], ['bg_sum'], [intAttr('keepdims', 0)]),
    node('ReduceSum', ['bg_mask', 'axis1'], ['bg_count'], [intAttr('keepdims', 1)]),
    node('Max', ['bg_count', 'one_f'], ['bg_count1']),
    node('Div', ['bg_sum', 'bg_count1'], ['bg_mean']),
    // linear layer
    node('Concat', ['tok_mean', 'bg_mean'], ['features'], [intAttr('axis', 1)]),
    node('MatMul', ['features', 'classifier_w'], ['scores']),
    node('Add', ['scores', 'classifier_b'], ['logits']),
  );
  const io = (name, elemType, dims) => ({
    name,
    type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
  });
  const model = {
    irVersion: 8,
    producerName: 'anquan-prescreen-train',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'aq_prescreen_bag',
      node: nodes,
      initializer: init,
      input: [io('input_ids', T.INT64, ['batch', 'sequence']), io('attention_mask', T.INT64, ['batch', 'sequence'])],
      output: [io('logits', T.FLOAT, ['batch', C])],
    },
  };
  return onnx.ModelProto.encode(onnx.ModelProto.create(model)).finish();
}

mkdirSync(join(OUT, 'onnx'), { recursive: true });
const id2label = Object.fromEntries(CLASSES.map((c, i) => [String(i), c]));
const label2id = Object.fromEntries(CLASSES.map((c, i) => [c, i]));
const config = {
  _comment:
    'Anquan default pre-screen classifier: token + hashed-bigram embedding means and a linear layer (train/train.mjs). model_type bert so transformers.js loads it; the graph is not a BERT.',
  architectures: ['BertForSequenceClassification'],
  model_type: 'bert',
  problem_type: 'single_label_classification',
  id2label,
  label2id,
  vocab_size: V,
  hidden_size: DIM,
  max_position_embeddings: MAX_LEN,
  anquan: { dim: DIM, buckets: BUCKETS, hashK: HASH_K, seed: SEED, heldoutAccuracy: Number(metrics.accuracy.toFixed(4)) },
};
writeFileSync(join(OUT, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
writeFileSync(join(OUT, 'tokenizer.json'), JSON.stringify(tokenizerJson));
writeFileSync(join(OUT, 'tokenizer_config.json'), `${JSON.stringify(TOKENIZER_CONFIG, null, 2)}\n`);
writeFileSync(join(OUT, 'onnx', 'model.onnx'), buildModel(false));
writeFileSync(join(OUT, 'onnx', 'model_quantized.onnx'), buildModel(true));
writeFileSync(join(OUT, 'metrics.json'), `${JSON.stringify(metrics, null, 2)}\n`);

console.log(`train ${examples.length} examples, vocab ${V}, held-out ${heldout.length}: accuracy ${(metrics.accuracy * 100).toFixed(1)}%`);
console.log('| class | held-out n | precision | recall |\n|---|---|---|---|');
for (const c of metrics.classes)
  console.log(`| ${c.label} | ${c.n} | ${(c.precision * 100).toFixed(1)}% | ${(c.recall * 100).toFixed(1)}% |`);
console.log(`wrote ${OUT}`);
