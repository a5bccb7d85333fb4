/** Why an implicit-label operation failed. */
export type ImplicitLabelErrorCode = 'unsupported-format' | 'invalid-label' | 'charset' | 'truncated' | 'corrupt' | 'too-large';

/**
 * The one error type thrown by `@anquan/label/metadata`.
 *
 * - `unsupported-format`: the bytes are none of the supported formats (or a variant this module cannot edit safely);
 * - `invalid-label`: a required key is missing or empty, or `Label` is not "1", "2" or "3";
 * - `charset`: a value holds a character outside 0x21–0x7E (the message names the key);
 * - `truncated`: a length field points past the end of the bytes;
 * - `corrupt`: the structure is inconsistent (bad CRC, impossible size, unparseable label JSON);
 * - `too-large`: the label does not fit the carrier (for example a JPEG APP1 segment over 64 KiB).
 */
export class ImplicitLabelError extends Error {
  /** Machine-readable reason. */
  readonly code: ImplicitLabelErrorCode;
  /** The label key at fault, for `charset` and `invalid-label`. */
  readonly key?: string;

  constructor(code: ImplicitLabelErrorCode, message: string, options?: { key?: string; cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ImplicitLabelError';
    this.code = code;
    if (options?.key !== undefined) this.key = options.key;
  }
}

/** Shorthand for `throw new ImplicitLabelError('truncated', …)`. */
export function truncated(what: string): never {
  throw new ImplicitLabelError('truncated', `${what} runs past the end of the file`);
}

/** Shorthand for `throw new ImplicitLabelError('corrupt', …)`. */
export function corrupt(what: string): never {
  throw new ImplicitLabelError('corrupt', what);
}
