// Burn the explicit label into an image's pixels (GB 45438-2025 §5.2; Labeling Measures Art. 4, last
// paragraph: a downloaded file carries the explicit label itself). Canvas only; works in a worker with
// OffscreenCanvas.
import { getConfig } from '@anquan/core/config-state';
import { type Locale, resolveLocale } from '@anquan/core/i18n';
import type { ProfileId } from '@anquan/core/profiles';
import { wordingOrThrow } from '../wording.js';
import { LABEL_FONT_FAMILY, labelGlyphFontSize } from './glyph.js';
import { VISUAL_POSITIONS, type VisualPosition } from './positions.js';

export interface BurnInOptions {
  /** Custom wording (must contain both elements; else a LabelWordingError). Default: the profile's image wording. */
  text?: string;
  /** Locale of the default wording; default: the profile's default locale. */
  locale?: Locale | string;
  /** Profile whose wording and threshold apply; default: the active profile. */
  profile?: ProfileId;
  /** Edge or corner; default `bottom-right`. */
  position?: VisualPosition;
  /** Output MIME type; default: the input Blob's type when it is PNG, JPEG or WebP, else `image/png`. */
  type?: string;
  /** Encoder quality for JPEG and WebP (0–1; default 0.92). */
  quality?: number;
}

export type BurnInSource = Blob | HTMLImageElement | ImageBitmap | HTMLCanvasElement | OffscreenCanvas;

const FONT = LABEL_FONT_FAMILY;
const ENCODABLE = ['image/png', 'image/jpeg', 'image/webp'];

/** The geometry of a burnt-in label: font size, box and text origin, in image pixels. */
export interface BurnInLayout {
  fontSize: number;
  box: { x: number; y: number; width: number; height: number };
}

/** Where the label box goes in a `width`×`height` image for a text `textWidth` wide at `fontSize`. */
export function burnInLayout(width: number, height: number, textWidth: number, fontSize: number, position: VisualPosition): BurnInLayout {
  const pad = Math.round(fontSize * 0.3);
  const margin = Math.round(fontSize * 0.3);
  const bw = Math.ceil(textWidth) + 2 * pad;
  const bh = fontSize + 2 * pad;
  const left = margin;
  const right = width - margin - bw;
  const centre = Math.round((width - bw) / 2);
  const top = margin;
  const bottom = height - margin - bh;
  const x = position.endsWith('left') ? left : position.endsWith('right') ? right : centre;
  const y = position.startsWith('top') ? top : bottom;
  return { fontSize, box: { x, y, width: bw, height: bh } };
}

/**
 * Draw `text` as a label box onto `ctx` (a `width`×`height` surface) at `position`, its glyphs (measured with
 * TextMetrics) at least `ratio` of the shortest side. Shared by image burn-in, video export and the PiP canvas.
 */
export function drawLabel(
  ctx: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  width: number,
  height: number,
  text: string,
  position: VisualPosition,
  ratio: number,
): BurnInLayout {
  const fontSize = labelGlyphFontSize(text, Math.min(width, height), ratio, { context: ctx });
  ctx.save();
  ctx.font = `${fontSize}px ${FONT}`;
  const layout = burnInLayout(width, height, ctx.measureText(text).width, fontSize, position);
  const { box } = layout;
  ctx.fillStyle = 'rgba(0, 0, 0, 0.62)';
  ctx.fillRect(box.x, box.y, box.width, box.height);
  ctx.fillStyle = '#ffffff';
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  ctx.fillText(text, box.x + Math.round(fontSize * 0.3), box.y + box.height / 2);
  ctx.restore();
  return layout;
}

async function toDrawable(source: BurnInSource): Promise<{ image: CanvasImageSource; width: number; height: number; type: string | null }> {
  if (source instanceof Blob) {
    const bitmap = await createImageBitmap(source);
    return { image: bitmap, width: bitmap.width, height: bitmap.height, type: source.type || null };
  }
  if (typeof HTMLImageElement !== 'undefined' && source instanceof HTMLImageElement) {
    if (!source.complete || source.naturalWidth === 0) await source.decode();
    return { image: source, width: source.naturalWidth, height: source.naturalHeight, type: null };
  }
  return { image: source, width: source.width, height: source.height, type: null };
}

/**
 * Draw the explicit image label into the pixels and return the new image. The glyph height (measured with
 * TextMetrics, not the font size) is at least `thresholds.labelMinTextRatio` (5%) of the image's shortest side,
 * on an edge or corner.
 * A cross-origin image without CORS taints the canvas and rejects with a SecurityError.
 */
export async function burnInImageLabel(source: BurnInSource, options: BurnInOptions = {}): Promise<Blob> {
  const config = getConfig(options.profile);
  const locale = options.locale ? resolveLocale(options.locale) : config.defaultLocale;
  const text = wordingOrThrow(config, 'imageLabel', locale, options.text);
  const position = options.position && VISUAL_POSITIONS.includes(options.position) ? options.position : 'bottom-right';
  const { image, width, height, type: sourceType } = await toDrawable(source);
  if (!width || !height) throw new RangeError('[anquan] burnInImageLabel: the image has no pixels');
  const type = options.type ?? (sourceType && ENCODABLE.includes(sourceType) ? sourceType : 'image/png');

  const canvas: OffscreenCanvas | HTMLCanvasElement =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(width, height)
      : Object.assign(document.createElement('canvas'), { width, height });
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) throw new Error('[anquan] burnInImageLabel: no 2D canvas context');
  ctx.drawImage(image, 0, 0, width, height);

  drawLabel(ctx, width, height, text, position, config.thresholds.labelMinTextRatio);

  const quality = options.quality ?? 0.92;
  if ('convertToBlob' in canvas) return canvas.convertToBlob({ type, quality });
  return new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('[anquan] burnInImageLabel: encoding failed'))), type, quality),
  );
}
