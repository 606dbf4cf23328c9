/**
 * IP addresses and prefixes: text <-> bytes, and the RFC 4271 §4.3 prefix encoding
 * (length in bits, then the minimum number of octets).
 *
 *   +---------------------------+
 *   |   Length (1 octet)        |
 *   +---------------------------+
 *   |   Prefix (variable)       |
 *   +---------------------------+
 *
 * Addresses are kept as canonical text (dotted quad; RFC 5952 for IPv6): ready for JSON and map
 * keys. Helpers here are hot paths for bulk decode and encode; they avoid regexes and copies.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError, NotifyError } from '../error.js';

const DEC = Array.from({ length: 256 }, (_, i) => String(i));

/** Dotted quad of 4 bytes at `off` (missing trailing bytes read as 0). */
export function formatIPv4(b: Uint8Array, off = 0, len = 4): string {
  return `${DEC[len > 0 ? b[off]! : 0]}.${DEC[len > 1 ? b[off + 1]! : 0]}.${DEC[len > 2 ? b[off + 2]! : 0]}.${DEC[len > 3 ? b[off + 3]! : 0]}`;
}

export function formatIPv4Number(n: number): string {
  return `${DEC[n >>> 24]}.${DEC[(n >>> 16) & 0xff]}.${DEC[(n >>> 8) & 0xff]}.${DEC[n & 0xff]}`;
}

/** RFC 5952 text of 16 bytes at `off` (only `len` bytes present; the rest read as 0). */
export function formatIPv6(b: Uint8Array, off = 0, len = 16): string {
  const words: number[] = new Array(8);
  for (let i = 0; i < 8; i++) {
    const hi = 2 * i < len ? b[off + 2 * i]! : 0;
    const lo = 2 * i + 1 < len ? b[off + 2 * i + 1]! : 0;
    words[i] = (hi << 8) | lo;
  }
  // INTEROP: ExaBGP prints with the C library's inet_ntop, which writes IPv4-mapped
  // (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d, except :: and ::1) addresses with a
  // dotted quad; do the same so JSON matches.
  if (words[0] === 0 && words[1] === 0 && words[2] === 0 && words[3] === 0 && words[4] === 0) {
    const quad = `${DEC[words[6]! >>> 8]}.${DEC[words[6]! & 0xff]}.${DEC[words[7]! >>> 8]}.${DEC[words[7]! & 0xff]}`;
    if (words[5] === 0xffff) return `::ffff:${quad}`;
    if (words[5] === 0 && (words[6] !== 0 || words[7]! > 1)) return `::${quad}`;
  }
  // Longest run of zero words (length >= 2) becomes '::' (RFC 5952 §4.2).
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (bestLen < 2) bestStart = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out.length > 0 && !out.endsWith(':')) out += ':';
    out += words[i]!.toString(16);
  }
  return out;
}

/** Parse a dotted quad into 4 bytes written at `out[off]`; false when it is not one. */
export function parseIPv4Into(text: string, out: Uint8Array, off = 0): boolean {
  let part = 0;
  let value = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 46; // virtual trailing '.'
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits++;
      if (digits > 3 || value > 255) return false;
    } else if (c === 46) {
      if (digits === 0 || part > 3) return false;
      out[off + part++] = value;
      value = 0;
      digits = 0;
    } else return false;
  }
  return part === 4;
}

export function parseIPv4(text: string): Buffer | undefined {
  const b = Buffer.alloc(4);
  return parseIPv4Into(text, b) ? b : undefined;
}

/** Parse IPv6 text (with '::' and an optional trailing dotted quad) into 16 bytes. */
export function parseIPv6(text: string): Buffer | undefined {
  if (text.length < 2 || text.length > 45) return undefined;
  const out = Buffer.alloc(16);
  const dbl = text.indexOf('::');
  if (dbl !== -1 && text.indexOf('::', dbl + 1) !== -1) return undefined;
  const head = dbl === -1 ? text : text.slice(0, dbl);
  const tail = dbl === -1 ? '' : text.slice(dbl + 2);
  const headWords = head === '' ? [] : head.split(':');
  const tailWords = tail === '' ? [] : tail.split(':');
  const words: number[] = [];
  const pushGroup = (groups: string[], dst: number[]): number => {
    let extra = 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      if (g.includes('.')) {
        if (i !== groups.length - 1) return -1;
        const v4 = Buffer.alloc(4);
        if (!parseIPv4Into(g, v4)) return -1;
        dst.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
        extra++;
        continue;
      }
      if (g.length === 0 || g.length > 4 || !/^[0-9a-fA-F]+$/.test(g)) return -1;
      dst.push(Number.parseInt(g, 16));
    }
    return extra;
  };
  const tailList: number[] = [];
  if (pushGroup(headWords, words) < 0 || pushGroup(tailWords, tailList) < 0) return undefined;
  if (tailWords.length > 0 && headWords.some((g) => g.includes('.'))) return undefined;
  const total = words.length + tailList.length;
  if (dbl === -1 ? total !== 8 : total > 7) return undefined;
  while (words.length + tailList.length < 8) words.push(0);
  words.push(...tailList);
  for (let i = 0; i < 8; i++) out.writeUInt16BE(words[i]!, 2 * i);
  return out;
}

/** Parse either family; returns the bytes (4 or 16) or undefined. */
export function parseIP(text: string): Buffer | undefined {
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text);
}

export function formatIP(b: Uint8Array, off = 0, len = b.length - off): string {
  return len === 4 ? formatIPv4(b, off) : formatIPv6(b, off, len);
}

/** The number of bytes a prefix of `bits` needs on the wire. */
export function prefixBytes(bits: number): number {
  return (bits + 7) >>> 3;
}

/** A decoded IP prefix: address text with host bits as sent, and the mask length. */
export interface IpPrefix {
  readonly ip: string;
  readonly length: number;
}

/**
 * Read one RFC 4271 prefix (length octet + bytes) for afi 1 (IPv4) or 2 (IPv6).
 * A length beyond the address size is "Invalid Network Field" (RFC 4271 §6.3).
 */
export function decodePrefix(r: Reader, afi: number): IpPrefix {
  const max = afi === 2 ? 128 : 32;
  const at = r.pos;
  const length = r.u8();
  if (length > max) {
    throw new NotifyError(3, 10, 'nlri-prefix-length', `prefix length ${length} > ${max}`, undefined, at);
  }
  const n = prefixBytes(length);
  r.need(n, 'prefix');
  const ip = afi === 2 ? formatIPv6(r.buf, r.pos, n) : formatIPv4(r.buf, r.pos, n);
  r.pos += n;
  return { ip, length };
}

/** Address bytes (4 or 16) for text of the given afi, or EncodeError. */
export function addressBytes(ip: string, afi: number): Buffer {
  const b = afi === 2 ? parseIPv6(ip) : parseIPv4(ip);
  if (!b) throw new EncodeError('address', `'${ip}' is not an ${afi === 2 ? 'IPv6' : 'IPv4'} address`);
  return b;
}

/** Write the RFC 4271 prefix encoding. */
export function encodePrefix(w: Writer, afi: number, ip: string, length: number): void {
  const max = afi === 2 ? 128 : 32;
  if (length < 0 || length > max) throw new EncodeError('prefix-length', `prefix length ${length} > ${max}`);
  const b = addressBytes(ip, afi);
  w.u8(length);
  w.bytes(b.subarray(0, prefixBytes(length)));
}
