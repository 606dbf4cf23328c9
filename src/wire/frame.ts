/**
 * The BGP message header (RFC 4271 §4.1) and a framer that cuts a TCP byte stream into messages.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                                                               |
 *  +                           Marker (16 x 0xFF)                  +
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |          Length               |      Type     |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * The framer keeps at most one partial message (bounded by the maximum message size) and
 * returns views into the chunks it was given; a caller that keeps a body must copy it.
 */
import { Writer } from './buf/writer.js';
import { MAX_EXTENDED_MESSAGE_BYTES, MAX_MESSAGE_BYTES } from './context.js';
import { EncodeError, NotifyError } from './error.js';
import { MESSAGE_TYPE } from './iana/message-type.js';

export const HEADER_BYTES = 19;
export const MARKER_BYTES = 16;

/** RFC 4271 §4.2-4.4 and RFC 2918: the smallest valid total length of each message type. */
const MIN_LENGTH: Readonly<Record<number, number>> = {
  [MESSAGE_TYPE.OPEN]: 29,
  [MESSAGE_TYPE.UPDATE]: 23,
  [MESSAGE_TYPE.NOTIFICATION]: 21,
  [MESSAGE_TYPE.KEEPALIVE]: 19,
  [MESSAGE_TYPE.ROUTE_REFRESH]: 23,
};

export interface Frame {
  readonly type: number;
  /** The message body after the 19-byte header (a view, not a copy). */
  readonly body: Buffer;
  /** The whole message including the header (a view). */
  readonly raw: Buffer;
}

function lengthData(buf: Buffer, off: number): Uint8Array {
  return Uint8Array.from(buf.subarray(off + 16, off + 18));
}

/**
 * Check the header at `off` in `buf` (at least 19 bytes available) and return the message length.
 * RFC 4271 §6.1: a bad marker is "Connection Not Synchronized"; a bad length "Bad Message Length"
 * with the length field as data; RFC 4271 §6.1 says an unknown type is "Bad Message Type", but
 * types we do not know are passed on so the session can decide (ExaBGP ignores them).
 */
export function checkHeader(buf: Buffer, off: number, maxBytes: number): number {
  for (let i = 0; i < MARKER_BYTES; i++) {
    if (buf[off + i] !== 0xff) {
      throw new NotifyError(1, 1, 'header-marker', 'marker is not all ones', undefined, off + i);
    }
  }
  const length = buf.readUInt16BE(off + 16);
  const type = buf[off + 18]!;
  if (length < HEADER_BYTES || length > maxBytes) {
    throw new NotifyError(
      1,
      2,
      'header-length',
      `message length ${length} outside 19..${maxBytes}`,
      lengthData(buf, off),
      off + 16,
    );
  }
  const min = MIN_LENGTH[type];
  if (min !== undefined && length < min) {
    throw new NotifyError(
      1,
      2,
      'header-length',
      `${length} bytes is too short for message type ${type}`,
      lengthData(buf, off),
      off + 16,
    );
  }
  if (type === MESSAGE_TYPE.KEEPALIVE && length !== HEADER_BYTES) {
    throw new NotifyError(
      1,
      2,
      'header-length',
      `KEEPALIVE of ${length} bytes`,
      lengthData(buf, off),
      off + 16,
    );
  }
  return length;
}

/** Cuts a byte stream into messages. Feed it chunks; it yields complete frames. */
export class Framer {
  private pending: Buffer | undefined;
  private maxBytes: number;

  constructor(extendedMessage = false) {
    this.maxBytes = extendedMessage ? MAX_EXTENDED_MESSAGE_BYTES : MAX_MESSAGE_BYTES;
  }

  /** RFC 8654: call once the extended message capability is negotiated. */
  setExtendedMessage(on: boolean): void {
    this.maxBytes = on ? MAX_EXTENDED_MESSAGE_BYTES : MAX_MESSAGE_BYTES;
  }

  /** Bytes held while waiting for the rest of a message (at most one maximum-size message). */
  get bufferedBytes(): number {
    return this.pending?.length ?? 0;
  }

  /** Append a chunk; returns every complete message. Throws NotifyError on a bad header. */
  push(chunk: Buffer): Frame[] {
    let buf = chunk;
    if (this.pending) {
      buf = Buffer.concat([this.pending, chunk]);
      this.pending = undefined;
    }
    const frames: Frame[] = [];
    let off = 0;
    while (buf.length - off >= HEADER_BYTES) {
      const length = checkHeader(buf, off, this.maxBytes);
      if (buf.length - off < length) break;
      const raw = buf.subarray(off, off + length);
      frames.push({ type: buf[off + 18]!, body: raw.subarray(HEADER_BYTES), raw });
      off += length;
    }
    // Keep the remainder as a copy so the caller's chunk is not pinned.
    if (off < buf.length) this.pending = Buffer.from(buf.subarray(off));
    return frames;
  }
}

/** Write a header, let `body` write the message body, patch the length, check the maximum. */
export function frameMessage(
  type: number,
  body: (w: Writer) => void,
  maxBytes = MAX_MESSAGE_BYTES,
  w = new Writer(),
): Buffer {
  const start = w.pos;
  w.zeros(0);
  for (let i = 0; i < MARKER_BYTES; i++) w.u8(0xff);
  const lenAt = w.reserve(2);
  w.u8(type);
  body(w);
  const length = w.pos - start;
  if (length > maxBytes)
    throw new EncodeError('message-too-long', `message of ${length} bytes exceeds ${maxBytes}`);
  w.buf.writeUInt16BE(length, lenAt);
  return w.buf.subarray(start, w.pos);
}
