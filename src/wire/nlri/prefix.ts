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

/** The words of the address formatIPv6 prints, and its text as one-byte characters. */
const FORMAT_WORDS = new Array<number>(8).fill(0);
const FORMAT_TEXT = Buffer.alloc(48);
const HEX_DIGITS = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The first longest run of two or more zero words among 8 (RFC 5952 §4.2: the one written
 * '::'), as start * 16 + length; -1 when there is none.
 */
function zeroRun(words: ArrayLike<number>): number {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (words[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && words[j] === 0) j++;
    if (j - i > bestLength) {
      best = i * 16 + (j - i);
      bestLength = j - i;
    }
    i = j;
  }
  return best;
}

/**
 * RFC 5952 text of 16 bytes at `off` (only `len` bytes present; the rest read as 0). Written
 * as bytes and read as one string (a flat string: a million IPv6 prefixes are printed for a
 * configuration or a stream of UPDATEs, and the text is a Map key in the Adj-RIB-Out).
 */
export function formatIPv6(b: Uint8Array, off = 0, len = 16): string {
  const words = FORMAT_WORDS;
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
  const run = zeroRun(words);
  const bestStart = run < 0 ? -1 : run >> 4;
  const bestLen = run & 15;
  const out = FORMAT_TEXT;
  let n = 0;
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out[n++] = 58;
      out[n++] = 58;
      i += bestLen - 1;
      continue;
    }
    if (n > 0 && out[n - 1] !== 58) out[n++] = 58;
    const w = words[i]!;
    if (w >= 0x1000) out[n++] = HEX_DIGITS[w >>> 12]!;
    if (w >= 0x100) out[n++] = HEX_DIGITS[(w >>> 8) & 0xf]!;
    if (w >= 0x10) out[n++] = HEX_DIGITS[(w >>> 4) & 0xf]!;
    out[n++] = HEX_DIGITS[w & 0xf]!;
  }
  return out.toString('latin1', 0, n);
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

/**
 * Parse IPv6 text (with '::' and an optional trailing dotted quad) into 16 bytes at
 * `out[off]`; false when it is not an address. A single pass with no allocation: this is on
 * the encode path of every IPv6 prefix.
 */
export function parseIPv6Into(text: string, out: Uint8Array, off = 0): boolean {
  const n = text.length;
  if (n < 2 || n > 45) return false;
  const words = IPV6_SCRATCH;
  let count = 0; // words written
  let gap = -1; // index in `words` where '::' stands
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gap = 0;
    i = 2;
    if (i === n) {
      out.fill(0, off, off + 16);
      return true;
    }
  }
  while (i < n) {
    let value = 0;
    let digits = 0;
    const start = i;
    while (i < n) {
      const c = text.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      value = value * 16 + d;
      digits++;
      i++;
    }
    if (i < n && text.charCodeAt(i) === 46) {
      // A trailing dotted quad: two more words.
      if (count > 6 || !parseIPv4Into(text.slice(start), IPV4_SCRATCH)) return false;
      words[count++] = (IPV4_SCRATCH[0]! << 8) | IPV4_SCRATCH[1]!;
      words[count++] = (IPV4_SCRATCH[2]! << 8) | IPV4_SCRATCH[3]!;
      i = n;
      break;
    }
    if (digits === 0 || digits > 4 || count === 8) return false;
    words[count++] = value;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gap !== -1) return false;
      gap = count;
      i++;
    } else if (i === n) return false; // a trailing single ':'
  }
  if (gap === -1 ? count !== 8 : count > 7) return false;
  const zeros = 8 - count;
  let w = 0;
  for (let k = 0; k < count; k++) {
    if (k === gap) for (let z = 0; z < zeros; z++, w++) out[off + 2 * w] = out[off + 2 * w + 1] = 0;
    out[off + 2 * w] = words[k]! >>> 8;
    out[off + 2 * w + 1] = words[k]! & 0xff;
    w++;
  }
  if (gap === count) for (let z = 0; z < zeros; z++, w++) out[off + 2 * w] = out[off + 2 * w + 1] = 0;
  return true;
}

