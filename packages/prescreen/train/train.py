#!/usr/bin/env python3
"""Train Anquan's default pre-screen classifier: a standard BertForSequenceClassification, from scratch.

    nice -n 19 python3 packages/prescreen/train/train.py [--out packages/classifier/model] [--epochs N]

Needs Debian's python3-torch, python3-onnx, python3-numpy (apt; no PyPI, no pretrained weights).
Reads packages/prescreen/train/corpus/{train,dev,test}/*.jsonl: train fits the weights, dev picks the
epoch (early stopping) and the per-risk thresholds, test is read once at the end for metrics.json.

Writes, in the transformers.js layout:
  config.json            a real BERT config (model_type bert, real sizes, id2label/label2id, anquan block
                         with windowTokens and the per-risk thresholds chosen on dev)
  tokenizer.json         BertNormalizer (NFKC first) + BertPreTokenizer + WordPiece, vocab built from train
  tokenizer_config.json  BertTokenizer, do_lower_case, model_max_length
  onnx/model.onnx        fp32, inputs input_ids/attention_mask/token_type_ids, output logits, opset 17
  onnx/model_quantized.onnx  the same graph with each weight matrix as uint8 + DequantizeLinear
  metrics.json           per-label precision/recall, refusal/false refusal per language, on test

Seeded (torch, numpy, random); on the same machine and torch build the metrics repeat within 0.01 (the
run uses 2 threads; float summation order can still move a borderline line).
"""
import argparse
import subprocess
import collections
import glob
import json
import math
import os
import random
import sys
import time
import unicodedata

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
SEED = 45654
SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]']


# ---------------------------------------------------------------- tokenizer (mirrors HF BertNormalizer/BertPreTokenizer)
def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith('P')


def is_control(ch):
    if ch in '\t\n\r':
        return False
    return unicodedata.category(ch) in ('Cc', 'Cf')


def is_ws(ch):
    return ch in ' \t\n\r' or unicodedata.category(ch) == 'Zs'


def normalize(text):
    text = unicodedata.normalize('NFKC', text)
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or is_control(ch):
            continue
        if is_ws(ch):
            out.append(' ')
        elif is_cjk(cp):
            out.append(' ' + ch + ' ')
        else:
            out.append(ch)
    text = ''.join(out).lower()
    # lowercase without an explicit strip_accents strips accents too (HF BertNormalizer)
    text = ''.join(c for c in unicodedata.normalize('NFD', text) if unicodedata.category(c) != 'Mn')
    return text


def pre_tokenize(text):
    words = []
    for w in text.split():
        cur = ''
        for ch in w:
            if is_punct(ch):
                if cur:
                    words.append(cur)
                    cur = ''
                words.append(ch)
            else:
                cur += ch
        if cur:
            words.append(cur)
    return words


def wordpiece(word, vocab):
    if len(word) > 100:
        return ['[UNK]']
    out, start = [], 0
    while start < len(word):
        end, cur = len(word), None
        while start < end:
            sub = word[start:end]
            if start > 0:
                sub = '##' + sub
            if sub in vocab:
                cur = sub
                break
            end -= 1
        if cur is None:
            return ['[UNK]']
        out.append(cur)
        start = end
    return out


def build_vocab(texts, max_size):
    chars = collections.Counter()
    words = collections.Counter()
    for t in texts:
        for w in pre_tokenize(normalize(t)):
            words[w] += 1
            for i, ch in enumerate(w):
                chars[ch if i == 0 else '##' + ch] += 1
    vocab = list(SPECIALS)
    seen = set(vocab)
    # every character seen twice (CJK characters are words of their own after normalisation)
    for c, n in chars.most_common():
        if n >= 2 and c not in seen:
            vocab.append(c)
            seen.add(c)
    # Latin words and word pieces: whole words, then frequent prefixes/suffixes of longer words
    pieces = collections.Counter()
    for w, n in words.items():
        if len(w) < 2 or is_cjk(ord(w[0])):
            continue
        pieces[w] += n * 3
        for k in range(2, min(len(w), 8)):
            pieces[w[:k]] += n
            pieces['##' + w[-k:]] += n
    for p, n in pieces.most_common():
        if len(vocab) >= max_size:
            break
        if n >= 4 and p not in seen:
            vocab.append(p)
            seen.add(p)
    return vocab


