/**
 * The contract every path attribute implements: one descriptor per attribute type code holds
 * everything about it (BIRD's bgp_attr_table): its flags, its RFC 7606 error behaviour, decode,
 * encode and ExaBGP's JSON form. The registry (registry.ts) frames the attribute header.
 *
 *   0                   1
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |  Attr. Flags  |Attr. Type Code|   RFC 4271 §4.3, then 1 or 2 length octets
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { DecodeContext, EncodeContext } from '../context.js';
import type { JsonObject, JsonOptions } from '../json.js';

export const ATTR_FLAG = {
  OPTIONAL: 0x80,
  TRANSITIVE: 0x40,
  PARTIAL: 0x20,
  EXTENDED_LENGTH: 0x10,
} as const;

/**
 * RFC 7606 §2: what a malformed attribute does to the UPDATE, weakest first.
 * 'attribute-discard' drops the attribute; 'treat-as-withdraw' withdraws the UPDATE's NLRI;
 * 'session-reset' sends a NOTIFICATION.
 */
export type SoftErrorAction = 'attribute-discard' | 'treat-as-withdraw' | 'session-reset';

export interface AttributeBase {
  readonly kind: string;
}

export interface AttributeCodec<T extends AttributeBase = AttributeBase> {
  readonly code: number;
  readonly kind: T['kind'];
  /** The name ExaBGP uses in JSON and text ('origin', 'as-path', 'community' ...). */
  readonly name: string;
  /** Optional/transitive bits this attribute is sent with (partial/ext-length excluded). */
  readonly flags: number;
  /** RFC 7606 outcome when its value is malformed. */
  readonly onError: SoftErrorAction;
  /** Decode the value (the reader spans exactly the attribute's value). Throws only NotifyError. */
  decode(r: Reader, ctx: DecodeContext, flags: number): T;
  /** Encode the value only; the registry writes flags, code and length. */
  encode(w: Writer, value: T, ctx: EncodeContext): void;
  /** Add ExaBGP's JSON key(s) for this attribute to the `attribute` object of an UPDATE event. */
  json(value: T, out: JsonObject, opts: JsonOptions): void;
  /**
   * The attribute as ExaBGP's text API and configuration print it, name included
   * ('origin igp', 'as-path [ 65000 65001 ]'). Empty when ExaBGP prints nothing for it.
   */
  text?(value: T): string;
}
