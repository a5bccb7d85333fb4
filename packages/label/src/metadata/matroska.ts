// WebM / Matroska: the label is a global `SimpleTag` (TagName "AIGC", TagString = the JSON) in the Segment's Tags
// (Matroska spec §5.1.8, the carrier of shared/spec/requirements.md §4.4). The Tag goes into the first Tags
// element, or a new one before the first Cluster; SeekHead and Cues positions are moved by the bytes inserted.
import { concat, latin1, MAX_ITEMS, need, utf8, utf8Decode } from './bytes.js';
import { corrupt, ImplicitLabelError } from './errors.js';

const ID = {
  EBML: 0x1a45dfa3,
  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Seek: 0x4dbb,
  SeekPosition: 0x53ac,
  Cluster: 0x1f43b675,
  Cues: 0x1c53bb6b,
  CuePoint: 0xbb,
  CueTrackPositions: 0xb7,
  CueClusterPosition: 0xf1,
  Tags: 0x1254c367,
  Tag: 0x7373,
  Targets: 0x63c0,
  SimpleTag: 0x67c8,
  TagName: 0x45a3,
  TagString: 0x4487,
} as const;

interface El {
  id: number;
  start: number;
  dataStart: number;
  /** dataStart + size; for an unknown size, the end of its parent. */
  end: number;
  unknown: boolean;
}

/** An element header at `o`: its ID (marker bits kept) and size. */
function header(b: Uint8Array, o: number, limit: number): El {
  need(b, o, 1, 'EBML element ID', limit);
  const first = b[o]!;
  const idLen = first & 0x80 ? 1 : first & 0x40 ? 2 : first & 0x20 ? 3 : first & 0x10 ? 4 : 0;
  if (idLen === 0) corrupt('EBML element ID longer than 4 bytes');
  need(b, o, idLen + 1, 'EBML element header', limit);
  let id = 0;
  for (let i = 0; i < idLen; i++) id = id * 256 + b[o + i]!;
  const s = o + idLen;
  const lead = b[s]!;
  let sizeLen = 1;
  while (sizeLen <= 8 && !(lead & (0x80 >> (sizeLen - 1)))) sizeLen++;
  if (sizeLen > 8) corrupt('EBML size longer than 8 bytes');
  need(b, s, sizeLen, 'EBML element size', limit);
  let size = lead & (0xff >> sizeLen);
  let allOnes = size === 0xff >> sizeLen;
  for (let i = 1; i < sizeLen; i++) {
    size = size * 256 + b[s + i]!;
    if (b[s + i] !== 0xff) allOnes = false;
  }
  if (size > Number.MAX_SAFE_INTEGER) corrupt('EBML size above 2^53');
  const dataStart = s + sizeLen;
  if (allOnes) return { id, start: o, dataStart, end: limit, unknown: true };
  need(b, dataStart, size, 'EBML element', limit);
  return { id, start: o, dataStart, end: dataStart + size, unknown: false };
}

function children(b: Uint8Array, start: number, end: number): El[] {
  const list: El[] = [];
  for (let o = start, n = 0; o < end; n++) {
    if (n >= MAX_ITEMS) corrupt('Matroska has too many elements');
    const el = header(b, o, end);
    list.push(el);
    if (el.unknown) {
      // Only a live Cluster may leave its size open; it runs to the end of its parent.
      if (el.id !== ID.Cluster) corrupt('Matroska element of unknown size that is not a Cluster');
      break;
    }
    o = el.end;
  }
  return list;
}

function segment(b: Uint8Array): { seg: El; top: El[] } {
  const ebml = header(b, 0, b.length);
  if (ebml.id !== ID.EBML) corrupt('Matroska does not start with an EBML header');
  const seg = header(b, ebml.end, b.length);
  if (seg.id !== ID.Segment) corrupt('Matroska Segment expected after the EBML header');
  return { seg, top: children(b, seg.dataStart, seg.end) };
}

/** The `TagString`s of every SimpleTag named AIGC in a Tags element. */
function tagTexts(b: Uint8Array, tags: El): string[] {
  const out: string[] = [];
  for (const tag of children(b, tags.dataStart, tags.end)) {
    if (tag.id !== ID.Tag) continue;
    for (const st of children(b, tag.dataStart, tag.end)) {
      if (st.id !== ID.SimpleTag) continue;
      let name = '';
      let value: string | null = null;
      for (const f of children(b, st.dataStart, st.end)) {
        if (f.id === ID.TagName) name = utf8Decode(b.subarray(f.dataStart, f.end));
        else if (f.id === ID.TagString) value = utf8Decode(b.subarray(f.dataStart, f.end));
      }
      if (name.toUpperCase() === 'AIGC' && value !== null) out.push(value);
    }
  }
  return out;
}

/** The label texts held by a WebM/Matroska file, in file order. */
export function readMatroska(b: Uint8Array): string[] {
  return segment(b)
    .top.filter((e) => e.id === ID.Tags)
    .flatMap((e) => tagTexts(b, e));
}

function idBytes(id: number): Uint8Array {
  const len = id > 0xffffff ? 4 : id > 0xffff ? 3 : id > 0xff ? 2 : 1;
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = Math.floor(id / 256 ** (len - 1 - i)) & 0xff;
  return out;
}

function sizeBytes(size: number, len = 0): Uint8Array {
  let n = 1;
  while (n < 8 && size >= 2 ** (7 * n) - 1) n++;
  if (len && len >= n) n = len;
  if (size >= 2 ** (7 * n) - 1) throw new ImplicitLabelError('too-large', 'Matroska element size does not fit');
  const out = new Uint8Array(n);
  let v = size;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  out[0] = out[0]! | (0x80 >> (n - 1));
  return out;
}