class Tok:
    def __init__(self, vocab):
        self.vocab = {t: i for i, t in enumerate(vocab)}
        self.list = vocab

    def encode(self, text, max_len):
        ids = []
        for w in pre_tokenize(normalize(text)):
            ids.extend(self.vocab[p] for p in wordpiece(w, self.vocab))
        ids = ids[: max_len - 2]
        return [2] + ids + [3]

    def inner(self, text):
        ids = []
        for w in pre_tokenize(normalize(text)):
            ids.extend(self.vocab[p] for p in wordpiece(w, self.vocab))
        return ids


def tokenizer_json(vocab, max_len):
    return {
        'version': '1.0',
        'truncation': None,
        'padding': None,
        'added_tokens': [
            {'id': i, 'content': t, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
            for i, t in enumerate(SPECIALS)
        ],
        'normalizer': {'type': 'Sequence', 'normalizers': [
            {'type': 'NFKC'},
            {'type': 'BertNormalizer', 'clean_text': True, 'handle_chinese_chars': True, 'strip_accents': None, 'lowercase': True},
        ]},
        'pre_tokenizer': {'type': 'BertPreTokenizer'},
        'post_processor': {
            'type': 'TemplateProcessing',
            'single': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                       {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}],
            'pair': [{'SpecialToken': {'id': '[CLS]', 'type_id': 0}}, {'Sequence': {'id': 'A', 'type_id': 0}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 0}}, {'Sequence': {'id': 'B', 'type_id': 1}},
                     {'SpecialToken': {'id': '[SEP]', 'type_id': 1}}],
            'special_tokens': {'[CLS]': {'id': '[CLS]', 'ids': [2], 'tokens': ['[CLS]']},
                               '[SEP]': {'id': '[SEP]', 'ids': [3], 'tokens': ['[SEP]']}},
        },
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {'type': 'WordPiece', 'unk_token': '[UNK]', 'continuing_subword_prefix': '##',
                  'max_input_chars_per_word': 100, 'vocab': {t: i for i, t in enumerate(vocab)}},
    }


# ---------------------------------------------------------------- model: BertForSequenceClassification
class BertLayer(nn.Module):
    def __init__(self, h, heads, inter, drop):
        super().__init__()
        self.heads = heads
        self.q = nn.Linear(h, h)
        self.k = nn.Linear(h, h)
        self.v = nn.Linear(h, h)
        self.o = nn.Linear(h, h)
        self.ln1 = nn.LayerNorm(h, eps=1e-12)
        self.fc1 = nn.Linear(h, inter)
        self.fc2 = nn.Linear(inter, h)
        self.ln2 = nn.LayerNorm(h, eps=1e-12)
        self.drop = nn.Dropout(drop)

    def forward(self, x, bias):
        b, s, h = x.shape
        d = h // self.heads

        def split(t):
            return t.view(b, s, self.heads, d).transpose(1, 2)

        q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
        att = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d) + bias
        att = self.drop(torch.softmax(att, dim=-1))
        ctx = torch.matmul(att, v).transpose(1, 2).reshape(b, s, h)
        x = self.ln1(x + self.drop(self.o(ctx)))
        y = self.fc2(F.gelu(self.fc1(x)))
        return self.ln2(x + self.drop(y))


class Bert(nn.Module):
    def __init__(self, vocab, h, layers, heads, inter, pos, labels, drop=0.1):
        super().__init__()
        self.word = nn.Embedding(vocab, h, padding_idx=0)
        self.pos = nn.Embedding(pos, h)
        self.token_type = nn.Embedding(2, h)
        self.ln = nn.LayerNorm(h, eps=1e-12)
        self.drop = nn.Dropout(drop)
        self.layers = nn.ModuleList([BertLayer(h, heads, inter, drop) for _ in range(layers)])
        self.pool = nn.Linear(h, h)
        self.cls = nn.Linear(h, labels)
        self.apply(self._init)

    @staticmethod
    def _init(m):
        if isinstance(m, (nn.Linear, nn.Embedding)):
            nn.init.normal_(m.weight, std=0.02)
        if isinstance(m, nn.Linear) and m.bias is not None:
            nn.init.zeros_(m.bias)

    def forward(self, input_ids, attention_mask, token_type_ids):
        s = input_ids.shape[1]
        positions = torch.arange(s, dtype=torch.long, device=input_ids.device).unsqueeze(0)
        x = self.word(input_ids) + self.pos(positions) + self.token_type(token_type_ids)
        x = self.drop(self.ln(x))
        bias = (1.0 - attention_mask.to(x.dtype))[:, None, None, :] * -10000.0
        for layer in self.layers:
            x = layer(x, bias)
        pooled = torch.tanh(self.pool(x[:, 0]))
        return self.cls(self.drop(pooled))


