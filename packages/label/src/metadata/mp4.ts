// MP4 / MOV / M4A: the label is a QuickTime "mdta" metadata item, as ffmpeg writes with
// `-movflags use_metadata_tags` (TC260-PG-20257A): moov/udta/meta { hdlr "mdta", keys { "mdta" "AIGC" },
// ilst { <key index> { data (type 1, UTF-8) = JSON } } }. iTunes-style "----" items named AIGC are read too.
// When moov sits before the media data and changes size, every stco/co64 chunk offset (and tfhd/tfra absolute
// offsets of fragmented files) behind it is shifted by the same amount, so the file still plays.
import { concat, fourcc, latin1, latin1Decode, MAX_ITEMS, need, put32be, put64be, u32be, u64be, utf8, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';

interface Box {
  type: string;
  start: number;
  /** Header length: 8, or 16 with a 64-bit size. */
  hl: number;
  end: number;
}

const KEY = 'AIGC';

/**
 * The child boxes of the range [start, end). A 4–7 byte zero tail (the QuickTime udta terminator) is allowed;
 * size 0 ("to the end of the file") only at the top level.
 */
function children(b: Uint8Array, start: number, end: number, what: string): Box[] {
  const topLevel = start === 0 && end === b.length;
  const list: Box[] = [];
  let o = start;
  while (o < end) {
    if (list.length >= MAX_ITEMS) corrupt(`${what} has too many boxes`);
    if (end - o < 8) {
      need(b, o, end - o, what);
      for (let i = o; i < end; i++) if (b[i] !== 0) corrupt(`${what} ends with a partial box`);
      break;
    }
    need(b, o, 8, `${what} box header`);
    let size = u32be(b, o);
    const type = fourcc(b, o + 4);
    let hl = 8;
    if (size === 1) {
      need(b, o, 16, `${what} 64-bit box header`);
      size = u64be(b, o + 8);
      hl = 16;
    } else if (size === 0) {
      if (!topLevel) corrupt(`${what}: box of size 0 inside a container`);
      size = end - o;
    }
    if (size < hl) corrupt(`${what}: box ${JSON.stringify(type)} is smaller than its header`);
    if (o + size > end) {
      if (o + size > b.length)
        throw new ImplicitLabelError('truncated', `${what}: box ${JSON.stringify(type)} runs past the end of the file`);
      corrupt(`${what}: box ${JSON.stringify(type)} runs past its parent`);
    }
    list.push({ type, start: o, hl, end: o + size });
    o += size;
  }
  return list;
}

function inner(b: Uint8Array, box: Box, what: string): Box[] {
  return children(b, box.start + box.hl, box.end, what);
}

/** Where a meta box's children start: ISO meta is a full box (4 bytes version/flags), QuickTime meta is not. */
function metaBodyStart(b: Uint8Array, meta: Box): number {
  const p = meta.start + meta.hl;
  if (p + 8 <= meta.end && fourcc(b, p + 4) === 'hdlr') return p;
  if (p + 4 > meta.end) corrupt('meta box is too short');
  return p + 4;
}

function handlerType(b: Uint8Array, hdlr: Box): string {
  const p = hdlr.start + hdlr.hl;
  if (p + 12 > hdlr.end) corrupt('hdlr box is too short');
  return fourcc(b, p + 8);
}

interface Key {
  start: number;
  end: number;
  ns: string;
  name: string;
}

function parseKeys(b: Uint8Array, keys: Box): Key[] {
  const p = keys.start + keys.hl;
  if (p + 8 > keys.end) corrupt('keys box is too short');
  const count = u32be(b, p + 4);
  if (count > (keys.end - p - 8) / 8) corrupt('keys entry count exceeds the box');
  const list: Key[] = [];
  let o = p + 8;
  for (let i = 0; i < count; i++) {
    if (o + 8 > keys.end) corrupt('keys entry runs past the box');
    const size = u32be(b, o);
    if (size < 8 || o + size > keys.end) corrupt('keys entry size is out of range');
    list.push({ start: o, end: o + size, ns: fourcc(b, o + 4), name: latin1Decode(b, o + 8, o + size) });
    o += size;
  }
  return list;
}

function isLabelKey(k: Key | undefined): boolean {
  return !!k && k.ns === 'mdta' && k.name.toUpperCase() === KEY;
}

/** The text of an ilst item's first data box. */
function itemText(b: Uint8Array, item: Box): string | null {
  for (const d of inner(b, item, 'ilst item')) {
    if (d.type !== 'data') continue;
    const p = d.start + d.hl;
    if (p + 8 > d.end) corrupt('data box is too short');
    const type = u32be(b, p) & 0xffffff;
    const value = b.subarray(p + 8, d.end);
    if (type === 2) {
      let s = '';
      for (let i = 0; i + 1 < value.length; i += 2) s += String.fromCharCode((value[i]! << 8) | value[i + 1]!);
      return s;
    }
    return utf8Decode(value);
  }
  return null;
}

/** Whether an ilst item is an iTunes freeform ("----") item named AIGC. */
function isFreeformLabel(b: Uint8Array, item: Box): boolean {
  if (item.type !== '----') return false;
  for (const c of inner(b, item, '---- item')) {
    if (c.type === 'name') {
      const p = c.start + c.hl + 4;
      return p <= c.end && latin1Decode(b, p, c.end).toUpperCase() === KEY;
    }
  }
  return false;
}

interface MetaInfo {
  box: Box;
  bodyStart: number;
  parts: Box[];
  handler: string | null;
  keys: Key[];
  keysBox: Box | null;
  ilst: Box | null;
  /** ilst items that hold a label, in order. */
  labelItems: Set<number>;
}

function parseMeta(b: Uint8Array, meta: Box): MetaInfo {
  const bodyStart = metaBodyStart(b, meta);
  const parts = children(b, bodyStart, meta.end, 'meta');
  let handler: string | null = null;
  let keysBox: Box | null = null;
  let ilst: Box | null = null;
  for (const c of parts) {
    if (c.type === 'hdlr' && handler === null) handler = handlerType(b, c);
    else if (c.type === 'keys' && !keysBox) keysBox = c;
    else if (c.type === 'ilst' && !ilst) ilst = c;
  }
  const keys = keysBox && handler === 'mdta' ? parseKeys(b, keysBox) : [];
  const labelItems = new Set<number>();
  if (ilst) {
    for (const item of inner(b, ilst, 'ilst')) {
      const index = u32be(b, item.start + 4);
      if ((handler === 'mdta' && index >= 1 && isLabelKey(keys[index - 1])) || isFreeformLabel(b, item)) labelItems.add(item.start);
    }
  }
  return { box: meta, bodyStart, parts, handler, keys, keysBox, ilst, labelItems };
}

/** Metadata boxes that may hold the label: moov/udta/meta (first) and moov/meta. */
function metas(b: Uint8Array, moov: Box): { udta: Box | null; udtaMetas: MetaInfo[]; moovMetas: MetaInfo[]; kids: Box[] } {
  const kids = inner(b, moov, 'moov');
  const udta = kids.find((k) => k.type === 'udta') ?? null;
  const udtaMetas = udta
    ? inner(b, udta, 'udta')
        .filter((k) => k.type === 'meta')
        .map((m) => parseMeta(b, m))
    : [];
  const moovMetas = kids.filter((k) => k.type === 'meta').map((m) => parseMeta(b, m));
  return { udta, udtaMetas, moovMetas, kids };
}

function topLevel(b: Uint8Array): { list: Box[]; moov: Box } {
  const list = children(b, 0, b.length, 'MP4');
  const moov = list.find((x) => x.type === 'moov');
  if (!moov) corrupt('MP4 has no moov box');
  return { list, moov };
}

/** The label texts held by an MP4/MOV/M4A file, in file order. */
export function readMp4(b: Uint8Array): string[] {
  const { moov } = topLevel(b);
  const { udtaMetas, moovMetas } = metas(b, moov);
  const texts: string[] = [];
  for (const m of [...moovMetas, ...udtaMetas].sort((x, y) => x.box.start - y.box.start)) {
    if (!m.ilst) continue;
    for (const item of inner(b, m.ilst, 'ilst')) {
      if (!m.labelItems.has(item.start)) continue;
      const text = itemText(b, item);
      if (text === null) corrupt('AIGC item has no data box');
      texts.push(text);
    }
  }
  return texts;
}

/** A box with an 8-byte header around the given parts (one allocation). */
function box(type: string, parts: readonly Uint8Array[]): Uint8Array {
  let size = 8;
  for (const p of parts) size += p.length;
  if (size > 0xffffffff) throw new ImplicitLabelError('too-large', `${type} box above 4 GiB`);
  const head = new Uint8Array(8);
  put32be(head, 0, size);
  head.set(latin1(type), 4);
  return concat([head, ...parts]);
}

function u32(v: number): Uint8Array {
  const out = new Uint8Array(4);
  put32be(out, 0, v);
  return out;
}

function labelItem(index: number, json: string): Uint8Array {
  return box(String.fromCharCode(index >>> 24, (index >>> 16) & 0xff, (index >>> 8) & 0xff, index & 0xff), [
    box('data', [u32(1), u32(0), utf8(json)]),
  ]);
}

/** The mdta hdlr box exactly as ffmpeg writes it. */
function mdtaHdlr(): Uint8Array {
  return box('hdlr', [u32(0), u32(0), latin1('mdta'), u32(0), u32(0), u32(0), new Uint8Array(1)]);
}

function newMeta(json: string): Uint8Array {
  return box('meta', [
    u32(0),
    mdtaHdlr(),
    box('keys', [u32(0), u32(1), u32(12), latin1('mdta'), latin1(KEY)]),
    box('ilst', [labelItem(1, json)]),
  ]);
}

/**
 * A meta box with its label items (and keys) removed, plus the new label when `json` is given (mdta metas only).
 * Returns null when the meta needs no change.
 */
function rebuildMeta(b: Uint8Array, m: MetaInfo, json: string | null): Uint8Array | null {
  const removedKeys = m.keys.map(isLabelKey);
  if (json === null && m.labelItems.size === 0 && !removedKeys.some(Boolean)) return null;
  // Old 1-based key index -> new index (0 = removed).
  const map: number[] = [0];
  const keptKeys: Uint8Array[] = [];
  m.keys.forEach((k, i) => {
    if (removedKeys[i]) map.push(0);
    else {
      keptKeys.push(b.subarray(k.start, k.end));
      map.push(keptKeys.length);
    }
  });
  const newIndex = keptKeys.length + 1;
  const keysBox = (): Uint8Array => {
    const entries = [...keptKeys];
    if (json !== null) entries.push(concat([u32(8 + KEY.length), latin1('mdta'), latin1(KEY)]));
    const vf = m.keysBox ? b.subarray(m.keysBox.start + m.keysBox.hl, m.keysBox.start + m.keysBox.hl + 4) : u32(0);
    return box('keys', [vf, u32(entries.length), ...entries]);
  };
  const ilstBox = (): Uint8Array => {
    const items: Uint8Array[] = [];
    if (m.ilst) {
      for (const item of inner(b, m.ilst, 'ilst')) {
        if (m.labelItems.has(item.start)) continue;
        const index = u32be(b, item.start + 4);
        if (m.handler === 'mdta' && index >= 1 && index < map.length) {
          if (map[index] === 0) continue;
          const copy = b.slice(item.start, item.end);
          put32be(copy, 4, map[index]!);
          items.push(copy);
        } else if (!(m.handler === 'mdta' && index >= 1 && index < 0x1000000)) {
          // (An mdta item pointing past the keys is an orphan and is dropped: it would alias the key added here.)
          items.push(b.subarray(item.start, item.end));
        }
      }
    }
    if (json !== null) items.push(labelItem(newIndex, json));
    return box('ilst', items);
  };
  const parts: Uint8Array[] = [b.subarray(m.box.start + m.box.hl, m.bodyStart)];
  let wroteKeys = false;
  let wroteIlst = false;
  for (const c of m.parts) {
    if (c === m.keysBox) {
      parts.push(keysBox());
      wroteKeys = true;
    } else if (c === m.ilst) {
      if (!wroteKeys && json !== null) {
        parts.push(keysBox());
        wroteKeys = true;
      }
      parts.push(ilstBox());
      wroteIlst = true;
    } else parts.push(b.subarray(c.start, c.end));
  }
  if (json !== null && !wroteKeys) parts.push(keysBox());
  if (json !== null && !wroteIlst) parts.push(ilstBox());
  return box('meta', parts);
}

/** Shifts every stco/co64 entry at or after `from` by `delta`, in place in a finished moov. */
function shiftChunkOffsets(moov: Uint8Array, from: number, delta: number): void {
  const top = children(moov, 8, moov.length, 'moov');
  for (const trak of top) {
    if (trak.type !== 'trak') continue;
    for (const mdia of inner(moov, trak, 'trak')) {
      if (mdia.type !== 'mdia') continue;
      for (const minf of inner(moov, mdia, 'mdia')) {
        if (minf.type !== 'minf') continue;
        for (const stbl of inner(moov, minf, 'minf')) {
          if (stbl.type !== 'stbl') continue;
          for (const t of inner(moov, stbl, 'stbl')) {
            if (t.type !== 'stco' && t.type !== 'co64') continue;
            const p = t.start + t.hl;
            if (p + 8 > t.end) corrupt(`${t.type} box is too short`);
            const count = u32be(moov, p + 4);
            const width = t.type === 'stco' ? 4 : 8;
            if (count > (t.end - p - 8) / width) corrupt(`${t.type} entry count exceeds the box`);
            for (let i = 0, o = p + 8; i < count; i++, o += width) {
              const v = width === 4 ? u32be(moov, o) : u64be(moov, o);
              if (v < from) continue;
              const nv = v + delta;
              if (width === 4) {
                if (nv > 0xffffffff) throw new ImplicitLabelError('too-large', 'A chunk offset no longer fits stco');
                put32be(moov, o, nv);
              } else put64be(moov, o, nv);
            }
          }
        }
      }
    }
  }
}

/** Absolute offsets behind moov in fragmented files: tfhd base_data_offset and tfra moof_offset. */
function fragmentOffsets(b: Uint8Array, list: Box[], after: number): { pos: number; width: 4 | 8 }[] {
  const found: { pos: number; width: 4 | 8 }[] = [];
  for (const top of list) {
    if (top.start < after) continue;
    if (top.type === 'moof') {
      for (const traf of inner(b, top, 'moof')) {
        if (traf.type !== 'traf') continue;
        for (const tfhd of inner(b, traf, 'traf')) {
          if (tfhd.type !== 'tfhd') continue;
          const p = tfhd.start + tfhd.hl;
          if (p + 8 > tfhd.end) corrupt('tfhd box is too short');
          if (u32be(b, p) & 1) {
            if (p + 16 > tfhd.end) corrupt('tfhd box is too short');
            found.push({ pos: p + 8, width: 8 });
          }
        }
      }
    } else if (top.type === 'mfra') {
      for (const tfra of inner(b, top, 'mfra')) {
        if (tfra.type !== 'tfra') continue;
        const p = tfra.start + tfra.hl;
        if (p + 12 > tfra.end) corrupt('tfra box is too short');
        const v1 = b[p] === 1;
        const sizes = u32be(b, p + 8);
        const extra = ((sizes >>> 4) & 3) + 1 + (((sizes >>> 2) & 3) + 1) + ((sizes & 3) + 1);
        if (p + 16 > tfra.end) corrupt('tfra box is too short');
        const count = u32be(b, p + 12);
        const entry = (v1 ? 16 : 8) + extra;
        if (count > (tfra.end - p - 16) / entry) corrupt('tfra entry count exceeds the box');
        for (let i = 0; i < count; i++) found.push({ pos: p + 16 + i * entry + (v1 ? 8 : 4), width: v1 ? 8 : 4 });
      }
    }
  }
  return found;
}

/**
 * Writes the label into the mdta metadata of moov (merging into an existing mdta meta, else adding one to
 * moov/udta), removes every other AIGC item, and shifts chunk offsets when moov precedes the media data.
 */
export function writeMp4(b: Uint8Array, json: string): Uint8Array {
  const { list, moov } = topLevel(b);
  const { udta, udtaMetas, moovMetas, kids } = metas(b, moov);
  const target = udtaMetas.find((m) => m.handler === 'mdta') ?? moovMetas.find((m) => m.handler === 'mdta') ?? null;
  const rebuilt = (m: MetaInfo): Uint8Array | null => rebuildMeta(b, m, m === target ? json : null);

  const moovParts: Uint8Array[] = [];
  let wroteUdta = false;
  for (const k of kids) {
    if (k === udta) {
      const udtaParts: Uint8Array[] = [];
      const udtaKids = inner(b, udta, 'udta');
      for (const c of udtaKids) {
        const m = c.type === 'meta' ? udtaMetas.find((x) => x.box.start === c.start) : undefined;
        const r = m ? rebuilt(m) : null;
        udtaParts.push(r ?? b.subarray(c.start, c.end));
      }
      if (!target) udtaParts.push(newMeta(json));
      const last = udtaKids[udtaKids.length - 1];
      const tail = b.subarray(last ? last.end : udta.start + udta.hl, udta.end);
      if (tail.length) udtaParts.push(tail);
      moovParts.push(box('udta', udtaParts));
      wroteUdta = true;
    } else if (k.type === 'meta') {
      const m = moovMetas.find((x) => x.box.start === k.start);
      moovParts.push((m && rebuilt(m)) ?? b.subarray(k.start, k.end));
    } else moovParts.push(b.subarray(k.start, k.end));
  }
  if (!wroteUdta && !target) moovParts.push(box('udta', [newMeta(json)]));
  const last = kids[kids.length - 1];
  const tail = b.subarray(last ? last.end : moov.start + moov.hl, moov.end);
  if (tail.length) moovParts.push(tail);
  const newMoov = box('moov', moovParts);

  const delta = newMoov.length - (moov.end - moov.start);
  const fragments = delta === 0 ? [] : fragmentOffsets(b, list, moov.end);
  if (delta !== 0) shiftChunkOffsets(newMoov, moov.end, delta);
  const out = concat([b.subarray(0, moov.start), newMoov, b.subarray(moov.end)]);
  for (const f of fragments) {
    const pos = f.pos + delta;
    const v = f.width === 8 ? u64be(out, pos) : u32be(out, pos);
    if (v < moov.end) continue;
    if (f.width === 8) put64be(out, pos, v + delta);
    else {
      if (v + delta > 0xffffffff) throw new ImplicitLabelError('too-large', 'A fragment offset no longer fits 32 bits');
      put32be(out, pos, v + delta);
    }
  }
  return out;
}

/** Major brands of ISO-BMFF files that are still images, not MP4/MOV/M4A (HEIF, AVIF). */
const IMAGE_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'mif2', 'msf1', 'avif', 'avis']);

/** Whether the bytes start like an MP4/MOV/M4A file. */
export function looksLikeMp4(b: Uint8Array): boolean {
  if (b.length < 8) return false;
  const size = u32be(b, 0);
  const type = fourcc(b, 4);
  if (type === 'ftyp') return size >= 12 && b.length >= 12 && !IMAGE_BRANDS.has(fourcc(b, 8));
  if (!['moov', 'mdat', 'free', 'skip', 'wide', 'pnot'].includes(type)) return false;
  return size === 1 || (size >= 8 && size <= b.length);
}
