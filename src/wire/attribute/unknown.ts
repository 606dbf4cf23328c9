/**
 * Attributes bgpknife does not understand (or that were discarded as malformed): kept with
 * their flags and raw value so they re-encode byte for byte. RFC 4271 §5: an unrecognized
 * optional transitive attribute is passed on with the Partial bit set; that is the RIB's choice.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import { ATTR_FLAG } from './codec.js';

export interface UnknownAttribute {
  readonly kind: 'unknown';
  readonly code: number;
  /**
   * Flags as received, the extended-length bit included (ExaBGP prints it). The encoder sets
   * or clears that bit from the value's length.
   */
  readonly flags: number;
  readonly raw: Buffer;
}

export function decodeUnknownAttribute(r: Reader, code: number, flags: number): UnknownAttribute {
  return { kind: 'unknown', code, flags: flags & 0xf0, raw: Buffer.from(r.rest()) };
}

export function encodeUnknownAttribute(w: Writer, v: UnknownAttribute): void {
  w.bytes(v.raw);
}

function hex2(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * ExaBGP keeps an unknown attribute only when it is transitive, marks it Partial, and prints it
 * as "attribute-0x<CODE>-0x<FLAGS>": "0x<lower-case hex>" (flags as received plus Partial).
 * An unknown non-transitive attribute is dropped by ExaBGP, so it prints nothing.
 */
export function unknownAttributeJson(v: UnknownAttribute, out: JsonObject): void {
  if ((v.flags & ATTR_FLAG.TRANSITIVE) === 0) return;
  out[`attribute-0x${hex2(v.code)}-0x${hex2(v.flags | ATTR_FLAG.PARTIAL)}`] = `0x${v.raw.toString('hex')}`;
}

/** ExaBGP's text: 'attribute [ 0x<CODE> 0x<FLAGS> 0x<hex> ]' (the generic attribute syntax). */
export function unknownAttributeText(v: UnknownAttribute): string {
  return `attribute [ 0x${hex2(v.code)} 0x${hex2(v.flags | ATTR_FLAG.PARTIAL)} 0x${v.raw.toString('hex')} ]`;
}