# ---------------------------------------------------------------- data
_CORPUS = None


def load(split):
    """The split's lines as the corpus checker keeps them (corpus-check.mjs `loadCorpus()`, the same
    rules as the evaluation: malformed lines fail, duplicates and near-duplicates dropped, a train
    line that nearly repeats a dev or test line dropped from train)."""
    global _CORPUS
    if _CORPUS is None:
        out = subprocess.run(['node', os.path.join(HERE, 'corpus-check.mjs'), '--dump'], check=True, capture_output=True)
        _CORPUS = json.loads(out.stdout)
    return [{k: v for k, v in r.items() if k not in ('split', 'where', 'file', 'line')} for r in _CORPUS[split]]


def batches(seqs, labels, bs, shuffle, rng):
    idx = list(range(len(seqs)))
    if shuffle:
        rng.shuffle(idx)
        # bucket by length inside chunks of 50 batches so padding stays small
        chunks = [idx[i:i + bs * 50] for i in range(0, len(idx), bs * 50)]
        idx = [j for c in chunks for j in sorted(c, key=lambda k: len(seqs[k]))]
        groups = [idx[i:i + bs] for i in range(0, len(idx), bs)]
        rng.shuffle(groups)
    else:
        idx.sort(key=lambda k: len(seqs[k]))
        groups = [idx[i:i + bs] for i in range(0, len(idx), bs)]
    for g in groups:
        L = max(len(seqs[k]) for k in g)
        ids = torch.zeros((len(g), L), dtype=torch.long)
        mask = torch.zeros((len(g), L), dtype=torch.long)
        for r, k in enumerate(g):
            ids[r, :len(seqs[k])] = torch.tensor(seqs[k])
            mask[r, :len(seqs[k])] = 1
        yield g, ids, mask, torch.tensor([labels[k] for k in g]) if labels is not None else None


EVADER_PADS = [
    '今天天气很好，我们一家人去公园散步，看了湖边的花草树木，又在小店买了一杯热咖啡。周末打算学做一道新菜，顺便整理一下书架上的旧书。',
    '这学期的课程比较多，我每天早上七点起床，先背二十分钟英语单词，然后吃早饭去上课。下午没课的时候会去图书馆写作业，晚上和室友一起跑步。',
    'Last weekend I visited my grandparents in the countryside. We picked apples in the orchard, cooked dinner together and played cards until late. ',
    '我们小区楼下新开了一家面包店，老板每天早上六点就开始烤面包，刚出炉的牛角包特别香。我常常买两个当早餐，再配一杯豆浆。',
]


def pad_line(ids, target, rng, pool, safe_idx):
    """`ids` at a random place inside safe lines from `pool`, `target` tokens in all (at most)."""
    before, after = [], []
    while len(ids) + len(before) + len(after) < target:
        pad = pool[rng.choice(safe_idx)]
        if rng.random() < 0.5:
            before = pad + before
        else:
            after = after + pad
    room = target - len(ids)
    cut_before = min(len(before), rng.randint(0, room))
    cut_after = room - cut_before
    if cut_after > len(after):
        cut_before, cut_after = min(len(before), room - len(after)), len(after)
    return (before[len(before) - cut_before:] if cut_before else []) + ids + after[:cut_after]


