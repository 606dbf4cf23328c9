/**
 * MP_UNREACH_NLRI, type code 15 (RFC 4760 §4): withdrawn NLRI of any family.
 *
 *   +---------------------------------------------------------+
 *   | Address Family Identifier (2 octets)                    |
 *   +---------------------------------------------------------+
 *   | Subsequent Address Family Identifier (1 octet)          |
 *   +---------------------------------------------------------+
 *   | Withdrawn Routes (variable)                             |
 *   +---------------------------------------------------------+
 *
 * With no withdrawn routes and nothing else in the UPDATE it is the End-of-RIB marker of its
 * family (RFC 4724 §2). Errors as MP_REACH_NLRI (mp-reach.ts): session reset by default.
 * The NLRI appear in the UPDATE's JSON "withdraw", not under "attribute".
 */
import type { Reader } from '../buf/reader.js';
import { SHORT_NLRI } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { DecodeContext, EncodeContext } from '../context.js';
import { familyKey } from '../nlri/family.js';
import { decodeNlriList, encodeNlriList } from '../nlri/list.js';
import type { Nlri } from '../nlri/types.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export const MP_UNREACH_CODE = 15;

export interface MpUnreach {
  readonly kind: 'mp-unreach';
  readonly afi: number;
  readonly safi: number;
  readonly nlri: readonly Nlri[];
}

const SHORT_MP = { code: 3, subcode: 9, errorCode: 'mp-unreach-truncated' } as const;

export function decodeMpUnreach(r: Reader, ctx: DecodeContext): MpUnreach {
  const h = r.sub(r.remaining, SHORT_MP);
  const afi = h.u16();
  const safi = h.u8();
  const nlri: Nlri[] = [];
  decodeNlriList(h.sub(h.remaining, SHORT_NLRI), { afi, safi }, ctx.addPath.has(familyKey(afi, safi)), nlri);
  return { kind: 'mp-unreach', afi, safi, nlri };
}

export function encodeMpUnreach(w: Writer, v: MpUnreach, ctx: EncodeContext): void {
  w.u16(v.afi).u8(v.safi);
  encodeNlriList(w, v.nlri, ctx.addPath.has(familyKey(v.afi, v.safi)));
}

export const mpUnreachCodec: AttributeCodec<MpUnreach> = {
  code: MP_UNREACH_CODE,
  kind: 'mp-unreach',
  name: 'mp-unreach-nlri',
  flags: ATTR_FLAG.OPTIONAL,
  onError: 'session-reset',
  decode: (r, ctx) => decodeMpUnreach(r, ctx),
  encode: encodeMpUnreach,
  json: () => {},
};
