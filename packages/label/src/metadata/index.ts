/**
 * GB 45438-2025 implicit labels (file metadata): the Appendix E JSON written into, and read back from, real files.
 *
 * Pure TypeScript on `Uint8Array`, no DOM: runs in a page, a worker and Node. Every failure is an
 * {@link ImplicitLabelError} with a `code`; input is walked with bounded loops, every length is checked and every
 * text scan is linear in the input size.
 *
 * @packageDocumentation
 */

import { detectFormat, type MediaFormat } from './detect.js';
import { ImplicitLabelError } from './errors.js';
import { readFlac, writeFlac } from './flac.js';
import { readGif, writeGif } from './gif.js';
import { readHtml, writeHtml } from './html.js';
import { readJpeg, writeJpeg } from './jpeg.js';
import { readJson, writeJson } from './json.js';
import {
  type ImplicitLabel,
  type LabelValue,
  type LabelWarning,
  labelFromObject,
  lenientLabel,
  normalizeLabel,
  serializeLabel,
  unwrapLabelText,
} from './label.js';
import { readMarkdownObjects, writeMarkdown } from './markdown.js';
import { readMatroska, writeMatroska } from './matroska.js';
import { readMp3, writeMp3 } from './mp3.js';
import { readMp4, writeMp4 } from './mp4.js';
import { readOgg, writeOgg } from './ogg.js';
import { readPdf, readPdfAsync, writePdf, writePdfAsync } from './pdf.js';
import { readPng, writePng } from './png.js';
import { readSvg, writeSvg } from './svg.js';
import { readWav, writeWav } from './wav.js';
import { readWebp, writeWebp } from './webp.js';

export { detectFormat, type MediaFormat } from './detect.js';
export { ImplicitLabelError, type ImplicitLabelErrorCode } from './errors.js';
export { type ImplicitLabel, LABEL_KEYS, type LabelValue, type LabelWarning, serializeLabel } from './label.js';
export { IPTC_EXT_NS, TRAINED_ALGORITHMIC_MEDIA } from './xmp.js';

/** How the bytes are to be taken. */
export interface ImplicitLabelOptions {
  /**
   * The file's MIME type (a `Blob.type`). Binary formats are always sniffed from their bytes; for text it decides
   * between Markdown, HTML, SVG and JSON, and `text/plain`, `text/csv` and other text types have no carrier.
   */
  type?: string;
  /**
   * Opt in to the project conventions for formats that no standard or TC260 guide gives a carrier:
   * HTML `<meta name="AIGC" content="…">` and a top-level JSON member `"AIGC"`. Off by default: without it
   * HTML and JSON are `unsupported-format`.
   */
  conventions?: boolean;
}

/** The result of reading a file's implicit label. */
export interface ImplicitLabelRead {
  format: MediaFormat;
  /** The first label with all 7 keys in Appendix E order, or null. */
  label: Required<ImplicitLabel> | null;
  /** How many labels the file holds (more than 1 breaks the one-label rule of §6.1). */
  count: number;
}

/** What {@link inspectImplicitLabel} reports: the read, plus what a malformed label still declares. */
export interface ImplicitLabelInspection extends ImplicitLabelRead {
  /** The first label's `Label` value, even when another field breaks Appendix E (then `label` is null). */
  declared: LabelValue | null;
  /** Problems found in the first label, each naming its field. */
  warnings: LabelWarning[];
}

const ASYNC_ONLY = new Set<MediaFormat>(['ooxml']);
const CONVENTIONS = new Set<MediaFormat>(['html', 'json']);