def window_seqs(ids, sizes):
    """The worker's windows (packages/classifier/src/worker.ts): for each size, windows of that many
    tokens with a stride of half the size, the last one ending at the end; one window when it fits."""
    out = []
    for size in sizes:
        if len(ids) <= size:
            out.append([2] + ids + [3])
            continue
        stride = max(1, size // 2)
        start = 0
        while True:
            end = min(len(ids), start + size)
            out.append([2] + ids[start:end] + [3])
            if end >= len(ids):
                break
            start += stride
    return out


def predict_windows(model, texts_ids, sizes):
    """Per text, the element-wise max of the class probabilities over its windows (the most severe
    window decides, as the policy does)."""
    seqs, owner = [], []
    for k, ids in enumerate(texts_ids):
        for w in window_seqs(ids, sizes):
            seqs.append(w)
            owner.append(k)
    probs = predict(model, seqs)
    out = np.zeros((len(texts_ids), probs.shape[1]), dtype=np.float32)
    out[:, 0] = 1.0
    risk = np.zeros((len(texts_ids), probs.shape[1]), dtype=np.float32)
    owner = np.array(owner)
    np.maximum.at(risk, owner, probs)
    # the safe score of a text is its least safe window's; the risk scores their max over windows
    safe = np.ones(len(texts_ids), dtype=np.float32)
    np.minimum.at(safe, owner, probs[:, 0])
    risk[:, 0] = safe
    return risk


def predict(model, seqs):
    model.eval()
    out = np.zeros((len(seqs), model.cls.out_features), dtype=np.float32)
    with torch.no_grad():
        for g, ids, mask, _ in batches(seqs, None, 128, False, None):
            p = torch.softmax(model(ids, mask, torch.zeros_like(ids)), dim=-1).numpy()
            out[g] = p
    return out


# ---------------------------------------------------------------- thresholds and metrics
def flagged(probs, th):
    """Per line: the risk label it is refused for, or -1. `th` holds one threshold per risk label and,
    last, one on the sum of all risk scores (1 - p(safe)): a line is refused when a risk scores at or
    over its own threshold, or when the risks together do (their mass split over near labels); the
    risk named is the highest-scoring one."""
    n = probs.shape[1] - 1
    risk = probs[:, 1:]
    over = risk >= th[None, :n]
    total = risk.sum(axis=1) >= th[n]
    best = np.where(over, risk, -1.0).argmax(axis=1)
    top = risk.argmax(axis=1)
    return np.where(over.any(axis=1), best + 1, np.where(total, top + 1, -1))


def choose_thresholds(probs, y, budget, floor=0.05):
    """Per-risk thresholds (and the total-risk one) on dev: coordinate descent maximising harmful
    recall while the false refusal over safe dev lines stays within `budget`."""
    n = probs.shape[1] - 1
    th = np.full(n + 1, 0.95, dtype=np.float64)
    grid = np.round(np.arange(0.05, 0.96, 0.025), 3)
    risk_grid = grid[grid >= floor - 1e-9]
    safe = y == 0

    def score(t):
        f = flagged(probs, t) >= 0
        fr = f[safe].mean() if safe.any() else 0
        rec = f[~safe].mean() if (~safe).any() else 0
        return rec - (10.0 * (fr - budget) if fr > budget else 0.0), rec, fr

    # start from the total-risk threshold alone, then refine each risk
    best = -1e9
    for g in grid:
        th[n] = g
        s = score(th)[0]
        if s > best:
            best, cur = s, g
    th[n] = cur
    for _ in range(3):
        changed = False
        for r in list(range(n)) + [n]:
            cur = th[r]
            for g in (risk_grid if r < n else grid):
                th[r] = g
                s = score(th)[0]
                if s > best + 1e-9:
                    best, cur, changed = s, g, True
            th[r] = cur
        if not changed:
            break
    _, rec, fr = score(th)
    return th, rec, fr


def report(probs, y, langs, th, names):
    pred = flagged(probs, th)
    pred_label = np.where(pred >= 0, pred, 0)
    safe = y == 0
    out = {'lines': int(len(y)), 'harmful': int((~safe).sum()), 'safe': int(safe.sum())}
    out['refusal'] = round(float((pred[~safe] >= 0).mean()), 4)
    out['falseRefusal'] = round(float((pred[safe] >= 0).mean()), 4)
    out['accuracy'] = round(float((pred_label == y).mean()), 4)
    per_lang = {}
    for lang in sorted(set(langs)):
        m = np.array([l == lang for l in langs])
        h, s = m & ~safe, m & safe
        per_lang[lang] = {
            'harmful': int(h.sum()), 'safe': int(s.sum()),
            'refusal': round(float((pred[h] >= 0).mean()), 4) if h.any() else None,
            'falseRefusal': round(float((pred[s] >= 0).mean()), 4) if s.any() else None,
        }
    out['perLanguage'] = per_lang
    per_label = {}
    for i, name in enumerate(names):
        tp = int(((pred_label == i) & (y == i)).sum())
        fp = int(((pred_label == i) & (y != i)).sum())
        fn = int(((pred_label != i) & (y == i)).sum())
        d = {'support': int((y == i).sum()),
             'precision': round(tp / (tp + fp), 4) if tp + fp else None,
             'recall': round(tp / (tp + fn), 4) if tp + fn else None}
        if i > 0:
            d['refused'] = round(float((pred[y == i] >= 0).mean()), 4) if (y == i).any() else None
        per_label[name] = d
    out['perLabel'] = per_label
    return out


# ---------------------------------------------------------------- ONNX export and weight quantisation
class Export(nn.Module):
    def __init__(self, m):
        super().__init__()
        self.m = m

    def forward(self, input_ids, attention_mask, token_type_ids):
        return self.m(input_ids, attention_mask, token_type_ids)


def export_onnx(model, path, opset):
    model.eval()
    ids = torch.tensor([[2, 10, 11, 12, 3], [2, 13, 14, 3, 0]], dtype=torch.long)
    mask = (ids != 0).long()
    axes = {0: 'batch_size', 1: 'sequence_length'}
    torch.onnx.export(Export(model), (ids, mask, torch.zeros_like(ids)), path,
                      input_names=['input_ids', 'attention_mask', 'token_type_ids'], output_names=['logits'],
                      dynamic_axes={'input_ids': axes, 'attention_mask': axes, 'token_type_ids': axes, 'logits': {0: 'batch_size'}},
                      opset_version=opset, do_constant_folding=True)


def quantize(src, dst):
    """int8 quantisation that ONNX Runtime computes in integers (the layout of onnxruntime's own dynamic
    quantiser, written here with the `onnx` library since that quantiser is not packaged in Debian):
    - every MatMul by a constant weight matrix becomes DynamicQuantizeLinear(activations) →
      MatMulInteger(uint8 activations, int8 weights, symmetric per-tensor) → Cast → Mul(scales), which
      ONNX Runtime fuses into one integer GEMM (about 1.5× the fp32 speed in the WASM build here);
    - every other float initializer with ≥ 2 dims and ≥ 1024 values (the embedding tables, the pooler
      and classifier weights) becomes uint8 + scale/zero point + DequantizeLinear (asymmetric, min/max),
      folded into an fp32 constant once at session creation (the worker sets `disable_quant_qdq`)."""
    import onnx
    from onnx import helper, numpy_helper, TensorProto
    m = onnx.load(src)
    g = m.graph
    inits = {i.name: i for i in g.initializer}
    consumers = {}
    for n in g.node:
        for x in n.input:
            consumers.setdefault(x, []).append(n)
    dynamic = {n.input[1] for n in g.node
               if n.op_type == 'MatMul' and n.input[1] in inits and len(inits[n.input[1]].dims) == 2
               and all(c.op_type == 'MatMul' and c.input[1] == n.input[1] for c in consumers[n.input[1]])}
    keep, dq_nodes, nodes = [], [], []
    for init in g.initializer:
        w = numpy_helper.to_array(init)
        name = init.name
        if name in dynamic:
            scale = max(float(np.abs(w).max()), 1e-12) / 127.0
            q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
            keep.append(numpy_helper.from_array(q, name + '_quantized'))
            keep.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), name + '_scale'))
            keep.append(numpy_helper.from_array(np.array(0, dtype=np.int8), name + '_zero_point'))
            continue
        if init.data_type != TensorProto.FLOAT or w.ndim < 2 or w.size < 1024:
            keep.append(init)
            continue
        lo, hi = min(float(w.min()), 0.0), max(float(w.max()), 0.0)
        scale = (hi - lo) / 255.0 or 1.0
        zp = int(round(-lo / scale))
        q = np.clip(np.round(w / scale) + zp, 0, 255).astype(np.uint8)
        keep.append(numpy_helper.from_array(q, name + '_quantized'))
        keep.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), name + '_scale'))
        keep.append(numpy_helper.from_array(np.array(zp, dtype=np.uint8), name + '_zero_point'))
        dq_nodes.append(helper.make_node('DequantizeLinear', [name + '_quantized', name + '_scale', name + '_zero_point'], [name],
                                         name=name + '_DequantizeLinear'))
    for k, n in enumerate(g.node):
        if n.op_type == 'MatMul' and n.input[1] in dynamic:
            w, x, y, p = n.input[1], n.input[0], n.output[0], f'{n.name or "MatMul"}_{k}'
            nodes += [
                helper.make_node('DynamicQuantizeLinear', [x], [p + '_xq', p + '_xs', p + '_xz'], name=p + '_quant'),
                helper.make_node('MatMulInteger', [p + '_xq', w + '_quantized', p + '_xz', w + '_zero_point'], [p + '_i32'],
                                 name=p + '_MatMulInteger'),
                helper.make_node('Cast', [p + '_i32'], [p + '_f32'], to=TensorProto.FLOAT, name=p + '_cast'),
                helper.make_node('Mul', [p + '_xs', w + '_scale'], [p + '_scale'], name=p + '_scales'),
                helper.make_node('Mul', [p + '_f32', p + '_scale'], [y], name=p + '_output'),
            ]
        else:
            nodes.append(n)
    del g.initializer[:]
    g.initializer.extend(keep)
    del g.node[:]
    g.node.extend(dq_nodes + nodes)
    onnx.checker.check_model(m)
    onnx.save(m, dst)


