/**
 * The routes of a configured neighbor (config/lower/model.ts `NeighborConfig.routes`), in
 * configuration order, duplicates kept, without an object per route.
 *
 * A million-route static configuration is nearly all plain IPv4 unicast routes (route-store.ts
 * `isPlain`) sharing a few attribute arrays and next hops (the lowering interns them). Such a
 * route is kept as its route key (keys.ts `routeKey`: the prefix as a number) and the id of its
 * attribute array + next hop pair: 12 bytes in typed arrays, where the Route value costs ~150
 * (Route, NLRI, address text, array slot). A plain IPv6 unicast route (`isPlainV6`) whose
 * address text is the RFC 5952 one (formatIPv6 prints it back the same) is kept as its 16
 * octets and length beside the id: 29 bytes, where its Route value costs ~300. Any other route
 * keeps its object. Reading a route makes the plain ones again, with the very attribute array
 * and next-hop object pushed, so what comes back is deep-equal to what went in.
 *
 * Attribute sets are told apart by identity, not content (unlike the Adj-RIB-Out's `Shapes`):
 * no wire encoding per set, nothing that can fail, and shared arrays stay shared.
 *
 * Built once (pushes, then `trim()`), then only read: a lowered configuration never changes.
 * For a reload, `ids()` and `notIn()` compare two lists by route identity (family + route key,
 * what the Adj-RIB-Out keys a route by) without making the plain routes.
 */
import type { Attribute } from '../wire/attribute/types.js';
import { type FamilyKey, IPV4_UNICAST, IPV6_UNICAST } from '../wire/nlri/family.js';
import { formatIPv6, IPV6_CANONICAL, IPV6_OTHER, scanIPv6 } from '../wire/nlri/prefix.js';
import { type RouteKey, routeKey } from './keys.js';
import { NumberTable } from './number-table.js';
import type { NextHop, Route } from './route.js';
import { isPlain, isPlainV6, keyPrefix, plainRoute } from './route-store.js';

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

/** Properties present but undefined would not come back: such a route keeps its object. */
function bare(route: Route): boolean {
  return !(
    'pathId' in route.nlri ||
    'watchdog' in route ||
    'startWithdrawn' in route ||
    (route.nextHop === undefined && 'nextHop' in route)
  );
}

/** The key a route is kept by, or undefined when it has to be kept as an object. */
function compactKey(route: Route): number | undefined {
  if (!isPlain(route) || !bare(route)) return undefined;
  const n = route.nlri;
  const key = routeKey(n);
  if (typeof key !== 'number' || n.kind !== 'inet' || !canonical(n.ip, keyPrefix(key).ip)) return undefined;
  return key;
}

/**
 * Whether `route` is kept as 16 octets (written to `out[off]`) and a length: a plain IPv6
 * route whose address text formatIPv6 prints back the same.
 */
function compactV6(route: Route, out: Uint8Array, off: number): boolean {
  if (!isPlainV6(route) || !bare(route)) return false;
  const n = route.nlri;
  if (n.kind !== 'inet' || !(n.length >= 0 && n.length <= 128 && Number.isInteger(n.length))) return false;
  const scanned = scanIPv6(n.ip, 0, n.ip.length, out, off);
  // A dotted quad (::ffff:192.0.2.1) is the printed form of some addresses: print to compare.
  return scanned === IPV6_CANONICAL || (scanned === IPV6_OTHER && formatIPv6(out, off) === n.ip);
}

/** The Route of a compact IPv6 route, as the lowering makes it. */
function plainV6Route(
  octets: Uint8Array,
  off: number,
  length: number,
  attributes: readonly Attribute[],
  nextHop: NextHop | undefined,
): Route {
  const nlri = { kind: 'inet' as const, family: IPV6_UNICAST, ip: formatIPv6(octets, off), length };
  return nextHop ? { nlri, nextHop, attributes } : { nlri, attributes };
}

