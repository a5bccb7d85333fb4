// Appendix E of GB 45438-2025: the 7-key JSON payload, its validation and its serialisation.
import { ImplicitLabelError } from './errors.js';

/** Appendix E c): "1" is, "2" possibly, "3" suspected AI-generated or synthesised. */
export type LabelValue = '1' | '2' | '3';

/** The implicit label of GB 45438-2025 Appendix E. */
export interface ImplicitLabel {
  /** "1" = is AI-generated, "2" = possibly, "3" = suspected. */
  Label: LabelValue;
  /** Name or code of the generating service provider (required). */
  ContentProducer: string;
  /** Content production ID given by the producer (required). */
  ProduceID: string;
  /** Producer anti-tamper data (optional). */
  ReservedCode1?: string;
  /** Name or code of the propagating platform (optional). */
  ContentPropagator?: string;
  /** Content ID given by the propagator (optional). */
  PropagateID?: string;
  /** Propagator anti-tamper data (optional). */
  ReservedCode2?: string;
}

/** The 7 keys in Appendix E order. */
export const LABEL_KEYS = [
  'Label',
  'ContentProducer',
  'ProduceID',
  'ReservedCode1',
  'ContentPropagator',
  'PropagateID',
  'ReservedCode2',
] as const;

/** Upper bound on the serialised JSON (bytes); a longer label is `too-large`. */
export const MAX_LABEL_JSON = 32 * 1024;

const REQUIRED = new Set<string>(['Label', 'ContentProducer', 'ProduceID']);

/** Checks a label and returns it with all 7 keys in order (missing optional ones as ""). */
export function normalizeLabel(label: ImplicitLabel): Required<ImplicitLabel> {
  if (label === null || typeof label !== 'object') {
    throw new ImplicitLabelError('invalid-label', 'The label must be an object with the Appendix E keys');
  }
  const src = label as unknown as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of LABEL_KEYS) {
    const raw = src[key];
    let value: string;
    if (raw === undefined || raw === null) value = '';
    else if (typeof raw === 'string') value = raw;
    else throw new ImplicitLabelError('invalid-label', `${key} must be a string`, { key });
    if (value === '' && REQUIRED.has(key)) {
      throw new ImplicitLabelError('invalid-label', `${key} is required and must not be empty`, { key });
    }
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x21 || c > 0x7e) {
        const shown = c < 0x20 || c === 0x7f ? `U+${c.toString(16).toUpperCase().padStart(4, '0')}` : `"${value[i]}"`;
        throw new ImplicitLabelError(
          'charset',
          `${key} holds ${shown} at index ${i}; Appendix E allows only characters 0x21-0x7E (replace names by codes)`,
          { key },
        );
      }
    }
    out[key] = value;
  }
  if (out.Label !== '1' && out.Label !== '2' && out.Label !== '3') {
    throw new ImplicitLabelError('invalid-label', `Label must be "1", "2" or "3", not "${out.Label}"`, { key: 'Label' });
  }
  return out as unknown as Required<ImplicitLabel>;
}

/**
 * The Appendix E JSON string: the 7 keys in order, missing optional ones as "".
 * Throws `invalid-label` or `charset` (naming the key) when the label breaks Appendix E,
 * `too-large` above 32 KiB.
 */
export function serializeLabel(label: ImplicitLabel): string {
  const n = normalizeLabel(label);
  const json = JSON.stringify(n, LABEL_KEYS as unknown as string[]);
  if (json.length > MAX_LABEL_JSON) {
    throw new ImplicitLabelError('too-large', `The label JSON is ${json.length} bytes; at most ${MAX_LABEL_JSON} are written`);
  }
  return json;
}

/**
 * Turns the text found in a carrier into a checked label. Accepts bare Appendix E JSON,
 * `{"AIGC":{…}}` and a JSON string holding either. A number `Label` (1) is read as "1".
 */
export function parseLabelText(text: string): Required<ImplicitLabel> {
  return labelFromObject(unwrapLabelText(text));
}

/** The object a carrier's text holds (bare JSON, `{"AIGC":{…}}` or a JSON string of either), not yet checked. */
export function unwrapLabelText(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text.trim());
  } catch (cause) {
    throw new ImplicitLabelError('corrupt', 'The AIGC value is not valid JSON', { cause });
  }
  for (let depth = 0; depth < 3; depth++) {
    if (typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch (cause) {
        throw new ImplicitLabelError('corrupt', 'The AIGC value is not valid JSON', { cause });
      }
    } else if (value && typeof value === 'object' && !Array.isArray(value) && 'AIGC' in value && !('Label' in value)) {
      value = (value as { AIGC: unknown }).AIGC;
    } else break;
  }
  return value;
}

/** A problem with one field of a stored label that does not hide what its `Label` declares. */
export interface LabelWarning {
  /** The Appendix E key at fault, when one is. */
  key?: string;
  code: string;
  message: string;
}

/**
 * What a stored label declares even when it breaks Appendix E elsewhere: `value` is its `Label` ("1", "2", "3"
 * or a number 1-3) or null; `label` is the checked label, or null with a warning naming the field at fault.
 */
export function lenientLabel(raw: unknown): { value: LabelValue | null; label: Required<ImplicitLabel> | null; warnings: LabelWarning[] } {
  const v = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>).Label : undefined;
  const s = typeof v === 'number' ? String(v) : v;
  const value = s === '1' || s === '2' || s === '3' ? s : null;
  try {
    return { value, label: labelFromObject(raw), warnings: [] };
  } catch (err) {
    if (!(err instanceof ImplicitLabelError)) throw err;
    const warning: LabelWarning = { code: err.code, message: err.message, ...(err.key ? { key: err.key } : {}) };
    return { value, label: null, warnings: [warning] };
  }
}

/** Normalises a parsed object (JSON or YAML mapping) into a checked label. */
export function labelFromObject(value: unknown): Required<ImplicitLabel> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new ImplicitLabelError('corrupt', 'The AIGC value is not a JSON object');
  }
  const src = value as Record<string, unknown>;
  const copy: Record<string, unknown> = {};
  for (const key of LABEL_KEYS) {
    const v = src[key];
    copy[key] = typeof v === 'number' && Number.isFinite(v) ? String(v) : v;
  }
  return normalizeLabel(copy as unknown as ImplicitLabel);
}
