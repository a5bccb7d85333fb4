// Label text sized by its glyphs, not by its font size (GB 45438-2025 §5.2/§5.4: the *text* is at least 5% of
// the shortest side). A font's em box is taller than its glyphs (CJK glyphs fill about 88–92% of it, Latin
// capitals about 70%), so a font size of exactly 5% draws glyphs of about 4.3–4.6%. The size here comes from
// TextMetrics: actualBoundingBoxAscent + actualBoundingBoxDescent of the very text, in the very font.

type Ctx2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The default label font for canvas drawing (burn-in, video export, PiP canvas). */
export const LABEL_FONT_FAMILY = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif";

/** The height of the inked rows of `text` drawn at the context's current font, in pixels. */
export function glyphHeight(ctx: Ctx2D, text: string): number {
  const m = ctx.measureText(text);
  return m.actualBoundingBoxAscent + m.actualBoundingBoxDescent;
}

let scratch: Ctx2D | null = null;
function scratchContext(): Ctx2D {
  if (scratch) return scratch;
  const canvas =
    typeof OffscreenCanvas !== 'undefined'
      ? new OffscreenCanvas(1, 1)
      : Object.assign(document.createElement('canvas'), { width: 1, height: 1 });
  const ctx = canvas.getContext('2d') as Ctx2D | null;
  if (!ctx) throw new Error('[anquan] glyph sizing: no 2D canvas context');
  scratch = ctx;
  return ctx;
}

export interface GlyphSizeOptions {
  /** CSS font family list (default {@link LABEL_FONT_FAMILY}). */
  family?: string;
  /** CSS font weight and style prefix, e.g. `"bold"` or `"italic 600"` (default none). */
  prefix?: string;
  /** Smallest font size returned (default 10). */
  minimum?: number;
  /** A context to measure with (default: a scratch canvas). Its font is restored afterwards. */
  context?: Ctx2D;
}

/**
 * The smallest integer font size (px) at which `text`'s glyphs are at least `targetHeight` px tall, plus one
 * pixel so that anti-aliased edge rows never take the inked height below the target. Measured, never assumed:
 * scaled from a 100 px reference measurement, then checked and raised until the measured height holds.
 */
export function fontSizeForGlyphHeight(text: string, targetHeight: number, options: GlyphSizeOptions = {}): number {
  const ctx = options.context ?? scratchContext();
  const family = options.family || LABEL_FONT_FAMILY;
  const prefix = options.prefix ? `${options.prefix} ` : '';
  const minimum = options.minimum ?? 10;
  const target = Math.ceil(targetHeight) + 1;
  const saved = ctx.font;
  try {
    const font = (size: number) => `${prefix}${size}px ${family}`;
    ctx.font = font(100);
    const reference = glyphHeight(ctx, text);
    // No ink (a blank string, or a font that reports nothing): fall back to the em box, which is taller.
    if (!(reference > 0)) return Math.max(minimum, target);
    let size = Math.max(minimum, Math.ceil((target * 100) / reference));
    for (let i = 0; i < 64; i++) {
      ctx.font = font(size);
      if (glyphHeight(ctx, text) >= target) break;
      size++;
    }
    return size;
  } finally {
    ctx.font = saved;
  }
}

/** Font size for label text whose glyphs are at least `ratio` of `shortest` (e.g. 5% of the shortest side). */
export function labelGlyphFontSize(text: string, shortest: number, ratio: number, options: GlyphSizeOptions = {}): number {
  return fontSizeForGlyphHeight(text, shortest * ratio, options);
}

/**
 * Font size for an overlay's label text element: measured in that element's computed font (family, weight,
 * style), so the glyphs the browser draws are at least `ratio` of `shortest`. Before the element renders, the
 * default label font is used.
 */
export function overlayFontSize(textElement: Element | null, text: string, shortest: number, ratio: number): number {
  if (!(shortest > 0)) return 10;
  const style = textElement ? getComputedStyle(textElement) : null;
  const prefix = style ? `${style.fontStyle === 'normal' ? '' : style.fontStyle} ${style.fontWeight}`.trim() : '';
  return fontSizeForGlyphHeight(text, shortest * ratio, { family: style?.fontFamily || LABEL_FONT_FAMILY, prefix });
}
