/**
 * GB 45438-2025 implicit labels (file metadata): the Appendix E JSON written into, and read back from, real files.
 *
 * Pure TypeScript on `Uint8Array`, no DOM: runs in a page, a worker and Node. Every failure is an
 * {@link ImplicitLabelError} with a `code`; input is walked with bounded loops and every length is checked.
 *
 * @packageDocumentation
 */
import { ImplicitLabelError } from './errors.js';
import { type MediaFormat, detectFormat } from './detect.js';
import { type ImplicitLabel, normalizeLabel, parseLabelText, serializeLabel } from './label.js';
import { readJpeg, writeJpeg } from './jpeg.js';
import { readMarkdown, writeMarkdown } from './markdown.js';
import { readMp3, writeMp3 } from './mp3.js';
import { readMp4, writeMp4 } from './mp4.js';
import { readPng, writePng } from './png.js';
import { readWav, writeWav } from './wav.js';
import { readWebp, writeWebp } from './webp.js';

export { ImplicitLabelError, type ImplicitLabelErrorCode } from './errors.js';
export { detectFormat, type MediaFormat } from './detect.js';
export { LABEL_KEYS, type ImplicitLabel, type LabelValue, serializeLabel } from './label.js';

/** Runs `fn`, turning anything but an ImplicitLabelError (a bug, or an engine limit) into a typed `corrupt`. */
function guarded<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ImplicitLabelError) throw err;
    throw new ImplicitLabelError('corrupt', `Could not parse the file: ${String(err)}`, { cause: err });
  }
}

function formatOf(bytes: Uint8Array): MediaFormat {
  if (!(bytes instanceof Uint8Array)) throw new ImplicitLabelError('unsupported-format', 'Expected a Uint8Array');
  const format = detectFormat(bytes);
  if (!format) throw new ImplicitLabelError('unsupported-format', 'Not PNG, JPEG, WebP, MP3, WAV, MP4/MOV/M4A or UTF-8 Markdown');
  return format;
}

/**
 * Reads the implicit label of a file.
 *
 * @returns the sniffed `format`; `label`, the first label with all 7 keys in Appendix E order (null when the file
 *   has none); `count`, how many labels the file holds (more than 1 breaks the one-label rule of §6.1).
 * @throws ImplicitLabelError `unsupported-format`, `truncated`, `corrupt`, or `invalid-label`/`charset` when the
 *   stored label breaks Appendix E.
 */
export function readImplicitLabel(bytes: Uint8Array): { format: MediaFormat; label: Required<ImplicitLabel> | null; count: number } {
  const format = formatOf(bytes);
  return guarded(() => {
    if (format === 'markdown') {
      const labels = readMarkdown(bytes);
      return { format, label: labels[0] ?? null, count: labels.length };
    }
    const texts =
      format === 'png'
        ? readPng(bytes)
        : format === 'jpeg'
          ? readJpeg(bytes)
          : format === 'webp'
            ? readWebp(bytes)
            : format === 'mp3'
              ? readMp3(bytes)
              : format === 'wav'
                ? readWav(bytes)
                : readMp4(bytes);
    return { format, label: texts.length ? parseLabelText(texts[0]!) : null, count: texts.length };
  });
}

/**
 * Returns a copy of the file carrying exactly one implicit label (every existing one is replaced), in the place
 * its format keeps it (TC260 practice guides). The input is not modified; the media payload is copied once.
 *
 * @throws ImplicitLabelError `invalid-label` / `charset` (naming the key) for a label that breaks Appendix E,
 *   `unsupported-format`, `truncated`, `corrupt`, `too-large`.
 */
export function writeImplicitLabel(bytes: Uint8Array, label: ImplicitLabel): Uint8Array {
  const json = serializeLabel(label);
  const format = formatOf(bytes);
  return guarded(() => {
    switch (format) {
      case 'png':
        return writePng(bytes, json);
      case 'jpeg':
        return writeJpeg(bytes, json);
      case 'webp':
        return writeWebp(bytes, json);
      case 'mp3':
        return writeMp3(bytes, json);
      case 'wav':
        return writeWav(bytes, json);
      case 'mp4':
        return writeMp4(bytes, json);
      case 'markdown':
        return writeMarkdown(bytes, normalizeLabel(label));
    }
  });
}
