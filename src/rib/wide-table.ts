/**
 * An insertion-ordered hash map from IPv6 prefixes (16 octets and a length) to 32-bit integers,
 * in typed arrays (ordered-table.ts): the Adj-RIB-Out's IPv6 counterpart of NumberTable, about
 * 40 bytes an entry where a Map keyed by `ADDRESS/LENGTH` text costs ~100 and a string per key.
 *
 * A key is given as a WideKey: the address as four 32-bit words (big-endian, as on the wire) and
 * the length, in a 5-element Int32Array the caller fills (`wideKey`) and may reuse.
 */
import { EMPTY, MIN_ENTRIES, NO_VALUE, OrderedTable, TOMBSTONE } from './ordered-table.js';

export type WideKey = Int32Array;

/** A WideKey of `octets` (16, from `at`) and `length`, written into `out`. */
export function wideKey(
  octets: Uint8Array,
  at: number,
  length: number,
  out: WideKey = new Int32Array(5),
): WideKey {
  for (let w = 0; w < 4; w++) {
    const o = at + w * 4;
    out[w] = (octets[o]! << 24) | (octets[o + 1]! << 16) | (octets[o + 2]! << 8) | octets[o + 3]!;
  }
  out[4] = length;
  return out;
}

/** The 16 octets of a WideKey, written into `out` at `at`. */
export function wideOctets(key: ArrayLike<number>, from: number, out: Uint8Array, at = 0): void {
  for (let w = 0; w < 4; w++) {
    const v = key[from + w]!;
    out[at + w * 4] = v >>> 24;
    out[at + w * 4 + 1] = (v >>> 16) & 0xff;
    out[at + w * 4 + 2] = (v >>> 8) & 0xff;
    out[at + w * 4 + 3] = v & 0xff;
  }
}

/** As NumberTable's hash: neighbouring prefixes (last 4 bits of the last word) share a block. */
function hash(w0: number, w1: number, w2: number, w3: number, length: number): number {
  let h = Math.imul(w0 ^ Math.imul(length, 0x9e3779b1), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ w1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 13) ^ w2, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ (w3 >>> 4), 0xc2b2ae35);
  h ^= h >>> 13;
  return (h << 4) | ((w3 ^ (h >>> 28)) & 15);
}

export class WideTable extends OrderedTable<WideKey> {
  /** Five words an entry: the address and the length. */
  private keys = new Int32Array(MIN_ENTRIES * 5);

  /** Add `key` at the end or change its value in place; returns the value it had (or NO_VALUE). */
  put(key: WideKey, value: number): number {
    const mask = this.index.length - 1;
    let slot = hash(key[0]!, key[1]!, key[2]!, key[3]!, key[4]!) & mask;
    let reuse = -1;
    for (;;) {
      const e = this.index[slot]!;
      if (e === EMPTY) break;
      if (e === TOMBSTONE) {
        if (reuse < 0) reuse = slot;
      } else if (this.matches(e, key)) {
        const before = this.values[e]!;
        this.values[e] = value;
        return before;
      }
      slot = (slot + 1) & mask;
    }
    const entry = this.claim(value, slot, reuse);
    if (entry < 0) {
      this.makeRoom();
      return this.put(key, value);
    }
    this.keys.set(key, entry * 5);
    return NO_VALUE;
  }

  /** Remove `key`; returns whether it was there. */
  delete(key: WideKey): boolean {
    const slot = this.slotOf(key);
    if (slot < 0) return false;
    this.removeAt(slot);
    return true;
  }

  /** Calls `fn` for each entry in order with the keys array and the entry's offset in it. */
  forEach(fn: (keys: Int32Array, at: number, value: number) => void): void {
    const { keys, values, used } = this;
    for (let i = 0; i < used; i++) {
      const v = values[i]!;
      if (v !== NO_VALUE) fn(keys, i * 5, v);
    }
  }

  private matches(e: number, key: WideKey): boolean {
    const k = this.keys;
    const at = e * 5;
    return (
      k[at] === key[0] &&
      k[at + 1] === key[1] &&
      k[at + 2] === key[2] &&
      k[at + 3] === key[3] &&
      k[at + 4] === key[4]
    );
  }

  private slotOf(key: WideKey): number {
    const mask = this.index.length - 1;
    let slot = hash(key[0]!, key[1]!, key[2]!, key[3]!, key[4]!) & mask;
    for (;;) {
      const e = this.index[slot]!;
      if (e === EMPTY) return -1;
      if (e !== TOMBSTONE && this.matches(e, key)) return slot;
      slot = (slot + 1) & mask;
    }
  }

  protected find(key: WideKey): number {
    const slot = this.slotOf(key);
    return slot < 0 ? -1 : this.index[slot]!;
  }

  protected hashAt(entry: number): number {
    const k = this.keys;
    const at = entry * 5;
    return hash(k[at]!, k[at + 1]!, k[at + 2]!, k[at + 3]!, k[at + 4]!);
  }

  protected moveKey(from: number, to: number): void {
    this.keys.copyWithin(to * 5, from * 5, from * 5 + 5);
  }

  protected resizeKeys(size: number, used: number): void {
    const keys = new Int32Array(size * 5);
    if (used > 0) keys.set(this.keys.subarray(0, used * 5));
    this.keys = keys;
  }
}
