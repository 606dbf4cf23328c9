/**
 * An insertion-ordered hash map from numbers (route keys: integers that fit a double exactly) to
 * 32-bit integers, kept in typed arrays: about 20 bytes an entry where a Map with a million
 * entries costs ~60 and a heap cell per value, and no object the garbage collector has to visit.
 * The Adj-RIB-Out keeps its IPv4 unicast routes in it (adj-rib-out.ts, route-store.ts).
 *
 * Map semantics where it matters to the RIB: setting an existing key keeps its place in the
 * order, deleting and setting again moves it to the end. Entries live in arrays in insertion
 * order (a deleted entry leaves a hole until the arrays are compacted); an open-addressing index
 * with linear probing maps a key to its entry. Do not change the table while iterating it.
 *
 * Bounds: the arrays grow by doubling up to what the caller stores (the Adj-RIB-Out bounds the
 * route count per peer); holes are compacted away once they are half of the arrays.
 */

const EMPTY = -1;
const TOMBSTONE = -2;
/** A value slot of a deleted entry. Stored values must be above it. */
export const NO_VALUE = -2147483648;
const MIN_ENTRIES = 8;
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

export class NumberTable {
  private keys = new Float64Array(MIN_ENTRIES);
  private values = new Int32Array(MIN_ENTRIES).fill(NO_VALUE);
  /** Entry index per slot, EMPTY or TOMBSTONE; its length is a power of two. */
  private index = new Int32Array(MIN_ENTRIES * 2).fill(EMPTY);
  /** Entries used in the arrays, holes included. */
  private used = 0;
  private live = 0;
  private tombstones = 0;

  get size(): number {
    return this.live;
  }

  /** The value of `key`, or NO_VALUE. */
  get(key: number): number {
    const at = this.find(key);
    return at < 0 ? NO_VALUE : this.values[at]!;
  }

  has(key: number): boolean {
    return this.find(key) >= 0;
  }

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
    if (this.used === this.keys.length) {
      this.makeRoom();
      return this.put(key, value);
    }
    const entry = this.used++;
    this.keys[entry] = key;
    this.values[entry] = value;
    if (reuse >= 0) {
      this.index[reuse] = entry;
      this.tombstones--;
    } else this.index[slot] = entry;
    this.live++;
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
    this.values[this.index[slot]!] = NO_VALUE;
    this.index[slot] = TOMBSTONE;
    this.tombstones++;
    this.live--;
    if (this.live === 0) this.clear();
    else if (this.tombstones > this.index.length >>> 2) this.reindex(this.index.length);
    return true;
  }

  clear(): void {
    if (this.used === 0) return;
    this.keys = new Float64Array(MIN_ENTRIES);
    this.values = new Int32Array(MIN_ENTRIES).fill(NO_VALUE);
    this.index = new Int32Array(MIN_ENTRIES * 2).fill(EMPTY);
    this.used = 0;
    this.live = 0;
    this.tombstones = 0;
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
    for (let i = 0; i < this.used; i++) {
      const v = this.values[i]!;
      if (v === NO_VALUE) continue;
      keys[n] = this.keys[i]!;
      values[n++] = v;
    }
    return { keys, values };
  }

  private find(key: number): number {
    const mask = this.index.length - 1;
    let slot = hash(key) & mask;
    for (;;) {
      const e = this.index[slot]!;
      if (e === EMPTY) return -1;
      if (e !== TOMBSTONE && this.keys[e] === key) return e;
      slot = (slot + 1) & mask;
    }
  }

  /** The arrays are full: squeeze out the holes, or double them. */
  private makeRoom(): void {
    if (this.live <= this.used >>> 1) {
      this.compact();
      return;
    }
    const size = this.keys.length * 2;
    const keys = new Float64Array(size);
    keys.set(this.keys);
    const values = new Int32Array(size).fill(NO_VALUE);
    values.set(this.values);
    this.keys = keys;
    this.values = values;
    this.reindex(size * 2);
  }

  private compact(): void {
    let n = 0;
    for (let i = 0; i < this.used; i++) {
      const v = this.values[i]!;
      if (v === NO_VALUE) continue;
      this.keys[n] = this.keys[i]!;
      this.values[n++] = v;
    }
    this.values.fill(NO_VALUE, n, this.used);
    this.used = n;
    this.reindex(this.index.length);
  }

  private reindex(slots: number): void {
    if (this.index.length === slots) this.index.fill(EMPTY);
    else this.index = new Int32Array(slots).fill(EMPTY);
    this.tombstones = 0;
    const mask = slots - 1;
    for (let i = 0; i < this.used; i++) {
      if (this.values[i] === NO_VALUE) continue;
      let slot = hash(this.keys[i]!) & mask;
      while (this.index[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.index[slot] = i;
    }
  }
}
