/**
 * The extended community sub-registry contract: one descriptor per (type, subtype) family.
 *
 *   +--------+---------+----------------------------------------------+
 *   |  Type  | Subtype |  Value (6 octets)                            |   RFC 4360 §2
 *   +--------+---------+----------------------------------------------+
 *
 * ExaBGP matches a descriptor on the low nibble of the type and the subtype, so the
 * transitive/non-transitive and IANA/vendor bits do not change how a community is read; keys
 * here follow that rule so the names printed are the same.
 */
import type { ExtCommunity } from './types.js';

export interface ExtCommunityCodec<T extends ExtCommunity = ExtCommunity> {
  readonly kind: T['kind'];
  /** ExaBGP's match keys: (type & 0x0f) << 8 | subtype. */
  readonly keys: readonly number[];
  /** Read the fields of one community from its raw bytes (always 8 long). */
  decode(raw: Buffer): T;
  /**
   * ExaBGP's string for it ('target:65000:1'), or undefined where ExaBGP 5.0 has no name for it
   * (its JSON string is then '' and its text the hex of the bytes).
   */
  string(v: T): string | undefined;
  /** The bytes ExaBGP derives the JSON "value" from, when it rebuilds them (default: raw). */
  jsonBytes?(v: T): Buffer;
}

export function ecKey(type: number, subtype: number): number {
  return ((type & 0x0f) << 8) | subtype;
}

/**
 * Python's '%d' of a float (truncation) as ExaBGP prints rates: exact digits, never exponents.
 * Not-a-number and infinities (where Python raises) print as 'nan' / 'inf'.
 */
export function pyIntText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  return BigInt(Math.trunc(x)).toString();
}
