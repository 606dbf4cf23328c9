/**
 * BGP Prefix-SID (type 40), RFC 8669 §3, SRv6 services RFC 9252 §2: optional transitive, a
 * list of TLVs (see prefix-sid/decode.ts for each layout).
 *
 *   +--------+----------------+---------------------+-----
 *   | Type 1 | Length 2       | Value               | ...
 *   +--------+----------------+---------------------+-----
 *
 * RFC 8669 §6: a malformed Prefix-SID attribute is ignored and not propagated, "equivalent to
 * the 'Attribute discard' action specified in [RFC7606]". An empty attribute is malformed.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { checkNotEmpty } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';
import { decodePrefixSidTlvs, encodePrefixSidTlvs, malformed } from './prefix-sid/decode.js';
import { prefixSidJson, prefixSidText } from './prefix-sid/json.js';
import type { PrefixSidTlv } from './prefix-sid/types.js';

export interface PrefixSidAttribute {
  readonly kind: 'prefix-sid';
  readonly tlvs: readonly PrefixSidTlv[];
}

export const prefixSidCodec: AttributeCodec<PrefixSidAttribute> = {
  code: 40,
  kind: 'prefix-sid',
  name: 'bgp-prefix-sid',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'attribute-discard',
  decode(r: Reader): PrefixSidAttribute {
    if (r.done) malformed('BGP Prefix-SID is empty', r);
    return { kind: 'prefix-sid', tlvs: decodePrefixSidTlvs(r) };
  },
  encode(w: Writer, v: PrefixSidAttribute): void {
    checkNotEmpty('BGP Prefix-SID', v.tlvs);
    encodePrefixSidTlvs(w, v.tlvs);
  },
  json(v, out): void {
    out['bgp-prefix-sid'] = prefixSidJson(v.tlvs);
  },
  text(v): string {
    return prefixSidText(v.tlvs);
  },
};
