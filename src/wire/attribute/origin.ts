/**
 * ORIGIN (type 1), RFC 4271 §4.3 / §5.1.1: well-known mandatory, one octet.
 *
 *   +--------+
 *   | origin |   0 IGP, 1 EGP, 2 INCOMPLETE
 *   +--------+
 *
 * RFC 7606 §7.1: "The attribute is considered malformed if its length is not 1 or if it has an
 * undefined value" -> treat-as-withdraw.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import { expectLength, UPDATE_SUBCODE, updateError } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export const ORIGIN = { IGP: 0, EGP: 1, INCOMPLETE: 2 } as const;
export type OriginValue = (typeof ORIGIN)[keyof typeof ORIGIN];

export interface OriginAttribute {
  readonly kind: 'origin';
  readonly value: OriginValue;
}

const NAMES = ['igp', 'egp', 'incomplete'] as const;

export function originName(value: OriginValue): string {
  return NAMES[value];
}

export const originCodec: AttributeCodec<OriginAttribute> = {
  code: 1,
  kind: 'origin',
  name: 'origin',
  flags: ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): OriginAttribute {
    expectLength(r, 'ORIGIN', 1);
    const v = r.u8();
    if (v > 2)
      updateError(UPDATE_SUBCODE.INVALID_ORIGIN, 'origin-value', `ORIGIN value ${v} is undefined`, r);
    return { kind: 'origin', value: v as OriginValue };
  },
  encode(w: Writer, v: OriginAttribute): void {
    if (v.value !== 0 && v.value !== 1 && v.value !== 2) throw new EncodeError('range', `ORIGIN ${v.value}`);
    w.u8(v.value);
  },
  json(v, out): void {
    out.origin = originName(v.value);
  },
  text(v): string {
    return `origin ${originName(v.value)}`;
  },
};