const IPV6_SCRATCH = new Array<number>(8).fill(0);
const IPV4_SCRATCH = new Uint8Array(4);

/** scanIPv6: `text[from, to)` is not an IPv6 address. */
export const NOT_IPV6 = -1;
/** scanIPv6: an IPv6 address, not written as formatIPv6 writes it (or with a dotted quad). */
export const IPV6_OTHER = 0;
/** scanIPv6: an IPv6 address written exactly as formatIPv6 writes its 16 octets. */
export const IPV6_CANONICAL = 1;

const SCAN_WORDS = new Array<number>(8).fill(0);
const WORDS = new Array<number>(8).fill(0);

/**
 * Parses `text[from, to)` as parseIPv6Into parses the same text as a string of its own (same
 * addresses accepted, same 16 octets written at `out[off]`), without taking the substring, and
 * tells whether the text is the one formatIPv6 makes of those octets: then a caller keeps the
 * text it has instead of printing the octets again (the API and configuration paths of a
 * million IPv6 routes). Texts with a dotted quad go to parseIPv6Into and count as IPV6_OTHER.
 */
export function scanIPv6(text: string, from: number, to: number, out: Uint8Array, off = 0): number {
  const n = to - from;
  if (n < 2 || n > 45) return NOT_IPV6;
  const words = SCAN_WORDS;
  let canonical = true;
  let count = 0;
  let gap = -1;
  let i = from;
  if (text.charCodeAt(i) === 58) {
    if (text.charCodeAt(i + 1) !== 58) return NOT_IPV6;
    gap = 0;
    i += 2;
  }
  while (i < to) {
    const start = i;
    let value = 0;
    for (; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c >= 48 && c <= 57) value = value * 16 + c - 48;
      else if (c >= 97 && c <= 102) value = value * 16 + c - 87;
      else if (c >= 65 && c <= 70) {
        value = value * 16 + c - 55;
        canonical = false;
      } else break;
    }
    if (i < to && text.charCodeAt(i) === 46)
      return parseIPv6Into(text.slice(from, to), out, off) ? IPV6_OTHER : NOT_IPV6;
    const digits = i - start;
    if (digits === 0 || digits > 4 || count === 8) return NOT_IPV6;
    if (digits > 1 && text.charCodeAt(start) === 48) canonical = false;
    words[count++] = value;
    if (i === to) break;
    if (text.charCodeAt(i) !== 58) return NOT_IPV6;
    i++;
    if (i < to && text.charCodeAt(i) === 58) {
      if (gap !== -1) return NOT_IPV6;
      gap = count;
      i++;
    } else if (i === to) return NOT_IPV6; // a trailing single ':'
  }
  if (gap === -1 ? count !== 8 : count > 7) return NOT_IPV6;
  // The eight words, '::' expanded.
  const w = WORDS;
  const zeros = 8 - count;
  let at = 0;
  for (let k = 0; k < count; k++) {
    if (k === gap) for (let z = 0; z < zeros; z++) w[at++] = 0;
    w[at++] = words[k]!;
  }
  if (gap === count) for (let z = 0; z < zeros; z++) w[at++] = 0;
  for (let k = 0; k < 8; k++) {
    out[off + 2 * k] = w[k]! >>> 8;
    out[off + 2 * k + 1] = w[k]! & 0xff;
  }
  if (!canonical) return IPV6_OTHER;
  // formatIPv6 writes these with a dotted quad.
  if (w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 && w[4] === 0) {
    if (w[5] === 0xffff || (w[5] === 0 && (w[6] !== 0 || w[7]! > 1))) return IPV6_OTHER;
  }
  // formatIPv6 writes the first longest run of two or more zero words as '::', and only it.
  const run = zeroRun(w);
  const bestStart = run < 0 ? -1 : run >> 4;
  const bestLength = run & 15;
  const same = bestStart === -1 ? gap === -1 : gap === bestStart && zeros === bestLength;
  return same ? IPV6_CANONICAL : IPV6_OTHER;
}

export function parseIPv6(text: string): Buffer | undefined {
  const b = Buffer.alloc(16);
  return parseIPv6Into(text, b) ? b : undefined;
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
