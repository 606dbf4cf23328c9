/**
 * An insertion-ordered hash map from numbers (route keys: integers that fit a double exactly) to
 * 32-bit integers, kept in typed arrays (ordered-table.ts): about 20 bytes an entry where a Map
 * with a million entries costs ~60 and a heap cell per value, and no object the garbage
 * collector has to visit. The Adj-RIB-Out keeps its IPv4 unicast routes in it (adj-rib-out.ts,
 * route-store.ts).
 */
import { EMPTY, MIN_ENTRIES, NO_VALUE, OrderedTable, TOMBSTONE } from './ordered-table.js';

export { NO_VALUE } from './ordered-table.js';

const TWO_32 = 4294967296;

/**
 * Keys that differ only in their last 4 bits (16 neighbouring prefixes) share a block of 16
 * slots, one cache line of the index, each its own slot: a table filled in address order, as
 * bulk loads are, touches memory in order. The rest of the key is mixed (murmur3's finalizer)
 * to pick the block and to scatter keys whose last bits are all equal (/24s) within it.
 */
function hash(key: number): number {
  const hi = Math.floor(key / TWO_32);
  const lo = (key - hi * TWO_32) | 0;
  let h = Math.imul((lo >>> 4) ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 13;
  return (h << 4) | ((lo ^ (h >>> 28)) & 15);
}

export class NumberTable extends OrderedTable<number> {
  private keys = new Float64Array(MIN_ENTRIES);

  /** Add `key` at the end, or change its value in place. `value` must be above NO_VALUE. */
  set(key: number, value: number): void {
    this.put(key, value);
  }

  /** `set`, in the same probe returning the value `key` had before (NO_VALUE when new). */
  put(key: number, value: number): number {
    const mask = this.index.length - 1;
    let slot = hash(key) & mask;
    let reuse = -1;
    for (;;) {
      const e = this.index[slot]!;
      if (e === EMPTY) break;
      if (e === TOMBSTONE) {
        if (reuse < 0) reuse = slot;
      } else if (this.keys[e] === key) {
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
    this.keys[entry] = key;
    return NO_VALUE;
  }

  /** Remove `key`; returns whether it was there. */
  delete(key: number): boolean {
    const mask = this.index.length - 1;
    let slot = hash(key) & mask;
    for (;;) {
      const e = this.index[slot]!;
      if (e === EMPTY) return false;
      if (e !== TOMBSTONE && this.keys[e] === key) break;
      slot = (slot + 1) & mask;
    }
    this.removeAt(slot);
    return true;
  }

  /** Calls `fn` for each entry in order. `fn` must not change the table. */
  forEach(fn: (key: number, value: number) => void): void {
    const { keys, values, used } = this;
    for (let i = 0; i < used; i++) {
      const v = values[i]!;
      if (v !== NO_VALUE) fn(keys[i]!, v);
    }
  }

  /** The entries in order, as two arrays of `size` elements. */
  snapshot(): { readonly keys: Float64Array; readonly values: Int32Array } {
    const keys = new Float64Array(this.live);
    const values = new Int32Array(this.live);
    let n = 0;
    this.forEach((key, value) => {
      keys[n] = key;
      values[n++] = value;
    });
    return { keys, values };
  }

  protected find(key: number): number {
    const mask = this.index.length - 1;
    let slot = hash(key) & mask;
    for (;;) {
      const e = this.index[slot]!;
      if (e === EMPTY) return -1;
      if (e !== TOMBSTONE && this.keys[e] === key) return e;
      slot = (slot + 1) & mask;
    }
  }

  protected hashAt(entry: number): number {
    return hash(this.keys[entry]!);
  }

  protected moveKey(from: number, to: number): void {
    this.keys[to] = this.keys[from]!;
  }

  protected resizeKeys(size: number, used: number): void {
    const keys = new Float64Array(size);
    if (used > 0) keys.set(this.keys.subarray(0, used));
    this.keys = keys;
  }
}
