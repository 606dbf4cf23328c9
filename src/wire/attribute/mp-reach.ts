/**
 * MP_REACH_NLRI, type code 14 (RFC 4760 §3): reachable NLRI of any family, with their next hop.
 *
 *   +---------------------------------------------------------+
 *   | Address Family Identifier (2 octets)                    |
 *   +---------------------------------------------------------+
 *   | Subsequent Address Family Identifier (1 octet)          |
 *   +---------------------------------------------------------+
 *   | Length of Next Hop Network Address (1 octet)            |
 *   +---------------------------------------------------------+
 *   | Network Address of Next Hop (variable)                  |   see mp-next-hop.ts
 *   +---------------------------------------------------------+
 *   | Reserved (1 octet)                                      |
 *   +---------------------------------------------------------+
 *   | Network Layer Reachability Information (variable)       |
 *   +---------------------------------------------------------+
 *
 * RFC 4760 §3: the reserved octet "MUST be set to 0, and SHOULD be ignored upon receipt".
 * Errors: RFC 7606 §5.3 and §7.11 leave "session reset" or "AFI/SAFI disable" for a malformed
 * MP_REACH_NLRI (treat-as-withdraw needs NLRI that can be parsed). bgpknife implements the
 * session-reset default: a bad header is 3/9 (Optional Attribute Error, RFC 4271 §6.3), a bad
 * NLRI 3/10 (Invalid Network Field). A family with no NLRI codec keeps its NLRI field as one
 * UnknownNlri. The NLRI appear in the UPDATE's JSON "announce", not under "attribute".
 */
import type { Reader } from '../buf/reader.js';
import { SHORT_NLRI } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { DecodeContext, EncodeContext } from '../context.js';
import { familyKey } from '../nlri/family.js';
import { decodeNlriList, encodeNlriList } from '../nlri/list.js';
import { nlriCodec } from '../nlri/registry.js';
import type { Nlri } from '../nlri/types.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';
import { decodeMpNextHop, encodeMpNextHop, type MpNextHop } from './mp-next-hop.js';

export const MP_REACH_CODE = 14;

export interface MpReach extends MpNextHop {
  readonly kind: 'mp-reach';
  readonly afi: number;
  readonly safi: number;
  readonly nlri: readonly Nlri[];
}

/** RFC 4271 §6.3: a header too short for its fields is an Optional Attribute Error. */
const SHORT_MP = { code: 3, subcode: 9, errorCode: 'mp-reach-truncated' } as const;

export function decodeMpReach(r: Reader, ctx: DecodeContext): MpReach {
  const h = r.sub(r.remaining, SHORT_MP);
  const afi = h.u16();
  const safi = h.u8();
  const key = familyKey(afi, safi);
  const nh = decodeMpNextHop(h, safi, nlriCodec(key) !== undefined);
  h.u8(); // reserved, ignored on receipt
  const nlri: Nlri[] = [];
  decodeNlriList(h.sub(h.remaining, SHORT_NLRI), { afi, safi }, ctx.addPath.has(key), nlri);
  return nh.nextHopRaw
    ? { kind: 'mp-reach', afi, safi, nextHop: nh.nextHop, nextHopRaw: nh.nextHopRaw, nlri }
    : { kind: 'mp-reach', afi, safi, nextHop: nh.nextHop, nlri };
}

export function encodeMpReach(w: Writer, v: MpReach, ctx: EncodeContext): void {
  w.u16(v.afi).u8(v.safi);
  encodeMpNextHop(w, v.safi, v);
  w.u8(0);
  encodeNlriList(w, v.nlri, ctx.addPath.has(familyKey(v.afi, v.safi)));
}

export const mpReachCodec: AttributeCodec<MpReach> = {
  code: MP_REACH_CODE,
  kind: 'mp-reach',
  name: 'mp-reach-nlri',
  flags: ATTR_FLAG.OPTIONAL,
  onError: 'session-reset',
  decode: (r, ctx) => decodeMpReach(r, ctx),
  encode: encodeMpReach,
  // ExaBGP shows these NLRI under "announce" (see message/update-json.ts), not as an attribute.
  json: () => {},
};
