/**
 * A bounds-checked cursor over a Buffer view. Reads never copy: `bytes()` returns a subarray of
 * the input, so a decoded value that must outlive the socket chunk copies what it keeps.
 *
 * Every out-of-bounds read throws the NotifyError the caller chose when it made the reader,
 * because "too short" means a different NOTIFICATION in a header, an OPEN, an attribute or an
 * NLRI (RFC 4271 §6).
 */
import { NotifyError } from '../error.js';

/** What to throw when a read runs past the end. */
export interface ShortRead {
  readonly code: number;
  readonly subcode: number;
  readonly errorCode: string;
}

/** RFC 4271 §6.3: "Malformed Attribute List" — the default inside an UPDATE. */
export const SHORT_UPDATE: ShortRead = { code: 3, subcode: 1, errorCode: 'update-truncated' };
/** RFC 4271 §6.1: "Bad Message Length". */
export const SHORT_MESSAGE: ShortRead = { code: 1, subcode: 2, errorCode: 'message-truncated' };
/** RFC 4271 §6.2: OPEN errors with no better subcode use 0 (unspecific). */
export const SHORT_OPEN: ShortRead = { code: 2, subcode: 0, errorCode: 'open-truncated' };
/** RFC 4271 §6.3 / RFC 7606 §5.3: an NLRI that overruns its field is "Invalid Network Field". */
export const SHORT_NLRI: ShortRead = { code: 3, subcode: 10, errorCode: 'nlri-truncated' };

export class Reader {
  /** Absolute position in `buf`. */
  pos: number;

  constructor(
    readonly buf: Buffer,
    readonly start = 0,
    readonly end = buf.length,
    readonly short: ShortRead = SHORT_UPDATE,
  ) {
    this.pos = start;
  }

  static of(data: Uint8Array, short: ShortRead = SHORT_UPDATE): Reader {
    const buf = Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    return new Reader(buf, 0, buf.length, short);
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** Offset from the start of this reader's window. */
  get offset(): number {
    return this.pos - this.start;
  }

  fail(message: string, short: ShortRead = this.short, data?: Uint8Array): never {
    throw new NotifyError(short.code, short.subcode, short.errorCode, message, data, this.pos);
  }

  need(n: number, what = 'field'): void {
    if (n < 0 || this.pos + n > this.end) {
      this.fail(`${what}: needs ${n} byte(s), ${this.end - this.pos} left`);
    }
  }

  u8(): number {
    if (this.pos >= this.end) this.fail('1-byte field: no bytes left');
    return this.buf[this.pos++]!;
  }

  peekU8(): number {
    if (this.pos >= this.end) this.fail('1-byte field: no bytes left');
    return this.buf[this.pos]!;
  }

  u16(): number {
    this.need(2, '2-byte field');
    const v = this.buf.readUInt16BE(this.pos);
    this.pos += 2;
    return v;
  }

  u24(): number {
    this.need(3, '3-byte field');
    const b = this.buf;
    const p = this.pos;
    this.pos += 3;
    return (b[p]! << 16) | (b[p + 1]! << 8) | b[p + 2]!;
  }

  u32(): number {
    this.need(4, '4-byte field');
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  /** 64-bit unsigned as a bigint (AIGP, bandwidth counters, BGP-LS). */
  u64(): bigint {
    this.need(8, '8-byte field');
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    return v;
  }

  f32(): number {
    this.need(4, 'float field');
    const v = this.buf.readFloatBE(this.pos);
    this.pos += 4;
    return v;
  }

  /** A view of the next n bytes (no copy). */
  bytes(n: number, what = 'field'): Buffer {
    this.need(n, what);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** The rest of the window (no copy). */
  rest(): Buffer {
    const v = this.buf.subarray(this.pos, this.end);
    this.pos = this.end;
    return v;
  }

  /** A reader over the next n bytes; this reader skips past them. */
  sub(n: number, short: ShortRead = this.short, what = 'field'): Reader {
    this.need(n, what);
    const r = new Reader(this.buf, this.pos, this.pos + n, short);
    this.pos += n;
    return r;
  }

  skip(n: number): void {
    this.need(n, 'skipped field');
    this.pos += n;
  }
}
