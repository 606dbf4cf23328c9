/**
 * ATOMIC_AGGREGATE (type 6), RFC 4271 §4.3 / §5.1.6: well-known discretionary, no value.
 *
 *   (length 0)
 *
 * RFC 7606 §7.6: "If the ATOMIC_AGGREGATE attribute has a length other than 0 ... attribute
 * discard".
 */
import type { Reader } from '../buf/reader.js';
import { expectLength } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface AtomicAggregateAttribute {
  readonly kind: 'atomic-aggregate';
}

export const atomicAggregateCodec: AttributeCodec<AtomicAggregateAttribute> = {
  code: 6,
  kind: 'atomic-aggregate',
  name: 'atomic-aggregate',
  flags: ATTR_FLAG.TRANSITIVE,
  onError: 'attribute-discard',
  decode(r: Reader): AtomicAggregateAttribute {
    expectLength(r, 'ATOMIC_AGGREGATE', 0);
    return { kind: 'atomic-aggregate' };
  },
  encode(): void {},
  json(_v, out): void {
    out['atomic-aggregate'] = true;
  },
  text(): string {
    return 'atomic-aggregate';
  },
};
