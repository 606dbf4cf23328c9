/**
 * Attributes bgpknife does not understand (or that were discarded as malformed): kept with
 * their flags and raw value so they re-encode byte for byte. RFC 4271 §5: an unrecognized
 * optional transitive attribute is passed on with the Partial bit set; that is the RIB's choice.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { hex0x, type JsonObject } from '../json.js';

export interface UnknownAttribute {
  readonly kind: 'unknown';
  readonly code: number;
  /** Flags as received, without the extended-length bit. */
  readonly flags: number;
  readonly raw: Buffer;
}

export function decodeUnknownAttribute(r: Reader, code: number, flags: number): UnknownAttribute {
  return { kind: 'unknown', code, flags: flags & 0xe0, raw: Buffer.from(r.rest()) };
}

export function encodeUnknownAttribute(w: Writer, v: UnknownAttribute): void {
  w.bytes(v.raw);
}

/** ExaBGP names an unknown attribute by its code and flags in hex, value as 0x-hex. */
export function unknownAttributeJson(v: UnknownAttribute, out: JsonObject): void {
  const code = v.code.toString(16).toUpperCase().padStart(2, '0');
  const flags = v.flags.toString(16).toUpperCase().padStart(2, '0');
  out[`attribute-0x${code}-0x${flags}`] = hex0x(v.raw);
}
