/**
 * LARGE_COMMUNITY (type 32), RFC 8092: optional transitive, a list of 12-octet communities.
 *
 *   +-----------------------+-----------------------+-----------------------+
 *   | Global Administrator  | Local Data Part 1     | Local Data Part 2     |  (4 octets each)
 *   +-----------------------+-----------------------+-----------------------+
 *
 * RFC 8092 §6: a length that is not a non-zero multiple of 12 -> treat-as-withdraw.
 * Values keep wire order; JSON and text are sorted and without duplicates, as ExaBGP reads them
 * ("duplicate BGP Large Community values SHOULD NOT be transmitted", RFC 8092 §5).
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { bracketed, checkNotEmpty, expectMultiple } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export type LargeCommunity = readonly [number, number, number];

export interface LargeCommunityAttribute {
  readonly kind: 'large-community';
  readonly communities: readonly LargeCommunity[];
}

function compare(a: LargeCommunity, b: LargeCommunity): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** Sorted, duplicates removed: what ExaBGP keeps. */
export function canonicalLarge(list: readonly LargeCommunity[]): LargeCommunity[] {
  const sorted = [...list].sort(compare);
  return sorted.filter((c, i) => i === 0 || compare(c, sorted[i - 1]!) !== 0);
}

export const largeCommunityCodec: AttributeCodec<LargeCommunityAttribute> = {
  code: 32,
  kind: 'large-community',
  name: 'large-community',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): LargeCommunityAttribute {
    const n = expectMultiple(r, 'LARGE_COMMUNITY', 12);
    const communities: LargeCommunity[] = new Array(n);
    for (let i = 0; i < n; i++) communities[i] = [r.u32(), r.u32(), r.u32()];
    return { kind: 'large-community', communities };
  },
  encode(w: Writer, v: LargeCommunityAttribute): void {
    checkNotEmpty('LARGE_COMMUNITY', v.communities);
    for (const c of v.communities) w.u32(c[0]).u32(c[1]).u32(c[2]);
  },
  json(v, out): void {
    out['large-community'] = canonicalLarge(v.communities).map((c) => [...c]);
  },
  text(v): string {
    return `large-community ${bracketed(canonicalLarge(v.communities).map((c) => c.join(':')))}`;
  },
};
