/**
 * The contract every BGP capability implements (RFC 5492 §4): one descriptor per capability
 * code holds its code, ExaBGP's name, decode, encode and ExaBGP's JSON form. The registry
 * (registry.ts) frames the code and length; a descriptor only sees the value.
 *
 *   +------------------------------+
 *   | Capability Code (1 octet)    |
 *   +------------------------------+
 *   | Capability Length (1 octet)  |
 *   +------------------------------+
 *   | Capability Value (variable)  |
 *   ~                              ~
 *   +------------------------------+
 */
import { isUtf8 } from 'node:buffer';
import type { Reader, ShortRead } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import type { JsonObject, JsonOptions } from '../json.js';
import { afiName, safiName } from '../nlri/family.js';

export interface CapabilityBase {
  readonly kind: string;
}

export interface CapabilityCodec<T extends CapabilityBase = CapabilityBase> {
  readonly code: number;
  readonly kind: T['kind'];
  /** ExaBGP's name for the capability ('multiprotocol', 'asn4', 'graceful-restart' ...). */
  readonly name: string;
  /** Decode the value (the reader spans exactly the value). Throws only NotifyError (2/0). */
  decode(r: Reader): T;
  /** Encode the value only; the registry writes code and length. */
  encode(w: Writer, value: T): void;
  /**
   * ExaBGP's JSON object for every capability with this code in one OPEN, in wire order.
   * ExaBGP keys an OPEN's capabilities by code, so repeats merge (families accumulate) or the
   * last one wins, as each descriptor says.
   */
  json(values: readonly T[], opts: JsonOptions): JsonObject;
}

/** A capability value of the wrong shape: OPEN Message Error, unspecific (2/0), as ExaBGP. */
export const BAD_CAPABILITY: ShortRead = { code: 2, subcode: 0, errorCode: 'capability-malformed' };

/** ExaBGP's "afi/safi" spelling used inside capability JSON ("ipv4/unicast"). */
export function familySlash(afi: number, safi: number): string {
  return `${afiName(afi)}/${safiName(safi)}`;
}

/** The last element of a non-empty list (capabilities where the last one received wins). */
export function lastOf<T>(values: readonly T[]): T {
  return values[values.length - 1]!;
}

/**
 * Read a 1-octet length and that many bytes of UTF-8 text. The peer controls these bytes:
 * text that is not valid UTF-8 is an OPEN error (2/0), never an exception of another type.
 */
export function readLengthPrefixedUtf8(r: Reader, what: string): string {
  const length = r.u8();
  const bytes = r.bytes(length, what);
  if (!isUtf8(bytes)) r.fail(`${what} is not valid UTF-8`, BAD_CAPABILITY);
  return bytes.toString('utf8');
}

/** Write a 1-octet length and the UTF-8 bytes of `text`; EncodeError beyond 255 bytes. */
export function writeLengthPrefixedUtf8(w: Writer, text: string, what: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length > 0xff) throw new EncodeError('length', `${what} of ${bytes.length} bytes exceeds 255`);
  w.u8(bytes.length).bytes(bytes);
}