/** Runs `fn`, turning anything but an ImplicitLabelError (a bug, or an engine limit) into a typed `corrupt`. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ImplicitLabelError) throw err;
    throw new ImplicitLabelError('corrupt', `Could not parse the file: ${String(err)}`, { cause: err });
  }
}

async function guardedAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ImplicitLabelError) throw err;
    throw new ImplicitLabelError('corrupt', `Could not parse the file: ${String(err)}`, { cause: err });
  }
}

function formatOf(bytes: Uint8Array, options: ImplicitLabelOptions, sync: boolean): MediaFormat {
  if (!(bytes instanceof Uint8Array)) throw new ImplicitLabelError('unsupported-format', 'Expected a Uint8Array');
  const format = detectFormat(bytes, options.type);
  if (!format) {
    throw new ImplicitLabelError(
      'unsupported-format',
      `No implicit-label carrier for this file${options.type ? ` (${options.type})` : ''}: supported are PNG, JPEG, WebP, GIF, SVG, MP3, WAV, MP4/MOV/M4A, WebM/MKV, Ogg Vorbis/Opus, FLAC, PDF, OOXML and Markdown`,
    );
  }
  if (CONVENTIONS.has(format) && !options.conventions) {
    throw new ImplicitLabelError(
      'unsupported-format',
      `${format.toUpperCase()} has no standard carrier; pass { conventions: true } to use the project convention`,
    );
  }
  if (sync && ASYNC_ONLY.has(format)) {
    throw new ImplicitLabelError('unsupported-format', 'OOXML needs the zip library: use readImplicitLabelAsync / writeImplicitLabelAsync');
  }
  return format;
}

/** The labels of a file, unparsed: texts (most carriers) or objects (Markdown's YAML mappings). */
type RawLabel = string | { object: unknown };

function rawLabels(bytes: Uint8Array, format: MediaFormat): RawLabel[] {
  if (format === 'markdown') return readMarkdownObjects(bytes).map((object) => ({ object }));
  return textsOf(bytes, format);
}

function unwrap(raw: RawLabel): unknown {
  return typeof raw === 'string' ? unwrapLabelText(raw) : raw.object;
}

function textsOf(bytes: Uint8Array, format: MediaFormat): string[] {
  switch (format) {
    case 'png':
      return readPng(bytes);
    case 'jpeg':
      return readJpeg(bytes);
    case 'webp':
      return readWebp(bytes);
    case 'gif':
      return readGif(bytes);
    case 'svg':
      return readSvg(bytes);
    case 'mp3':
      return readMp3(bytes);
    case 'wav':
      return readWav(bytes);
    case 'mp4':
      return readMp4(bytes);
    case 'matroska':
      return readMatroska(bytes);
    case 'ogg':
      return readOgg(bytes);
    case 'flac':
      return readFlac(bytes);
    case 'pdf':
      return readPdf(bytes);
    case 'html':
      return readHtml(bytes);
    case 'json':
      return readJson(bytes);
    default:
      throw new ImplicitLabelError('unsupported-format', `${format} cannot be read synchronously`);
  }
}

/** Only the first label is parsed (it is the one reported); the others are counted. */
function toRead(format: MediaFormat, raws: RawLabel[]): ImplicitLabelRead {
  return { format, label: raws.length ? labelFromObject(unwrap(raws[0]!)) : null, count: raws.length };
}

/**
 * Reads the implicit label of a file (every format but OOXML; see {@link readImplicitLabelAsync}).
 *
 * @throws ImplicitLabelError `unsupported-format`, `truncated`, `corrupt`, or `invalid-label`/`charset` when the
 *   stored label breaks Appendix E.
 */
export function readImplicitLabel(bytes: Uint8Array, options: ImplicitLabelOptions = {}): ImplicitLabelRead {
  const format = formatOf(bytes, options, true);
  return guarded(() => toRead(format, rawLabels(bytes, format)));
}

/** {@link readImplicitLabel} for every format, OOXML included (its zip library is loaded on first use). */
export async function readImplicitLabelAsync(bytes: Uint8Array, options: ImplicitLabelOptions = {}): Promise<ImplicitLabelRead> {
  const format = formatOf(bytes, options, false);
  return guardedAsync(async () => toRead(format, await rawLabelsAsync(bytes, format)));
}

async function rawLabelsAsync(bytes: Uint8Array, format: MediaFormat): Promise<RawLabel[]> {
  if (format === 'ooxml') {
    const { readOoxml } = await import('./ooxml.js');
    return readOoxml(bytes);
  }
  if (format === 'pdf') return readPdfAsync(bytes);
  return rawLabels(bytes, format);
}

/**
 * Reads a file's label for a platform notice (Labeling Measures Art. 6): like {@link readImplicitLabelAsync},
 * but a label whose `Label` is valid while another field is malformed still gives `declared` (with a warning
 * naming the field) instead of an error. Errors in the file itself (truncated, corrupt, unsupported) still throw.
 */
