// Labeling Measures Art. 9: a user may ask for generated content without the explicit label. The service may give
// it only after the user accepted the user agreement's terms for it (the labelling duties), must keep a log of who
// asked, for what purpose and for whom (at least 6 months: the host's retention duty), and the implicit label
// stays in the file. The host decides; this module asks, records and writes.

import { getConfig } from '@anquan/core/config-state';
import { emitGlobal } from '@anquan/core/global-events';
import { type Locale, resolveLocale } from '@anquan/core/i18n';
import { getOutbox } from '@anquan/core/outbox';
import type { UnlabelledCopyDecision } from '../events.js';
import { messages } from '../messages.js';
import { detectFormat, type ImplicitLabel, type ImplicitLabelOptions, serializeLabel, writeImplicitLabelAsync } from '../metadata/index.js';

/** Why a copy without the explicit label was not given. */
export type UnlabelledCopyErrorCode = 'invalid-request' | 'no-decision' | 'refused' | 'not-agreed' | 'record-failed';

const MESSAGE = {
  'invalid-request': 'unlabelledInvalid',
  'no-decision': 'unlabelledNoDecision',
  refused: 'unlabelledRefused',
  'not-agreed': 'unlabelledNotAgreed',
  'record-failed': 'unlabelledRecordFailed',
} as const;

/** The refusal, with a localised message (`localizedMessage`) for the user. */
export class UnlabelledCopyError extends Error {
  readonly code: UnlabelledCopyErrorCode;
  readonly localizedMessage: string;
  constructor(code: UnlabelledCopyErrorCode, locale: Locale, detail?: string, options?: { cause?: unknown }) {
    const text = messages(locale, MESSAGE[code]);
    super(detail ? `${text} (${detail})` : text, options);
    this.name = 'UnlabelledCopyError';
    this.code = code;
    this.localizedMessage = text;
  }
}

/** Who asks, what for, and who receives the copy: the three facts Art. 9 asks the service to log. */
export interface UnlabelledCopyRequest {
  requester: string;
  purpose: string;
  recipient: string;
}

export interface UnlabelledCopyOptions extends ImplicitLabelOptions {
  /** The host's decision; without it, `aq-request-unlabelled-copy` is dispatched on the window. */
  decide?: (request: UnlabelledCopyRequest & { contentType: string }) => UnlabelledCopyDecision | Promise<UnlabelledCopyDecision>;
  locale?: Locale | string;
  /** Names what asked, in the intent's `detail.source` (default `requestUnlabelledCopy`). */
  source?: string;
}

export interface UnlabelledCopy {
  /** The file without an explicit label, with its implicit label. */
  blob: Blob;
  /** The id of the `unlabelled-copy` record queued for the intake. */
  recordId: string;
}

async function decision(
  request: UnlabelledCopyRequest,
  contentType: string,
  options: UnlabelledCopyOptions,
): Promise<UnlabelledCopyDecision | null> {
  if (options.decide) return options.decide({ ...request, contentType });
  let answer: UnlabelledCopyDecision | Promise<UnlabelledCopyDecision> | null = null;
  emitGlobal('aq-request-unlabelled-copy', {
    source: options.source ?? 'requestUnlabelledCopy',
    ...request,
    contentType,
    respond: (d) => {
      answer ??= d;
    },
  });
  return answer;
}

/**
 * Gives a copy of `blob` without an explicit label (Labeling Measures Art. 9), when the host allows it and the user
 * accepted the agreement's terms: queues an `unlabelled-copy` record (who asked, the purpose, the recipient, the
 * agreement version and time) in the durable outbox first, then writes the implicit label into the file.
 * `blob` must be the content without the explicit label (the host's unlabelled original).
 *
 * @throws UnlabelledCopyError `invalid-request`, `no-decision` (nobody answered), `refused`, `not-agreed`,
 *   `record-failed` (no record, no copy)
 * @throws ImplicitLabelError when the file cannot carry the implicit label
 */
export async function requestUnlabelledCopy(
  blob: Blob,
  label: ImplicitLabel,
  request: UnlabelledCopyRequest,
  options: UnlabelledCopyOptions = {},
): Promise<UnlabelledCopy> {
  const locale = options.locale ? resolveLocale(String(options.locale)) : getConfig().defaultLocale;
  const clean = {
    requester: String(request?.requester ?? '').trim(),
    purpose: String(request?.purpose ?? '').trim(),
    recipient: String(request?.recipient ?? '').trim(),
  };
  const missing = (Object.keys(clean) as (keyof typeof clean)[]).filter((k) => clean[k] === '');
  if (missing.length) throw new UnlabelledCopyError('invalid-request', locale, missing.join(', '));
  // The label and the file are checked before anyone is asked.
  const json = JSON.parse(serializeLabel(label)) as Required<ImplicitLabel>;
  const bytes = new Uint8Array(await blob.arrayBuffer());
  const type = options.type ?? blob.type;
  const format = detectFormat(bytes, type);

  const d = await decision(clean, type, options);
  if (!d) throw new UnlabelledCopyError('no-decision', locale);
  if (!d.allow) throw new UnlabelledCopyError('refused', locale, d.reason);
  const acceptedAt = d.agreement ? new Date(d.agreement.acceptedAt) : null;
  const now = new Date();
  if (!d.agreement?.version || !acceptedAt || Number.isNaN(acceptedAt.getTime()) || acceptedAt > now) {
    throw new UnlabelledCopyError('not-agreed', locale);
  }

  const out = await writeImplicitLabelAsync(bytes, label, { ...options, type });
  let recordId: string;
  try {
    const item = await getOutbox().enqueue('unlabelled-copy', {
      at: now.toISOString(),
      ...clean,
      agreement: { version: d.agreement.version, acceptedAt: acceptedAt.toISOString() },
      implicitLabel: { Label: json.Label, ContentProducer: json.ContentProducer, ProduceID: json.ProduceID },
      ...(type ? { contentType: type.slice(0, 128) } : {}),
      ...(format ? { format } : {}),
    });
    recordId = item.id;
  } catch (cause) {
    throw new UnlabelledCopyError('record-failed', locale, String(cause), { cause });
  }
  emitGlobal('aq-unlabelled-copy-made', { recordId, ...clean, format: format ?? 'unknown' });
  return { blob: new Blob([out as Uint8Array<ArrayBuffer>], { type }), recordId };
}
