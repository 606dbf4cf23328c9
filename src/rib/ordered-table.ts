/**
 * The part of the RIB's typed-array hash maps (number-table.ts for IPv4 route keys,
 * wide-table.ts for IPv6 prefixes) that does not depend on the key: 32-bit values in insertion
 * order, an open-addressing index with linear probing, tombstones, growth and compaction.
 * Subclasses keep the keys in arrays parallel to `values` and probe for them themselves (the
 * probe is the hot loop: it stays monomorphic, without a call per slot).
 *
 * Map semantics where it matters to the RIB: setting an existing key keeps its place in the
 * order, deleting and setting again moves it to the end. A deleted entry leaves a hole until
 * the arrays are compacted (once holes are half of them). Do not change a table while iterating
 * it. Bounds: the arrays grow by doubling up to what the caller stores (the Adj-RIB-Out bounds
 * the route count per peer).
 */

export const EMPTY = -1;
export const TOMBSTONE = -2;
/** A value slot of a deleted entry. Stored values must be above it. */
export const NO_VALUE = -2147483648;
export const MIN_ENTRIES = 8;

export abstract class OrderedTable<K> {
  protected values = new Int32Array(MIN_ENTRIES).fill(NO_VALUE);
  /** Entry index per slot, EMPTY or TOMBSTONE; its length is a power of two. */
  protected index = new Int32Array(MIN_ENTRIES * 2).fill(EMPTY);
  /** Entries used in the arrays, holes included. */
  protected used = 0;
  protected live = 0;
  protected tombstones = 0;

  get size(): number {
    return this.live;
  }

  /** The value of `key`, or NO_VALUE. */
  get(key: K): number {
    const at = this.find(key);
    return at < 0 ? NO_VALUE : this.values[at]!;
  }

  has(key: K): boolean {
    return this.find(key) >= 0;
  }

  /** The entry holding `key`, or -1. */
  protected abstract find(key: K): number;

  /** The index slot of the key an entry holds. */
  protected abstract hashAt(entry: number): number;
  /** Copy the key of entry `from` to entry `to` (compaction). */
  protected abstract moveKey(from: number, to: number): void;
  /** Key arrays for `size` entries, the first `used` kept (or new ones when `used` is 0). */
  protected abstract resizeKeys(size: number, used: number): void;

  /**
   * A new entry for `value` at the end, indexed at `slot` (or `reuse`, a tombstone met on the
   * way, when there is one); the caller writes its key. Returns -1 when the arrays are full:
   * the caller calls makeRoom() and probes again.
   */
  protected claim(value: number, slot: number, reuse: number): number {
    if (this.used === this.values.length) return -1;
    const entry = this.used++;
    this.values[entry] = value;
    if (reuse >= 0) {
      this.index[reuse] = entry;
      this.tombstones--;
    } else this.index[slot] = entry;
    this.live++;
    return entry;
  }

  /** Remove the entry indexed at `slot`. */
  protected removeAt(slot: number): void {
    this.values[this.index[slot]!] = NO_VALUE;
    this.index[slot] = TOMBSTONE;
    this.tombstones++;
    this.live--;
    if (this.live === 0) this.clear();
    else if (this.tombstones > this.index.length >>> 2) this.reindex(this.index.length);
  }

  clear(): void {
    if (this.used === 0) return;
    this.resizeKeys(MIN_ENTRIES, 0);
    this.values = new Int32Array(MIN_ENTRIES).fill(NO_VALUE);
    this.index = new Int32Array(MIN_ENTRIES * 2).fill(EMPTY);
    this.used = 0;
    this.live = 0;
    this.tombstones = 0;
  }

  /** The arrays are full: squeeze out the holes, or double them. */
  protected makeRoom(): void {
    if (this.live <= this.used >>> 1) {
      this.compact();
      return;
    }
    const size = this.values.length * 2;
    this.resizeKeys(size, this.used);
    const values = new Int32Array(size).fill(NO_VALUE);
    values.set(this.values);
    this.values = values;
    this.reindex(size * 2);
  }

  private compact(): void {
    let n = 0;
    for (let i = 0; i < this.used; i++) {
      const v = this.values[i]!;
      if (v === NO_VALUE) continue;
      if (n !== i) this.moveKey(i, n);
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
      let slot = this.hashAt(i) & mask;
      while (this.index[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.index[slot] = i;
    }
  }
}
