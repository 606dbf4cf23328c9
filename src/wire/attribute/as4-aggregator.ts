/**
 * AS4_AGGREGATOR (type 18), RFC 6793 §3: optional transitive, the AGGREGATOR with a 4-octet
 * ASN, sent beside an AGGREGATOR carrying AS_TRANS towards a 2-octet speaker.
 *
 *   +--------------------+--------------------------+
 *   | ASN (4 octets)     | speaker IPv4 (4 octets)  |
 *   +--------------------+--------------------------+
 *
 * RFC 6793 §6: a malformed AS4_AGGREGATOR (length other than 8) -> attribute-discard.
 * ExaBGP prints it under the same "aggregator" key as AGGREGATOR (it comes later, so it wins).
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { formatIPv4 } from '../nlri/prefix.js';
import { writeSpeaker } from './aggregator.js';
import { expectLength } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface As4AggregatorAttribute {
  readonly kind: 'as4-aggregator';
  readonly asn: number;
  readonly speaker: string;
}

export const as4AggregatorCodec: AttributeCodec<As4AggregatorAttribute> = {
  code: 18,
  kind: 'as4-aggregator',
  name: 'aggregator',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'attribute-discard',
  decode(r: Reader): As4AggregatorAttribute {
    expectLength(r, 'AS4_AGGREGATOR', 8);
    const asn = r.u32();
    return { kind: 'as4-aggregator', asn, speaker: formatIPv4(r.bytes(4)) };
  },
  encode(w: Writer, v: As4AggregatorAttribute): void {
    w.u32(v.asn);
    writeSpeaker(w, v.speaker);
  },
  json(v, out): void {
    out.aggregator = `${v.asn}:${v.speaker}`;
  },
  text(v): string {
    return `aggregator ( ${v.asn}:${v.speaker} )`;
  },
};
