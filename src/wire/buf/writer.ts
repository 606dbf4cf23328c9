/**
 * A growable output buffer with length back-patching: reserve a length field, write the body,
 * then `patchLength` fills in the size. Encoders check ranges and throw EncodeError rather than
 * truncating a value.
 */
import { EncodeError } from '../error.js';

const INITIAL_BYTES = 256;

export class Writer {
  buf: Buffer;
  pos = 0;

  constructor(initialBytes = INITIAL_BYTES) {
    this.buf = Buffer.allocUnsafe(initialBytes);
  }

  private grow(n: number): void {
    const needed = this.pos + n;
    if (needed <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < needed) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff)
      throw new EncodeError('range', `${v} does not fit in 1 byte`);
    this.grow(1);
    this.buf[this.pos++] = v;
    return this;
  }

  u16(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffff)
      throw new EncodeError('range', `${v} does not fit in 2 bytes`);
    this.grow(2);
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  u24(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffff)
      throw new EncodeError('range', `${v} does not fit in 3 bytes`);
    this.grow(3);
    this.buf[this.pos] = v >>> 16;
    this.buf[this.pos + 1] = (v >>> 8) & 0xff;
    this.buf[this.pos + 2] = v & 0xff;
    this.pos += 3;
    return this;
  }

  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) {
      throw new EncodeError('range', `${v} does not fit in 4 bytes`);
    }
    this.grow(4);
    this.buf.writeUInt32BE(v, this.pos);
    this.pos += 4;
    return this;
  }

  u64(v: bigint): this {
    if (v < 0n || v > 0xffffffffffffffffn) throw new EncodeError('range', `${v} does not fit in 8 bytes`);
    this.grow(8);
    this.buf.writeBigUInt64BE(v, this.pos);
    this.pos += 8;
    return this;
  }

  f32(v: number): this {
    this.grow(4);
    this.buf.writeFloatBE(v, this.pos);
    this.pos += 4;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.grow(data.length);
    this.buf.set(data, this.pos);
    this.pos += data.length;
    return this;
  }

  /** Zero-filled bytes. */
  zeros(n: number): this {
    this.grow(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
    return this;
  }

  /** Reserve a length field of `size` bytes; returns its position for `patchLength`. */
  reserve(size: 1 | 2 | 4): number {
    const at = this.pos;
    this.grow(size);
    this.buf.fill(0, at, at + size);
    this.pos += size;
    return at;
  }

  /**
   * Fill a reserved field with the number of bytes written after it (minus `adjust`).
   * Throws EncodeError if the body is too long for the field.
   */
  patchLength(at: number, size: 1 | 2 | 4, adjust = 0): void {
    const len = this.pos - at - size - adjust;
    const max = size === 1 ? 0xff : size === 2 ? 0xffff : 0xffffffff;
    if (len > max) throw new EncodeError('length', `${len} bytes do not fit in a ${size}-byte length`);
    if (size === 1) this.buf[at] = len;
    else if (size === 2) this.buf.writeUInt16BE(len, at);
    else this.buf.writeUInt32BE(len, at);
  }

  /** A copy of what was written (safe to keep). */
  toBuffer(): Buffer {
    return Buffer.from(this.buf.subarray(0, this.pos));
  }

  /** A view of what was written (valid until the next write). */
  view(): Buffer {
    return this.buf.subarray(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }
}
