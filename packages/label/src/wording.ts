// Label wording: the profile's text, or a host's custom text that must hold both elements GB 45438
// requires (an AI element and a generation element). Wording without both is refused, never used.
import { type AnquanConfig, hasLabelElements } from '@anquan/core/config-state';
import type { Locale } from '@anquan/core/i18n';
import type { ProfileWording } from '@anquan/core/profiles';

/** Which wording of the profile a label uses. */
export type LabelKind = keyof Pick<ProfileWording, 'aiLabel' | 'aiNotice' | 'imageLabel' | 'videoLabel' | 'spokenLabel'>;

/** What a refused wording message says is required. */
export const LABEL_ELEMENTS_RULE =
  'an AI element (人工智能 or AI) and a generation element (生成 or 合成; in English "generated" or "synthesised")';

/** Thrown by the JS API for a custom wording that lacks an element. */
export class LabelWordingError extends Error {
  readonly text: string;
  constructor(text: string) {
    super(`[anquan] label wording "${text}" is refused: it must contain ${LABEL_ELEMENTS_RULE} (GB 45438-2025 §5).`);
    this.name = 'LabelWordingError';
    this.text = text;
  }
}

/** True when `text` may be used as a label (both elements present, 1 to 200 characters). */
export function isValidLabelWording(text: unknown): text is string {
  return typeof text === 'string' && text.trim().length > 0 && text.length <= 200 && hasLabelElements(text);
}

/**
 * The wording to use: `custom` when it is valid, else the profile's wording for `kind` and `locale`.
 * `onRefused` is called with the custom text when it was refused.
 */
export function resolveWording(
  config: AnquanConfig,
  kind: LabelKind,
  locale: Locale,
  custom?: string | null,
  onRefused?: (text: string, fallback: string) => void,
): string {
  const fallback = config.wording[kind][locale];
  if (custom === undefined || custom === null || custom === '') return fallback;
  if (isValidLabelWording(custom)) return custom;
  onRefused?.(custom, fallback);
  return fallback;
}

/** Like {@link resolveWording} for the JS API: a refused custom wording throws {@link LabelWordingError}. */
export function wordingOrThrow(config: AnquanConfig, kind: LabelKind, locale: Locale, custom?: string | null): string {
  return resolveWording(config, kind, locale, custom, (text) => {
    throw new LabelWordingError(text);
  });
}

/** Text height in CSS or image pixels for a label over a surface whose shortest side is `shortest`. */
export function labelFontSize(shortest: number, ratio: number, minimum = 10): number {
  return Math.max(minimum, Math.ceil(shortest * ratio));
}