function element(id: number, ...content: Uint8Array[]): Uint8Array {
  const body = concat(content);
  return concat([idBytes(id), sizeBytes(body.length), body]);
}

function uintBytes(v: number): Uint8Array {
  let n = 1;
  while (n < 8 && v >= 256 ** n) n++;
  const out = new Uint8Array(n);
  let x = v;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = x % 256;
    x = Math.floor(x / 256);
  }
  return out;
}

function readUint(b: Uint8Array, el: El): number {
  if (el.end - el.dataStart > 8) corrupt('Matroska unsigned integer longer than 8 bytes');
  let v = 0;
  for (let i = el.dataStart; i < el.end; i++) v = v * 256 + b[i]!;
  return v;
}

const RECURSE = new Set<number>([ID.Seek, ID.CuePoint, ID.CueTrackPositions]);
const POSITIONS = new Set<number>([ID.SeekPosition, ID.CueClusterPosition]);

/** A SeekHead or Cues element re-encoded with its segment positions passed through `move`. */
function reencode(b: Uint8Array, el: El, move: (pos: number) => number): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const c of children(b, el.dataStart, el.end)) {
    if (RECURSE.has(c.id)) parts.push(reencode(b, c, move));
    else if (POSITIONS.has(c.id)) parts.push(element(c.id, uintBytes(move(readUint(b, c)))));
    else parts.push(b.subarray(c.start, c.end));
  }
  return element(el.id, ...parts);
}

/** Tags content without any AIGC SimpleTag (a Tag left with no SimpleTag is dropped). */
function withoutLabel(b: Uint8Array, tags: El): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const tag of children(b, tags.dataStart, tags.end)) {
    if (tag.id !== ID.Tag) {
      out.push(b.subarray(tag.start, tag.end));
      continue;
    }
    const kept: Uint8Array[] = [];
    let simple = 0;
    for (const st of children(b, tag.dataStart, tag.end)) {
      if (st.id === ID.SimpleTag) {
        if (isAigc(b, st)) continue;
        simple++;
      }
      kept.push(b.subarray(st.start, st.end));
    }
    if (simple > 0) out.push(element(ID.Tag, ...kept));
  }
  return out;
}

function isAigc(b: Uint8Array, st: El): boolean {
  for (const f of children(b, st.dataStart, st.end)) {
    if (f.id === ID.TagName) return utf8Decode(b.subarray(f.dataStart, f.end)).toUpperCase() === 'AIGC';
  }
  return false;
}

/** Writes one global SimpleTag AIGC, removing every other one; media data is copied unchanged. */
export function writeMatroska(b: Uint8Array, json: string): Uint8Array {
  const { seg, top } = segment(b);
  const labelTag = element(
    ID.Tag,
    element(ID.Targets),
    element(ID.SimpleTag, element(ID.TagName, latin1('AIGC')), element(ID.TagString, utf8(json))),
  );
  const firstTags = top.findIndex((e) => e.id === ID.Tags);
  const firstCluster = top.findIndex((e) => e.id === ID.Cluster);
  // New top-level content: null means "the original bytes".
  const fixed: (Uint8Array | null)[] = top.map((e, i) => {
    if (e.id !== ID.Tags) return null;
    const rest = withoutLabel(b, e);
    if (i === firstTags) return element(ID.Tags, labelTag, ...rest);
    return rest.length ? element(ID.Tags, ...rest) : new Uint8Array(0);
  });
  const insertAt = firstTags >= 0 ? -1 : firstCluster >= 0 ? firstCluster : top.length;
  const newTags = firstTags >= 0 ? null : element(ID.Tags, labelTag);
  const rel = (o: number): number => o - seg.dataStart;
  // Fixed point: SeekHead and Cues sizes depend on the positions they hold.
  const oldStarts = top.map((e) => rel(e.start));
  let starts: number[] = oldStarts.slice();
  let layout: Uint8Array[] = [];
  const move = (p: number): number => {
    // The element that starts at or before p (binary search), shifted as that element was.
    let lo = 0;
    let hi = oldStarts.length - 1;
    if (hi < 0 || p < oldStarts[0]!) return p;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (oldStarts[mid]! <= p) lo = mid;
      else hi = mid - 1;
    }
    return p + starts[lo]! - oldStarts[lo]!;
  };
  for (let round = 0; round < 8; round++) {
    const next: number[] = [];
    const pieces: Uint8Array[] = [];
    let o = 0;
    top.forEach((e, i) => {
      if (i === insertAt && newTags) {
        pieces.push(newTags);
        o += newTags.length;
      }
      next.push(o);
      const piece = e.id === ID.SeekHead || e.id === ID.Cues ? reencode(b, e, move) : (fixed[i] ?? b.subarray(e.start, e.end));
      pieces.push(piece);
      o += piece.length;
    });
    if (insertAt === top.length && newTags) pieces.push(newTags);
    layout = pieces;
    const stable = next.every((v, i) => v === starts[i]);
    starts = next;
    if (stable) break;
    if (round === 7) corrupt('Matroska positions did not settle');
  }
  const body = concat(layout);
  const last = top[top.length - 1];
  const tail = last?.unknown ? new Uint8Array(0) : b.subarray(seg.unknown ? (last ? last.end : seg.dataStart) : seg.end);
  const sizeLen = seg.dataStart - (seg.start + 4);
  const segSize = seg.unknown ? b.subarray(seg.start + 4, seg.dataStart) : sizeBytes(body.length, sizeLen);
  const out = concat([b.subarray(0, seg.start + 4), segSize, body, tail]);
  if (readMatroska(out).length !== 1) corrupt('Matroska: the Tags could not be placed where a reader finds them');
  return out;
}
