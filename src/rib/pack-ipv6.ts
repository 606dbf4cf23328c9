/**
 * The packer's path for plain IPv6 unicast changes kept as keys (route-store.ts
 * PackedV6Changes: address words and length): each key gives its length and 16 octets, the
 * NLRI are written from those (no Route, NLRI object or Buffer per prefix), and, when grouped,
 * sorted in ExaBGP's order (keys.ts nlriOrder: the length, then the prefix octets; stable) by a
 * radix sort. The bytes are those of the general path (pack.ts), which the tests check.
 */
import type { PackedNlri } from './pack-fields.js';
import type { PackedV6Changes } from './route-store.js';
import { wideOctets } from './wide-table.js';

/** Each key's prefix: lengths, and 16 octets each with the octets past the length zeroed. */
export interface V6Prefixes {
  readonly lengths: Uint8Array;
  readonly octets: Uint8Array;
}

export function v6Prefixes(packed: PackedV6Changes): V6Prefixes {
  const n = packed.withdrawn.length;
  const lengths = new Uint8Array(n);
  const octets = new Uint8Array(n * 16);
  for (let i = 0; i < n; i++) {
    const length = packed.keys[i * 5 + 4]!;
    wideOctets(packed.keys, i * 5, octets, i * 16);
    octets.fill(0, i * 16 + ((length + 7) >>> 3), i * 16 + 16);
    lengths[i] = length;
  }
  return { lengths, octets };
}

/** Below this many prefixes a comparison sort is cheaper than 17 counting passes. */
const RADIX_FROM = 4096;

function compare(p: V6Prefixes, a: number, b: number): number {
  const d = p.lengths[a]! - p.lengths[b]!;
  if (d !== 0) return d;
  for (let k = 0; k < 16; k++) {
    const e = p.octets[a * 16 + k]! - p.octets[b * 16 + k]!;
    if (e !== 0) return e;
  }
  return a - b;
}

/** The indexes of `p` in ExaBGP's NLRI order, equal prefixes in their original order. */
export function ipv6Order(p: V6Prefixes): Uint32Array {
  const n = p.lengths.length;
  let a = new Uint32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  if (n < RADIX_FROM) return a.sort((x, y) => compare(p, x, y));
  let b = new Uint32Array(n);
  const count = new Uint32Array(257);
  // Least significant digit first: octets 15 .. 0, then the length (-1).
  for (let k = 15; k >= -1; k--) {
    const digit = k < 0 ? (i: number) => p.lengths[i]! : (i: number) => p.octets[i * 16 + k]!;
    count.fill(0);
    for (let j = 0; j < n; j++) count[digit(a[j]!) + 1]!++;
    if (count[digit(a[0]!) + 1] === n) continue; // one value for all: the pass changes nothing
    for (let d = 1; d < 257; d++) count[d]! += count[d - 1]!;
    for (let j = 0; j < n; j++) {
      const i = a[j]!;
      b[count[digit(i)]!++] = i;
    }
    [a, b] = [b, a];
  }
  return a;
}

/** The NLRI of the prefixes `at` picks from `p` (in that order), as on the wire. */
export function v6Nlri(p: V6Prefixes, at: ArrayLike<number>): PackedNlri {
  const all = Buffer.allocUnsafe(at.length * 17);
  const ends = new Uint32Array(at.length);
  let w = 0;
  for (let j = 0; j < at.length; j++) {
    const i = at[j]!;
    const length = p.lengths[i]!;
    all[w++] = length;
    const n = (length + 7) >>> 3;
    for (let k = 0; k < n; k++) all[w++] = p.octets[i * 16 + k]!;
    ends[j] = w;
  }
  return { all: all.subarray(0, w), ends };
}
