/**
 * ORIGINATOR_ID (type 9), RFC 4456 §8: optional non-transitive, the router ID of the route's
 * originator in the local AS (route reflection).
 *
 *   +-------------------------------+
 *   | router ID (4 octets)          |
 *   +-------------------------------+
 *
 * RFC 7606 §7.9: a length other than 4 -> treat-as-withdraw.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { formatIPv4 } from '../nlri/prefix.js';
import { writeSpeaker } from './aggregator.js';
import { expectLength } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface OriginatorIdAttribute {
  readonly kind: 'originator-id';
  readonly id: string;
}

export const originatorIdCodec: AttributeCodec<OriginatorIdAttribute> = {
  code: 9,
  kind: 'originator-id',
  name: 'originator-id',
  flags: ATTR_FLAG.OPTIONAL,
  onError: 'treat-as-withdraw',
  decode(r: Reader): OriginatorIdAttribute {
    expectLength(r, 'ORIGINATOR_ID', 4);
    return { kind: 'originator-id', id: formatIPv4(r.bytes(4)) };
  },
  encode(w: Writer, v: OriginatorIdAttribute): void {
    writeSpeaker(w, v.id);
  },
  json(v, out): void {
    out['originator-id'] = v.id;
  },
  text(v): string {
    return `originator-id ${v.id}`;
  },
};