/** The route key of a compact IPv6 route (keys.ts routeKey: `ADDRESS/LENGTH`). */
function v6Key(octets: Uint8Array, off: number, length: number): string {
  return `${formatIPv6(octets, off)}/${length}`;
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

/** Values from V6 up: a compact IPv6 route, its attribute set id is the value - V6. */
const V6 = 2 ** 30;

export class RouteList implements Iterable<Route> {
  /** Route key of each plain IPv4 route, index in the IPv6 arrays of each compact IPv6 one. */
  private keys = new Float64Array(0);
  /**
   * Attribute set id of each plain IPv4 route (0 <= id < V6), V6 + the id of each compact IPv6
   * route, or -1 - its index in `objects`. Ids stay below V6: there are no more sets than
   * routes, and a Float64Array holds fewer than 2^30 elements.
   */
  private values = new Int32Array(0);
  private count = 0;
  /** The 16 octets and the length of each compact IPv6 route. */
  private v6Octets = new Uint8Array(0);
  private v6Lengths = new Uint8Array(0);
  private v6Count = 0;
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
    if (key !== undefined) {
      this.keys[this.count] = key;
      this.values[this.count] = this.sets.id(route.attributes, route.nextHop);
    } else if (route.nlri.family === IPV6_UNICAST && this.pushV6(route)) {
      // Kept as octets.
    } else {
      this.values[this.count] = -1 - this.objects.length;
      this.objects.push(route);
    }
    this.count++;
  }

  /** Keeps `route` as octets at the end if it can (compactV6); false otherwise. */
  private pushV6(route: Route): boolean {
    const j = this.v6Count;
    if (j === this.v6Lengths.length) this.resizeV6(Math.max(MIN_CAPACITY, j * 2));
    if (!compactV6(route, this.v6Octets, 16 * j)) return false;
    this.v6Lengths[j] = route.nlri.kind === 'inet' ? route.nlri.length : 0;
    this.keys[this.count] = j;
    this.values[this.count] = V6 + this.sets.id(route.attributes, route.nextHop);
    this.v6Count++;
    return true;
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
      if (v < V6) {
        this.keys[this.count] = other.keys[i]!;
        this.values[this.count++] = this.sets.id(other.sets.attributes[v]!, other.sets.nextHops[v]);
        continue;
      }
      const from = other.keys[i]!;
      const j = this.v6Count;
      if (j === this.v6Lengths.length) this.resizeV6(Math.max(MIN_CAPACITY, j * 2));
      this.v6Octets.set(other.v6Octets.subarray(16 * from, 16 * from + 16), 16 * j);
      this.v6Lengths[j] = other.v6Lengths[from]!;
      this.v6Count++;
      this.keys[this.count] = j;
      const id = v - V6;
      this.values[this.count++] = V6 + this.sets.id(other.sets.attributes[id]!, other.sets.nextHops[id]);
    }
  }

  /** Gives back the spare room of the arrays (they grow by doubling): call once built. */
  trim(): void {
    if (this.keys.length > this.count) this.resize(this.count);
    if (this.v6Lengths.length > this.v6Count) this.resizeV6(this.v6Count);
  }

  /** The route at `index` (negative: from the end), as Array.prototype.at. */
  at(index: number): Route | undefined {
    const i = index < 0 ? index + this.count : index;
    if (!(i >= 0 && i < this.count)) return undefined;
    const v = this.values[i]!;
    if (v < 0) return this.objects[-1 - v];
    if (v < V6) return plainRoute(this.keys[i]!, this.sets.attributes[v]!, this.sets.nextHops[v]);
    const j = this.keys[i]!;
    const id = v - V6;
    return plainV6Route(
      this.v6Octets,
      16 * j,
      this.v6Lengths[j]!,
      this.sets.attributes[id]!,
      this.sets.nextHops[id],
    );
  }

  *[Symbol.iterator](): Generator<Route> {
    for (let i = 0; i < this.count; i++) yield this.at(i)!;
  }

  /** The identity of the route at `i`, given to `f` (family and route key). */
  private identity<T>(i: number, f: (family: FamilyKey, key: RouteKey) => T): T {
    const v = this.values[i]!;
    if (v < 0) {
      const n = this.objects[-1 - v]!.nlri;
      return f(n.family, routeKey(n));
    }
    if (v < V6) return f(IPV4_UNICAST, this.keys[i]!);
    const j = this.keys[i]!;
    return f(IPV6_UNICAST, v6Key(this.v6Octets, 16 * j, this.v6Lengths[j]!));
  }

  /** The identities of the routes. */
  ids(): RouteIds {
    const ids = new RouteIds();
    const add = (family: FamilyKey, key: RouteKey) => ids.add(family, key);
    for (let i = 0; i < this.count; i++) this.identity(i, add);
    return ids;
  }

  /** The routes, in order, whose identity is not in `ids`. */
  *notIn(ids: RouteIds): Generator<Route> {
    const has = (family: FamilyKey, key: RouteKey) => ids.has(family, key);
    for (let i = 0; i < this.count; i++) if (!this.identity(i, has)) yield this.at(i)!;
  }

  private resize(capacity: number): void {
    const keys = new Float64Array(capacity);
    keys.set(this.keys.subarray(0, this.count));
    const values = new Int32Array(capacity);
    values.set(this.values.subarray(0, this.count));
    this.keys = keys;
    this.values = values;
  }

  private resizeV6(capacity: number): void {
    const octets = new Uint8Array(16 * capacity);
    octets.set(this.v6Octets.subarray(0, 16 * this.v6Count));
    const lengths = new Uint8Array(capacity);
    lengths.set(this.v6Lengths.subarray(0, this.v6Count));
    this.v6Octets = octets;
    this.v6Lengths = lengths;
  }
}
