/**
 * The packer's path for a group of plain IPv4 unicast changes kept as route keys (route-store.ts
 * PackedChanges): the NLRI are sorted in ExaBGP's order (keys.ts nlriOrder: the length, then the
 * prefix octets the wire carries; stable) by a radix sort over numbers, and written straight
 * from the keys. No Route, NLRI or string is made per prefix. The bytes are those of the general
 * path (pack.ts), which the tests check.
 */

import type { PackedNlri } from './pack-fields.js';
import { keyPrefix, type PackedChanges } from './route-store.js';

/** The prefixes of `keys` as lengths and addresses with the bits past the wire's octets cleared. */
function orderParts(keys: Float64Array): { lengths: Uint8Array; prefixes: Uint32Array } {
  const lengths = new Uint8Array(keys.length);
  const prefixes = new Uint32Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const { ip, length } = keyPrefix(keys[i]!);
    const octets = (length + 7) >>> 3;
    lengths[i] = length;
    prefixes[i] = octets === 0 ? 0 : octets === 4 ? ip : ip - (ip % 256 ** (4 - octets));
  }
  return { lengths, prefixes };
}

/** One stable counting-sort pass of `from` into `to` by `digit(i)` in 0..buckets-1. */
function pass(from: Uint32Array, to: Uint32Array, count: Uint32Array, digit: (i: number) => number): void {
  count.fill(0);
  for (let j = 0; j < from.length; j++) count[digit(from[j]!) + 1]!++;
  for (let b = 1; b < count.length; b++) count[b]! += count[b - 1]!;
  for (let j = 0; j < from.length; j++) {
    const i = from[j]!;
    to[count[digit(i)]!++] = i;
  }
}

/** Below this many prefixes a comparison sort is cheaper than three counting passes. */
const RADIX_FROM = 4096;
/** The counting passes' buckets, allocated once (sorting is synchronous). */
const COUNT = new Uint32Array(65537);

/** The indexes of `keys` in ExaBGP's NLRI order, equal prefixes in their original order. */
export function ipv4Order(keys: Float64Array): Uint32Array {
  const { lengths, prefixes } = orderParts(keys);
  let a = new Uint32Array(keys.length);
  for (let i = 0; i < a.length; i++) a[i] = i;
  if (keys.length < RADIX_FROM)
    return a.sort((x, y) => lengths[x]! - lengths[y]! || prefixes[x]! - prefixes[y]! || x - y);
  let b = new Uint32Array(keys.length);
  pass(a, b, COUNT, (i) => prefixes[i]! & 0xffff);
  [a, b] = [b, a];
  pass(a, b, COUNT, (i) => prefixes[i]! >>> 16);
  [a, b] = [b, a];
  pass(a, b, COUNT.subarray(0, 34), (i) => lengths[i]!);
  return b;
}

/** The NLRI of `packed` in `order`, as on the wire, and which of them are withdrawals. */
export function packedNlri(
  packed: PackedChanges,
  order: Uint32Array,
): { nlri: PackedNlri; withdrawn: Uint8Array } {
  const all = Buffer.allocUnsafe(order.length * 5);
  const ends = new Uint32Array(order.length);
  const withdrawn = new Uint8Array(order.length);
  let at = 0;
  for (let j = 0; j < order.length; j++) {
    const i = order[j]!;
    const { ip, length } = keyPrefix(packed.keys[i]!);
    all[at++] = length;
    const octets = (length + 7) >>> 3;
    for (let o = 0; o < octets; o++) all[at++] = (ip >>> (24 - 8 * o)) & 0xff;
    ends[j] = at;
    withdrawn[j] = packed.withdrawn[i]!;
  }
  return { nlri: { all: all.subarray(0, at), ends }, withdrawn };
}
