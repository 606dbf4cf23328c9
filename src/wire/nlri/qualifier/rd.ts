/**
 * Route Distinguisher (RFC 4364 §4.2): 8 bytes, a 2-byte type then a 6-byte value.
 *
 *   type 0: 2-byte ASN administrator : 4-byte assigned number
 *   type 1: IPv4 address administrator : 2-byte assigned number
 *   type 2: 4-byte ASN administrator : 2-byte assigned number
 *
 * Kept as its 8 raw bytes (so any type re-encodes exactly) with text as ExaBGP writes it
 * ("65000:1", "1.2.3.4:1"; unknown types as hex).
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { EncodeError } from '../../error.js';
import { hexUpper } from '../../json.js';
import { formatIPv4, parseIPv4 } from '../prefix.js';

export interface RouteDistinguisher {
  readonly type: number;
  /** ExaBGP's text form. */
  readonly text: string;
  /** The 8 bytes on the wire (a copy, safe to keep). */
  readonly raw: Buffer;
}

export const RD_BYTES = 8;

export function rdFromBytes(b: Buffer): RouteDistinguisher {
  const type = b.readUInt16BE(0);
  let text: string;
  if (type === 0) text = `${b.readUInt16BE(2)}:${b.readUInt32BE(4)}`;
  else if (type === 1) text = `${formatIPv4(b, 2)}:${b.readUInt16BE(6)}`;
  else if (type === 2) text = `${b.readUInt32BE(2)}:${b.readUInt16BE(6)}`;
  else text = hexUpper(b);
  return { type, text, raw: b };
}

export function decodeRd(r: Reader): RouteDistinguisher {
  return rdFromBytes(Buffer.from(r.bytes(RD_BYTES, 'route distinguisher')));
}

export function encodeRd(w: Writer, rd: RouteDistinguisher): void {
  w.bytes(rd.raw);
}

/**
 * Parse "ASN:N" or "IPv4:N" as ExaBGP does: an ASN below 2^16 with a 32-bit number is type 0,
 * a larger ASN with a 16-bit number type 2, an IPv4 administrator type 1.
 */
export function parseRd(text: string): RouteDistinguisher {
  const colon = text.lastIndexOf(':');
  const admin = text.slice(0, colon);
  const assigned = Number(text.slice(colon + 1));
  const b = Buffer.alloc(RD_BYTES);
  const bad = () => new EncodeError('rd', `'${text}' is not a route distinguisher (ASN:N or IPv4:N)`);
  if (colon <= 0 || !Number.isInteger(assigned) || assigned < 0) throw bad();
  if (admin.includes('.')) {
    const ip = parseIPv4(admin);
    if (!ip || assigned > 0xffff) throw bad();
    b.writeUInt16BE(1, 0);
    ip.copy(b, 2);
    b.writeUInt16BE(assigned, 6);
  } else {
    const asn = Number(admin);
    if (!Number.isInteger(asn) || asn < 0) throw bad();
    if (asn <= 0xffff && assigned <= 0xffffffff) {
      b.writeUInt16BE(0, 0);
      b.writeUInt16BE(asn, 2);
      b.writeUInt32BE(assigned, 4);
    } else if (asn <= 0xffffffff && assigned <= 0xffff) {
      b.writeUInt16BE(2, 0);
      b.writeUInt32BE(asn, 2);
      b.writeUInt16BE(assigned, 6);
    } else throw bad();
  }
  return rdFromBytes(b);
}
