/**
 * Where the Adj-RIB-Out's pending withdrawals of one family sit: route key -> the number of the
 * pending group holding the withdrawal. Numeric keys (plain IPv4 prefixes) live in a
 * NumberTable, IPv6 prefix keys in a WideTable, the rest in a Map: withdrawing a million routes
 * adds ~20-40 bytes a route, not a Map entry and a string each.
 */
import type { RouteKey } from './keys.js';
import { NO_VALUE, NumberTable } from './number-table.js';
import { v6Key } from './route-store.js';
import { WideTable } from './wide-table.js';

export class WithdrawalIndex {
  private readonly numbers = new NumberTable();
  private readonly wide = new WideTable();
  private readonly strings = new Map<string, number>();

  /** The group number of `key`'s withdrawal, or undefined. */
  get(key: RouteKey): number | undefined {
    if (typeof key === 'string') {
      const k = v6Key(key);
      if (!k) return this.strings.get(key);
      const v = this.wide.get(k);
      return v === NO_VALUE ? undefined : v;
    }
    const v = this.numbers.get(key);
    return v === NO_VALUE ? undefined : v;
  }

  set(key: RouteKey, group: number): void {
    if (typeof key !== 'string') this.numbers.set(key, group);
    else {
      const k = v6Key(key);
      if (k) this.wide.put(k, group);
      else this.strings.set(key, group);
    }
  }

  delete(key: RouteKey): boolean {
    if (typeof key !== 'string') return this.numbers.delete(key);
    const k = v6Key(key);
    return k ? this.wide.delete(k) : this.strings.delete(key);
  }
}