# ---------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default=os.path.join(ROOT, 'packages', 'classifier', 'model'))
    ap.add_argument('--epochs', type=int, default=8)
    ap.add_argument('--patience', type=int, default=3)
    ap.add_argument('--hidden', type=int, default=128)
    ap.add_argument('--layers', type=int, default=2)
    ap.add_argument('--heads', type=int, default=4)
    ap.add_argument('--intermediate', type=int, default=512)
    ap.add_argument('--positions', type=int, default=128)
    ap.add_argument('--vocab', type=int, default=12000)
    ap.add_argument('--batch', type=int, default=32)
    ap.add_argument('--lr', type=float, default=1e-3)
    ap.add_argument('--budget', type=float, default=0.02, help='false refusal allowed on dev safe lines')
    ap.add_argument('--threads', type=int, default=2)
    ap.add_argument('--state', default='/tmp/anquan-prescreen-state.pt', help='where the trained weights are kept (not shipped)')
    ap.add_argument('--from-state', action='store_true', help='skip training: load --state, redo thresholds, metrics, export')
    ap.add_argument('--pad-augment', type=float, default=0.5, help='share of training lines padded with other safe lines')
    ap.add_argument('--pad-min-tokens', type=int, default=0, help='pad only with safe train lines of at least this many tokens (long prose rather than short requests)')
    ap.add_argument('--threshold-floor', type=float, default=0.25, help='lowest per-risk threshold (45 dev lines a risk cannot support lower ones)')
    ap.add_argument('--skip-padded', action='store_true', help='skip the padded-prompt measurement (the evader figures)')
    a = ap.parse_args()

    t0 = time.time()
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(a.threads)

    train, dev, test = load('train'), load('dev'), load('test')
    names = ['safe'] + sorted({r['label'] for r in train} - {'safe'})
    lid = {n: i for i, n in enumerate(names)}
    vocab = build_vocab([r['text'] for r in train], a.vocab)
    tok = Tok(vocab)
    print(f'train {len(train)} dev {len(dev)} test {len(test)} labels {len(names)} vocab {len(vocab)}', flush=True)

    inner = a.positions - 2
    tr_ids = [tok.inner(r['text']) for r in train]
    tr_y = [lid[r['label']] for r in train]
    safe_idx = [i for i, y in enumerate(tr_y) if y == 0]
    pad_idx = [i for i in safe_idx if len(tr_ids[i]) >= a.pad_min_tokens] or safe_idx
    print(f'padding pool: {len(pad_idx)} safe train lines of >= {a.pad_min_tokens} tokens', flush=True)
    dev_seqs = [tok.encode(r['text'], a.positions) for r in dev]
    dev_y = np.array([lid[r['label']] for r in dev])
    unk = sum(s.count(1) for s in dev_seqs) / max(1, sum(len(s) - 2 for s in dev_seqs))
    print(f'dev [UNK] rate {unk:.4f}', flush=True)

    model = Bert(len(vocab), a.hidden, a.layers, a.heads, a.intermediate, a.positions, len(names))
    opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(train) / a.batch)
    total = steps_per_epoch * a.epochs
    warm = steps_per_epoch // 2
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warm) * max(0.05, 1 - s / total))
    rng = random.Random(SEED)
    best, best_state, bad, best_epoch = -1.0, None, 0, 0
    if a.from_state:
        saved = torch.load(a.state)
        model.load_state_dict(saved['state'])
        best_state, best_epoch = saved['state'], saved['epoch']
        a.epochs = 0
    for epoch in range(a.epochs):
        model.train()
        # benign padding: a share of lines sit at a random place inside other safe lines, up to a whole
        # window (label unchanged), so a request inside a window of unrelated text still reads as that request
        seqs = []
        for i, ids in enumerate(tr_ids):
            s = list(ids)
            if rng.random() < a.pad_augment and len(s) < inner:
                s = pad_line(s, rng.randint(len(s) + 1, inner), rng, tr_ids, pad_idx)
            seqs.append([2] + s[:inner] + [3])
        tl, n = 0.0, 0
        for g, ids, mask, y in batches(seqs, tr_y, a.batch, True, rng):
            logits = model(ids, mask, torch.zeros_like(ids))
            loss = F.cross_entropy(logits, y, label_smoothing=0.05)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            tl += loss.item() * len(g)
            n += len(g)
        probs = predict(model, dev_seqs)
        acc = float((probs.argmax(1) == dev_y).mean())
        harm = dev_y != 0
        # selection: harmful recall at ≤ budget false refusal with one shared threshold on 1 - p(safe)
        risk = 1 - probs[:, 0]
        cut = np.quantile(risk[~harm], 1 - a.budget)
        rec = float((risk[harm] > cut).mean())
        print(f'epoch {epoch + 1} loss {tl / n:.4f} dev acc {acc:.4f} recall@{a.budget:.0%}FR {rec:.4f} {time.time() - t0:.0f}s', flush=True)
        if rec > best:
            best, best_epoch, bad = rec, epoch + 1, 0
            best_state = {k: v.clone() for k, v in model.state_dict().items()}
        else:
            bad += 1
            if bad >= a.patience:
                break
    model.load_state_dict(best_state)
    train_s = saved['seconds'] if a.from_state else time.time() - t0
    # the weights, outside the repo, to redo thresholds/export without training (--from-state)
    torch.save({'state': best_state, 'epoch': best_epoch, 'seconds': train_s}, a.state)

    probs = predict(model, dev_seqs)
    th, rec, fr = choose_thresholds(probs, dev_y, a.budget, a.threshold_floor)
    print(f'best epoch {best_epoch}; dev with per-risk thresholds: refusal {rec:.4f} false refusal {fr:.4f}', flush=True)

    # Windows and padding (the evader): each harmful line with n benign characters (ordinary safe lines
    # of the same split) before or after it, screened in the worker's windows, most severe window
    # deciding. Dev picks the window sizes: one size (half the work) unless two catch ≥ 1 point more.
    # The padding is what an evader writes: ordinary, innocuous prose (EVADER_PADS), not lines of the
    # corpus (at ~3 % false refusal a line, 2,000 characters of them hold a line refused by itself,
    # which would measure false refusals of the padding instead of dilution of the request).
    def padded(rows, n, where, rng):
        out = []
        for r in rows:
            if r['label'] == 'safe':
                continue
            p = rng.choice(EVADER_PADS)
            pad = (p * (n // len(p) + 1))[:n]
            out.append(tok.inner(pad + r['text'] if where == 'before' else r['text'] + pad))
        return out

    def padded_refusal(rows, n, where, sizes, seed):
        ids = padded(rows, n, where, random.Random(seed))
        return float((flagged(predict_windows(model, ids, sizes), th) >= 0).mean())

    # Candidate window sizes, cheapest first by the tokens a 200-token text costs; dev decides: the
    # cheapest whose padded dev refusal is within 1 point of the best candidate's.
    candidates = [[inner], [inner // 2], [inner, inner // 2]]
    window_tokens, padded_metrics = candidates[-1], {}
    if not a.skip_padded:
        dev_padded = {}
        for c in candidates:
            dev_padded[str(c)] = float(np.mean([padded_refusal(dev, 500, w, c, SEED) for w in ('before', 'after')]))
            dev_alone = float((flagged(predict_windows(model, [tok.inner(r['text']) for r in dev if r['label'] != 'safe'], c), th) >= 0).mean())
            print(f'dev windows {c}: refusal {dev_alone:.4f} alone, {dev_padded[str(c)]:.4f} with 500 benign characters', flush=True)
        best_padded = max(dev_padded.values())
        window_tokens = next(c for c in candidates if dev_padded[str(c)] >= best_padded - 0.01)
        print(f'chosen windows {window_tokens}', flush=True)
        padded_metrics = {'dev500': {k: round(v, 4) for k, v in dev_padded.items()}, 'windowTokens': window_tokens, 'test': {}}
        for n in (100, 500, 2000):
            for where in ('before', 'after'):
                r = padded_refusal(test, n, where, window_tokens, SEED + n)
                padded_metrics['test'][f'{n} {where}'] = round(r, 4)
                print(f'test, {n} benign characters {where}: refusal {r:.4f}', flush=True)
        pads = [tok.inner((p * (2000 // len(p) + 1))[:2000]) for p in EVADER_PADS]
        padded_metrics['test']['2000 benign alone, false refusal'] = round(
            float((flagged(predict_windows(model, pads, window_tokens), th) >= 0).mean()), 4)
        print(f"test, 2000 benign characters alone: false refusal {padded_metrics['test']['2000 benign alone, false refusal']}", flush=True)

    test_seqs = [tok.encode(r['text'], a.positions) for r in test]
    test_y = np.array([lid[r['label']] for r in test])
    tprobs = predict(model, test_seqs)
    metrics = report(tprobs, test_y, [r['lang'] for r in test], th, names)
    dev_metrics = report(probs, dev_y, [r['lang'] for r in dev], th, names)

    out = a.out
    os.makedirs(os.path.join(out, 'onnx'), exist_ok=True)
    thresholds = {names[i + 1]: float(th[i]) for i in range(len(names) - 1)}
    total_risk = float(th[len(names) - 1])
    config = {
        'architectures': ['BertForSequenceClassification'],
        'model_type': 'bert',
        'problem_type': 'single_label_classification',
        'vocab_size': len(vocab),
        'hidden_size': a.hidden,
        'num_hidden_layers': a.layers,
        'num_attention_heads': a.heads,
        'intermediate_size': a.intermediate,
        'hidden_act': 'gelu',
        'hidden_dropout_prob': 0.1,
        'attention_probs_dropout_prob': 0.1,
        'max_position_embeddings': a.positions,
        'type_vocab_size': 2,
        'initializer_range': 0.02,
        'layer_norm_eps': 1e-12,
        'pad_token_id': 0,
        'position_embedding_type': 'absolute',
        'classifier_dropout': None,
        'id2label': {str(i): n for i, n in enumerate(names)},
        'label2id': {n: i for i, n in enumerate(names)},
        'anquan': {
            'trainedBy': 'packages/prescreen/train/train.py',
            'seed': SEED,
            'windowTokens': window_tokens,
            'thresholds': thresholds,
            'riskTotalThreshold': total_risk,
            'thresholdsChosenOn': f'dev split, false refusal budget {a.budget}',
        },
    }
    with open(os.path.join(out, 'config.json'), 'w', encoding='utf-8') as f:
        json.dump(config, f, ensure_ascii=False, indent=2)
        f.write('\n')
    with open(os.path.join(out, 'tokenizer.json'), 'w', encoding='utf-8') as f:
        json.dump(tokenizer_json(vocab, a.positions), f, ensure_ascii=False, separators=(',', ':'))
    with open(os.path.join(out, 'tokenizer_config.json'), 'w', encoding='utf-8') as f:
        json.dump({'tokenizer_class': 'BertTokenizer', 'do_lower_case': True, 'tokenize_chinese_chars': True,
                   'strip_accents': None, 'model_max_length': a.positions, 'cls_token': '[CLS]', 'sep_token': '[SEP]',
                   'pad_token': '[PAD]', 'unk_token': '[UNK]', 'mask_token': '[MASK]',
                   'clean_up_tokenization_spaces': True}, f, indent=2)
        f.write('\n')
    fp32 = os.path.join(out, 'onnx', 'model.onnx')
    export_onnx(model, fp32, 17)
    quantize(fp32, os.path.join(out, 'onnx', 'model_quantized.onnx'))
    sizes = {p: os.path.getsize(os.path.join(out, 'onnx', p)) for p in ('model.onnx', 'model_quantized.onnx')}
    params = sum(p.numel() for p in model.parameters())
    result = {
        'model': 'BertForSequenceClassification (from scratch)',
        'sizes': {'layers': a.layers, 'hidden': a.hidden, 'heads': a.heads, 'intermediate': a.intermediate,
                  'maxPositions': a.positions, 'vocab': len(vocab), 'parameters': params},
        'bytes': sizes,
        'seed': SEED,
        'reproducibility': 'same machine and torch build: every figure within 0.01',
        'bestEpoch': best_epoch,
        'trainSeconds': round(train_s),
        'threads': a.threads,
        'torch': torch.__version__,
        'falseRefusalBudget': a.budget,
        'thresholds': thresholds,
        'riskTotalThreshold': total_risk,
        'note': 'classifier alone, pytorch fp32 on the test split (never used for training or tuning); refusal = any risk score at or over its threshold',
        'dev': {k: dev_metrics[k] for k in ('refusal', 'falseRefusal', 'accuracy', 'perLanguage')},
        'test': metrics,
        'padded': padded_metrics,
    }
    with open(os.path.join(out, 'metrics.json'), 'w', encoding='utf-8') as f:
        json.dump(result, f, ensure_ascii=False, indent=2)
        f.write('\n')
    # the line-by-line test probabilities, for the JS checks (not shipped)
    print(json.dumps({k: result[k] for k in ('bytes', 'trainSeconds', 'bestEpoch')}), flush=True)
    print(f"test: refusal {metrics['refusal']} false refusal {metrics['falseRefusal']} accuracy {metrics['accuracy']}", flush=True)
    print(json.dumps(metrics['perLanguage']), flush=True)
    print(f'total {time.time() - t0:.0f}s', flush=True)


if __name__ == '__main__':
    sys.exit(main())
