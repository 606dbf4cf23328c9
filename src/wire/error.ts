/**
 * The only error types that leave the codec.
 *
 * NotifyError carries what a NOTIFICATION needs (RFC 4271 §4.5: code, subcode, data) plus a
 * stable string code for logs and tests and the byte offset where decoding failed. It becomes a
 * NOTIFICATION in exactly one place (the session), or an RFC 7606 action in the UPDATE decoder.
 * EncodeError says a value cannot be put on the wire; encoders never truncate silently.
 */

export class NotifyError extends Error {
  override readonly name = 'NotifyError';
  constructor(
    readonly code: number,
    readonly subcode: number,
    /** Stable machine-readable reason, e.g. 'attribute-length' or 'nlri-prefix-length'. */
    readonly errorCode: string,
    message: string,
    readonly data: Uint8Array = new Uint8Array(0),
    /** Byte offset in the buffer being decoded, when known. */
    readonly offset: number = -1,
  ) {
    super(message);
  }

  /** A copy of this error that records where in the outer buffer it happened. */
  at(offset: number): NotifyError {
    if (this.offset >= 0) return this;
    return new NotifyError(this.code, this.subcode, this.errorCode, this.message, this.data, offset);
  }
}

export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  constructor(
    /** Stable machine-readable reason, e.g. 'message-too-long'. */
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** Exhaustiveness check for switches over a discriminated union. */
export function assertNever(value: never, what = 'value'): never {
  throw new TypeError(`unexpected ${what}: ${JSON.stringify(value)}`);
}
