/**
 * MULTI_EXIT_DISC (type 4), RFC 4271 §4.3 / §5.1.4: optional non-transitive, 4-octet metric.
 *
 *   +-------------------------------+
 *   | metric (4 octets)             |
 *   +-------------------------------+
 *
 * RFC 7606 §7.4: a length other than 4 -> treat-as-withdraw.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { expectLength } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface MedAttribute {
  readonly kind: 'med';
  readonly value: number;
}

export const medCodec: AttributeCodec<MedAttribute> = {
  code: 4,
  kind: 'med',
  name: 'med',
  flags: ATTR_FLAG.OPTIONAL,
  onError: 'treat-as-withdraw',
  decode(r: Reader): MedAttribute {
    expectLength(r, 'MULTI_EXIT_DISC', 4);
    return { kind: 'med', value: r.u32() };
  },
  encode(w: Writer, v: MedAttribute): void {
    w.u32(v.value);
  },
  json(v, out): void {
    out.med = v.value;
  },
  text(v): string {
    return `med ${v.value}`;
  },
};
