/**
 * AGGREGATOR (type 7), RFC 4271 §4.3 / §5.1.7, 4-octet form RFC 6793: optional transitive, the
 * ASN and BGP identifier of the speaker that aggregated the route.
 *
 *   +--------------------------+--------------------------+
 *   | ASN (2, or 4 with asn4)  | speaker IPv4 (4 octets)  |
 *   +--------------------------+--------------------------+
 *
 * RFC 7606 §7.7: a length other than 6 (or 8 when 4-octet ASNs are in use) -> attribute-discard.
 * Towards a 2-octet speaker a 4-octet ASN is sent as AS_TRANS; the UPDATE adds AS4_AGGREGATOR.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { DecodeContext, EncodeContext } from '../context.js';
import { EncodeError } from '../error.js';
import { formatIPv4, parseIPv4 } from '../nlri/prefix.js';
import { AS_TRANS } from './as-path-segments.js';
import { expectLength } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface AggregatorAttribute {
  readonly kind: 'aggregator';
  readonly asn: number;
  /** BGP identifier of the aggregating speaker, dotted quad. */
  readonly speaker: string;
}

export function writeSpeaker(w: Writer, speaker: string): void {
  const ip = parseIPv4(speaker);
  if (!ip) throw new EncodeError('aggregator', `'${speaker}' is not an IPv4 address`);
  w.bytes(ip);
}

export const aggregatorCodec: AttributeCodec<AggregatorAttribute> = {
  code: 7,
  kind: 'aggregator',
  name: 'aggregator',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'attribute-discard',
  decode(r: Reader, ctx: DecodeContext): AggregatorAttribute {
    expectLength(r, 'AGGREGATOR', ctx.asn4 ? 8 : 6);
    const asn = ctx.asn4 ? r.u32() : r.u16();
    return { kind: 'aggregator', asn, speaker: formatIPv4(r.bytes(4)) };
  },
  encode(w: Writer, v: AggregatorAttribute, ctx: EncodeContext): void {
    if (ctx.asn4) w.u32(v.asn);
    else w.u16(v.asn > 0xffff && v.asn <= 0xffffffff ? AS_TRANS : v.asn);
    writeSpeaker(w, v.speaker);
  },
  json(v, out): void {
    out.aggregator = `${v.asn}:${v.speaker}`;
  },
  text(v): string {
    return `aggregator ( ${v.asn}:${v.speaker} )`;
  },
};
