/**
 * The routes of a configured neighbor (config/lower/model.ts `NeighborConfig.routes`), in
 * configuration order, duplicates kept, without an object per route.
 *
 * A million-route static configuration is nearly all plain IPv4 unicast routes (route-store.ts
 * `isPlain`) sharing a few attribute arrays and next hops (the lowering interns them). Such a
 * route is kept as its route key (keys.ts `routeKey`: the prefix as a number) and the id of its
 * attribute array + next hop pair: 12 bytes in typed arrays, where the Route value costs ~150
 * (Route, NLRI, address text, array slot). Any other route keeps its object. Reading a route
 * makes the plain ones again, with the very attribute array and next-hop object pushed, so what
 * comes back is deep-equal to what went in.
 *
 * Attribute sets are told apart by identity, not content (unlike the Adj-RIB-Out's `Shapes`):
 * no wire encoding per set, nothing that can fail, and shared arrays stay shared.
 *
 * Built once (pushes, then `trim()`), then only read: a lowered configuration never changes.
 * For a reload, `ids()` and `notIn()` compare two lists by route identity (family + route key,
 * what the Adj-RIB-Out keys a route by) without making the plain routes.
 */
import type { Attribute } from '../wire/attribute/types.js';
import { type FamilyKey, IPV4_UNICAST } from '../wire/nlri/family.js';
import { type RouteKey, routeKey } from './keys.js';
import { NumberTable } from './number-table.js';
import type { NextHop, Route } from './route.js';
import { isPlain, keyPrefix, plainRoute } from './route-store.js';

const MIN_CAPACITY = 16;

function digits(octet: number): number {
  return octet < 10 ? 1 : octet < 100 ? 2 : 3;
}

/**
 * Whether `text` (which routeKey read as the address `ip`) is the text `ip` is written back as:
 * routeKey also reads octets with leading zeros, which would not come back the same. Equal
 * lengths suffice, since a leading zero only ever adds characters.
 */
function canonical(text: string, ip: number): boolean {
  return (
    text.length ===
    3 + digits(ip >>> 24) + digits((ip >>> 16) & 0xff) + digits((ip >>> 8) & 0xff) + digits(ip & 0xff)
  );
}

/** The key a route is kept by, or undefined when it has to be kept as an object. */
function compactKey(route: Route): number | undefined {
  if (!isPlain(route)) return undefined;
  const n = route.nlri;
  // Properties present but undefined would not come back: such a route keeps its object.
  if ('pathId' in n || 'watchdog' in route || 'startWithdrawn' in route) return undefined;
  if (route.nextHop === undefined && 'nextHop' in route) return undefined;
  const key = routeKey(n);
  if (typeof key !== 'number' || n.kind !== 'inet' || !canonical(n.ip, keyPrefix(key).ip)) return undefined;
  return key;
}

/** Attribute array + next hop pairs by identity, each with an id. */
class AttributeSets {
  /** The id of the first pair seen with an array, or the ids of all its pairs by next hop. */
  private readonly ids = new Map<readonly Attribute[], number | Map<NextHop | undefined, number>>();
  readonly attributes: (readonly Attribute[])[] = [];
  readonly nextHops: (NextHop | undefined)[] = [];
  private lastId = -1;

  id(attributes: readonly Attribute[], nextHop: NextHop | undefined): number {
    const last = this.lastId;
    // Configurations give long runs of routes with one attribute set.
    if (last >= 0 && this.attributes[last] === attributes && this.nextHops[last] === nextHop) return last;
    const found = this.ids.get(attributes);
    let id: number | undefined;
    if (found === undefined) {
      id = this.add(attributes, nextHop);
      this.ids.set(attributes, id);
    } else if (typeof found === 'number') {
      if (this.nextHops[found] === nextHop) id = found;
      else {
        id = this.add(attributes, nextHop);
        const byNextHop = new Map<NextHop | undefined, number>();
        byNextHop.set(this.nextHops[found], found);
        byNextHop.set(nextHop, id);
        this.ids.set(attributes, byNextHop);
      }
    } else {
      id = found.get(nextHop);
      if (id === undefined) {
        id = this.add(attributes, nextHop);
        found.set(nextHop, id);
      }
    }
    this.lastId = id;
    return id;
  }

  private add(attributes: readonly Attribute[], nextHop: NextHop | undefined): number {
    this.attributes.push(attributes);
    this.nextHops.push(nextHop);
    return this.attributes.length - 1;
  }
}