export async function inspectImplicitLabel(bytes: Uint8Array, options: ImplicitLabelOptions = {}): Promise<ImplicitLabelInspection> {
  const format = formatOf(bytes, options, false);
  return guardedAsync(async () => {
    const raws = await rawLabelsAsync(bytes, format);
    if (!raws.length) return { format, label: null, count: 0, declared: null, warnings: [] };
    let object: unknown;
    try {
      object = unwrap(raws[0]!);
    } catch (err) {
      // A label text that is not even JSON declares nothing.
      if (!(err instanceof ImplicitLabelError)) throw err;
      return { format, label: null, count: raws.length, declared: null, warnings: [{ code: err.code, message: err.message }] };
    }
    const first = lenientLabel(object);
    return { format, label: first.label, count: raws.length, declared: first.value, warnings: first.warnings };
  });
}

function writeSync(bytes: Uint8Array, format: MediaFormat, label: ImplicitLabel, json: string): Uint8Array {
  switch (format) {
    case 'png':
      return writePng(bytes, json);
    case 'jpeg':
      return writeJpeg(bytes, json);
    case 'webp':
      return writeWebp(bytes, json);
    case 'gif':
      return writeGif(bytes, json);
    case 'svg':
      return writeSvg(bytes, json);
    case 'mp3':
      return writeMp3(bytes, json);
    case 'wav':
      return writeWav(bytes, json);
    case 'mp4':
      return writeMp4(bytes, json);
    case 'matroska':
      return writeMatroska(bytes, json);
    case 'ogg':
      return writeOgg(bytes, json);
    case 'flac':
      return writeFlac(bytes, json);
    case 'pdf':
      return writePdf(bytes, json);
    case 'html':
      return writeHtml(bytes, json);
    case 'json':
      return writeJson(bytes, json);
    case 'markdown':
      return writeMarkdown(bytes, normalizeLabel(label));
    default:
      throw new ImplicitLabelError('unsupported-format', `${format} cannot be written synchronously`);
  }
}

/**
 * Returns a copy of the file carrying exactly one implicit label (every existing one is replaced), in the place
 * its format keeps it (TC260 practice guides; shared/spec/requirements.md §4.4). The input is not modified.
 * Every format but OOXML (see {@link writeImplicitLabelAsync}).
 *
 * @throws ImplicitLabelError `invalid-label` / `charset` (naming the key) for a label that breaks Appendix E,
 *   `unsupported-format`, `truncated`, `corrupt`, `too-large`.
 */
export function writeImplicitLabel(bytes: Uint8Array, label: ImplicitLabel, options: ImplicitLabelOptions = {}): Uint8Array {
  const json = serializeLabel(label);
  const format = formatOf(bytes, options, true);
  return guarded(() => checked(writeSync(bytes, format, label, json), format));
}

/** Every write is read back: exactly one label, or a typed error (a hostile file must not end with two). */
function checked(out: Uint8Array, format: MediaFormat, raws?: RawLabel[]): Uint8Array {
  const count = (raws ?? rawLabels(out, format)).length;
  if (count !== 1)
    throw new ImplicitLabelError('corrupt', `The written ${format} file holds ${count} labels; the input is not edited safely`);
  return out;
}

/** {@link writeImplicitLabel} for every format, OOXML included (its zip library is loaded on first use). */
export async function writeImplicitLabelAsync(
  bytes: Uint8Array,
  label: ImplicitLabel,
  options: ImplicitLabelOptions = {},
): Promise<Uint8Array> {
  const json = serializeLabel(label);
  const format = formatOf(bytes, options, false);
  return guardedAsync(async () => {
    if (format === 'ooxml') {
      const { writeOoxml } = await import('./ooxml.js');
      const out = await writeOoxml(bytes, json);
      return checked(out, format, await rawLabelsAsync(out, format));
    }
    if (format === 'pdf') {
      const out = await writePdfAsync(bytes, json);
      return checked(out, format, await rawLabelsAsync(out, format));
    }
    return checked(writeSync(bytes, format, label, json), format);
  });
}
