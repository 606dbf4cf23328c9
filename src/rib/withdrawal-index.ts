/**
 * Where the Adj-RIB-Out's pending withdrawals of one family sit: route key -> the number of the
 * pending group holding the withdrawal. Numeric keys (plain IPv4 prefixes) live in a
 * NumberTable, the rest in a Map: withdrawing a million routes adds ~20 bytes a route, not a
 * Map entry each.
 */
import type { RouteKey } from './keys.js';
import { NO_VALUE, NumberTable } from './number-table.js';

export class WithdrawalIndex {
  private readonly numbers = new NumberTable();
  private readonly strings = new Map<string, number>();

  /** The group number of `key`'s withdrawal, or undefined. */
  get(key: RouteKey): number | undefined {
    if (typeof key === 'string') return this.strings.get(key);
    const v = this.numbers.get(key);
    return v === NO_VALUE ? undefined : v;
  }

  set(key: RouteKey, group: number): void {
    if (typeof key === 'string') this.strings.set(key, group);
    else this.numbers.set(key, group);
  }

  delete(key: RouteKey): boolean {
    return typeof key === 'string' ? this.strings.delete(key) : this.numbers.delete(key);
  }
}