/** Route identities (family + route key) of a RouteList, from `RouteList.ids()`. */
export class RouteIds {
  private readonly numbers = new Map<FamilyKey, NumberTable>();
  private readonly strings = new Set<string>();

  add(family: FamilyKey, key: RouteKey): void {
    if (typeof key === 'string') {
      this.strings.add(`${family}|${key}`);
      return;
    }
    let table = this.numbers.get(family);
    if (!table) {
      table = new NumberTable();
      this.numbers.set(family, table);
    }
    table.set(key, 0);
  }

  has(family: FamilyKey, key: RouteKey): boolean {
    if (typeof key === 'string') return this.strings.has(`${family}|${key}`);
    return this.numbers.get(family)?.has(key) ?? false;
  }
}

export class RouteList implements Iterable<Route> {
  /** Route key of each plain route (unused for the others). */
  private keys = new Float64Array(0);
  /** Attribute set id of each plain route (>= 0), or -1 - its index in `objects`. */
  private values = new Int32Array(0);
  private count = 0;
  private readonly objects: Route[] = [];
  private readonly sets = new AttributeSets();

  static from(routes: Iterable<Route>): RouteList {
    const list = new RouteList();
    for (const r of routes) list.push(r);
    list.trim();
    return list;
  }

  get length(): number {
    return this.count;
  }

  push(route: Route): void {
    if (this.count === this.keys.length) this.resize(Math.max(MIN_CAPACITY, this.count * 2));
    const key = compactKey(route);
    if (key === undefined) {
      this.values[this.count] = -1 - this.objects.length;
      this.objects.push(route);
    } else {
      this.keys[this.count] = key;
      this.values[this.count] = this.sets.id(route.attributes, route.nextHop);
    }
    this.count++;
  }

  /** Pushes every route of `other`, in order, without making its plain routes. */
  append(other: RouteList): void {
    for (let i = 0; i < other.count; i++) {
      const v = other.values[i]!;
      if (v < 0) {
        this.push(other.objects[-1 - v]!);
        continue;
      }
      if (this.count === this.keys.length) this.resize(Math.max(MIN_CAPACITY, this.count * 2));
      this.keys[this.count] = other.keys[i]!;
      this.values[this.count++] = this.sets.id(other.sets.attributes[v]!, other.sets.nextHops[v]);
    }
  }

  /** Gives back the spare room of the arrays (they grow by doubling): call once built. */
  trim(): void {
    if (this.keys.length > this.count) this.resize(this.count);
  }

  /** The route at `index` (negative: from the end), as Array.prototype.at. */
  at(index: number): Route | undefined {
    const i = index < 0 ? index + this.count : index;
    if (!(i >= 0 && i < this.count)) return undefined;
    const v = this.values[i]!;
    if (v < 0) return this.objects[-1 - v];
    return plainRoute(this.keys[i]!, this.sets.attributes[v]!, this.sets.nextHops[v]);
  }

  *[Symbol.iterator](): Generator<Route> {
    for (let i = 0; i < this.count; i++) yield this.at(i)!;
  }

  /** The identities of the routes. */
  ids(): RouteIds {
    const ids = new RouteIds();
    for (let i = 0; i < this.count; i++) {
      const v = this.values[i]!;
      if (v >= 0) ids.add(IPV4_UNICAST, this.keys[i]!);
      else {
        const n = this.objects[-1 - v]!.nlri;
        ids.add(n.family, routeKey(n));
      }
    }
    return ids;
  }

  /** The routes, in order, whose identity is not in `ids`. */
  *notIn(ids: RouteIds): Generator<Route> {
    for (let i = 0; i < this.count; i++) {
      const v = this.values[i]!;
      let found: boolean;
      if (v >= 0) found = ids.has(IPV4_UNICAST, this.keys[i]!);
      else {
        const n = this.objects[-1 - v]!.nlri;
        found = ids.has(n.family, routeKey(n));
      }
      if (!found) yield this.at(i)!;
    }
  }

  private resize(capacity: number): void {
    const keys = new Float64Array(capacity);
    keys.set(this.keys.subarray(0, this.count));
    const values = new Int32Array(capacity);
    values.set(this.values.subarray(0, this.count));
    this.keys = keys;
    this.values = values;
  }
}
