/**
 * How the Adj-RIB-Out stores routes and pending changes without an object per route.
 *
 * Most of any large table is plain IPv4 unicast prefixes (no path identifier, no watchdog): for
 * them the route key (keys.ts routeKey, a number) says the whole NLRI, and the attributes and
 * next hop are shared by many routes. Such a route is stored as its key and the id of its
 * attribute set (`Shapes`) in a NumberTable: ~20 bytes instead of ~230 (Route + NLRI + address
 * text + Map entries). Route values are made again when asked for (`show adj-rib out`, refresh,
 * the packer's general path); the packer's IPv4 path reads the keys directly (`PackedChanges`).
 *
 * Plain IPv6 unicast routes have string keys (`ADDRESS/LENGTH`); they are kept as the 16
 * octets and the length in a WideTable (wide-table.ts) with the attribute-set id: ~40 bytes a
 * route, not ~300. Their address text comes back in RFC 5952 form (as the parser writes it).
 *
 * Every other route keeps its object: numeric keys in the same NumberTable (the value then points
 * into a side list, so the order of the family is kept), string keys (path identifiers, other
 * families) in a Map. Iteration gives the numeric keys first, then the string keys: the order
 * differs from first-added only when one family mixes both (ADD-PATH routes beside plain ones).
 */
import type { Attribute } from '../wire/attribute/types.js';
import { AFI } from '../wire/iana/afi.js';
import { SAFI } from '../wire/iana/safi.js';
import { familyKey } from '../wire/nlri/family.js';
import { formatIPv4Number, formatIPv6, parseIPv6Into } from '../wire/nlri/prefix.js';
import type { Change, Withdrawal } from './change.js';
import { groupKey, type RouteKey } from './keys.js';
import { NO_VALUE, NumberTable } from './number-table.js';
import type { NextHop, Route } from './route.js';
import { type WideKey, WideTable, wideKey, wideOctets } from './wide-table.js';

const IPV4_UNICAST = familyKey(AFI.IPV4, SAFI.UNICAST);
const IPV6_UNICAST = familyKey(AFI.IPV6, SAFI.UNICAST);
const TWO_31 = 2 ** 31;
const TWO_32 = 2 ** 32;

/** A unicast prefix of `family` without path identifier or watchdog: its key says its NLRI. */
function plainOf(route: Route, family: number): boolean {
  const n = route.nlri;
  return (
    n.family === family &&
    n.kind === 'inet' &&
    n.pathId === undefined &&
    route.watchdog === undefined &&
    route.startWithdrawn === undefined
  );
}

/** An IPv4 route the store can keep as key + attribute set: its key says everything else. */
export function isPlain(route: Route): boolean {
  return plainOf(route, IPV4_UNICAST);
}

/** An IPv6 unicast route the store can keep as its key (`ADDRESS/LENGTH`) + attribute set. */
export function isPlainV6(route: Route): boolean {
  return plainOf(route, IPV6_UNICAST);
}

const V6_OCTETS = new Uint8Array(16);
const V6_KEY: WideKey = new Int32Array(5);
let lastV6Text: string | undefined;

/**
 * The WideKey of a route key `ADDRESS/LENGTH` of IPv6 (keys.ts routeKey), or undefined when it
 * is not one. The result is shared scratch: use it before the next call.
 */
export function v6Key(key: string): WideKey | undefined {
  if (key === lastV6Text) return V6_KEY;
  const slash = key.lastIndexOf('/');
  if (slash < 0 || key.includes('#') || !parseIPv6Into(key.slice(0, slash), V6_OCTETS)) return undefined;
  const length = Number(key.slice(slash + 1));
  if (!(length >= 0 && length <= 128)) return undefined;
  wideKey(V6_OCTETS, 0, length, V6_KEY);
  lastV6Text = key;
  return V6_KEY;
}

/** The Route of a plain IPv6 route kept as words `keys[at..at+5)` (address, length). */
function plainV6Route(
  keys: ArrayLike<number>,
  at: number,
  attributes: readonly Attribute[],
  nextHop: NextHop | undefined,
): Route {
  wideOctets(keys, at, V6_OCTETS);
  const nlri = {
    kind: 'inet' as const,
    family: IPV6_UNICAST,
    ip: formatIPv6(V6_OCTETS),
    length: keys[at + 4]!,
  };
  return nextHop ? { nlri, nextHop, attributes } : { nlri, attributes };
}

function routeKeyText(route: Route): string {
  const n = route.nlri as { ip: string; length: number };
  return `${n.ip}/${n.length}`;
}

/** The prefix of a plain route's key (keys.ts routeKey for IPv4 without a path identifier). */
export function keyPrefix(key: number): { readonly ip: number; readonly length: number } {
  if (key < TWO_31) return { ip: key + TWO_31, length: 32 };
  const hi = Math.floor(key / TWO_32);
  return { ip: key - hi * TWO_32, length: hi - 1 };
}

/** The Route value of a plain route's key with its attributes and next hop. */
export function plainRoute(
  key: number,
  attributes: readonly Attribute[],
  nextHop: NextHop | undefined,
): Route {
  const { ip, length } = keyPrefix(key);
  const nlri = { kind: 'inet' as const, family: IPV4_UNICAST, ip: formatIPv4Number(ip), length };
  return nextHop ? { nlri, nextHop, attributes } : { nlri, attributes };
}

/**
 * The attribute sets (attributes + next hop) of stored plain routes, each with an id and a count
 * of the routes using it; an id is reused once no route uses it.
 */
export class Shapes {
  private readonly ids = new Map<string, number>();
  private readonly attributes: (readonly Attribute[])[] = [];
  private readonly nextHops: (NextHop | undefined)[] = [];
  private readonly keys: string[] = [];
  private readonly uses: number[] = [];
  private readonly free: number[] = [];
  private lastRoute: Route | undefined;
  private lastId = -1;

  /** The id of `route`'s attribute set, counted as used once more. */
  take(route: Route): number {
    let id: number;
    if (
      this.lastRoute !== undefined &&
      route.attributes === this.lastRoute.attributes &&
      route.nextHop === this.lastRoute.nextHop &&
      this.uses[this.lastId]! > 0
    ) {
      id = this.lastId;
    } else {
      const key = groupKey(route.attributes, route.nextHop);
      id = this.ids.get(key) ?? this.add(key, route);
      this.lastRoute = route;
      this.lastId = id;
    }
    this.uses[id]!++;
    return id;
  }

  /** One route less uses `id`. */
  release(id: number): void {
    if (--this.uses[id]! > 0) return;
    this.ids.delete(this.keys[id]!);
    this.attributes[id] = [];
    this.nextHops[id] = undefined;
    this.keys[id] = '';
    this.free.push(id);
    if (this.lastId === id) this.lastRoute = undefined;
  }

  /** Number of attribute sets in use. */
  get size(): number {
    return this.ids.size;
  }

  route(id: number, key: number): Route {
    return plainRoute(key, this.attributes[id]!, this.nextHops[id]);
  }

  routeV6(id: number, keys: ArrayLike<number>, at: number): Route {
    return plainV6Route(keys, at, this.attributes[id]!, this.nextHops[id]);
  }

  private add(key: string, route: Route): number {
    const id = this.free.pop() ?? this.uses.length;
    this.ids.set(key, id);
    this.attributes[id] = route.attributes;
    this.nextHops[id] = route.nextHop;
    this.keys[id] = key;
    this.uses[id] = 0;
    return id;
  }
}

/** Objects a NumberTable value points to (values -1, -2, ...), with their slots reused. */
class Objects<T> {
  private readonly items: (T | undefined)[] = [];
  private readonly free: number[] = [];

  add(item: T): number {
    const i = this.free.pop() ?? this.items.length;
    this.items[i] = item;
    return -1 - i;
  }

  get(ref: number): T {
    return this.items[-1 - ref]!;
  }

  remove(ref: number): void {
    this.items[-1 - ref] = undefined;
    this.free.push(-1 - ref);
  }
}

/** The desired routes of one family, by route key. */
export class RouteTable {
  private readonly numbers = new NumberTable();
  private readonly objects = new Objects<Route>();
  /** Plain IPv6 routes: attribute-set ids by prefix. */
  private wide: WideTable | undefined;
  private readonly strings = new Map<string, Route>();

  constructor(private readonly shapes: Shapes) {}

  get size(): number {
    return this.numbers.size + this.strings.size + (this.wide?.size ?? 0);
  }

  get(key: RouteKey): Route | undefined {
    if (typeof key === 'string') {
      const k = this.wide && v6Key(key);
      const v = k ? this.wide!.get(k) : NO_VALUE;
      return v === NO_VALUE ? this.strings.get(key) : this.shapes.routeV6(v, k!, 0);
    }
    const v = this.numbers.get(key);
    if (v === NO_VALUE) return undefined;
    return v >= 0 ? this.shapes.route(v, key) : this.objects.get(v);
  }

  set(key: RouteKey, route: Route): void {
    if (typeof key === 'string') {
      const k = (isPlainV6(route) || this.wide) && v6Key(key);
      if (k && isPlainV6(route)) {
        this.wide ??= new WideTable();
        const before = this.wide.put(k, this.shapes.take(route));
        if (before !== NO_VALUE) this.shapes.release(before);
        else if (this.strings.size > 0) this.strings.delete(key);
        return;
      }
      if (k) this.deleteWide(k);
      this.strings.set(key, route);
      return;
    }
    const before = this.numbers.put(key, isPlain(route) ? this.shapes.take(route) : this.objects.add(route));
    if (before !== NO_VALUE) this.drop(before);
  }

  delete(key: RouteKey): boolean {
    if (typeof key === 'string') {
      const k = this.wide && v6Key(key);
      return (k ? this.deleteWide(k) : false) || this.strings.delete(key);
    }
    const before = this.numbers.get(key);
    if (before === NO_VALUE) return false;
    this.drop(before);
    return this.numbers.delete(key);
  }

  private deleteWide(k: WideKey): boolean {
    const before = this.wide!.get(k);
    if (before === NO_VALUE) return false;
    this.shapes.release(before);
    return this.wide!.delete(k);
  }

  *entries(): Generator<[RouteKey, Route]> {
    const { keys, values } = this.numbers.snapshot();
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const v = values[i]!;
      yield [key, v >= 0 ? this.shapes.route(v, key) : this.objects.get(v)];
    }
    const wide: Route[] = [];
    this.wide?.forEach((words, at, id) => {
      wide.push(this.shapes.routeV6(id, words, at));
    });
    for (const route of wide) yield [routeKeyText(route), route];
    yield* this.strings;
  }

  *values(): Generator<Route> {
    for (const [, route] of this.entries()) yield route;
  }

  private drop(value: number): void {
    if (value >= 0) this.shapes.release(value);
    else this.objects.remove(value);
  }
}

/**
 * The pending changes of one attribute set and family, in the order they were made, as the
 * packer's IPv4 path reads them: keys, and 1 for a withdrawal, 0 for an announcement.
 */
export interface PackedChanges {
  readonly keys: Float64Array;
  readonly withdrawn: Uint8Array;
}

const ANNOUNCE = 0;
const WITHDRAW = 1;

/** The same for plain IPv6 routes: their keys (`ADDRESS/LENGTH`) and 1 for a withdrawal. */
export interface PackedV6Changes {
  /** Five words a change: the address (big-endian) and the length (wide-table.ts). */
  readonly keys: Int32Array;
  readonly withdrawn: Uint8Array;
}

/** The pending changes of one attribute set (attributes + next hop) and one family. */
export class ChangeTable {
  private readonly numbers = new NumberTable();
  private readonly objects = new Objects<Change>();
  /** Plain IPv6 routes of this attribute set: ANNOUNCE / WITHDRAW by prefix. */
  private wide: WideTable | undefined;
  private readonly strings = new Map<string, Change>();

  constructor(
    readonly attributes: readonly Attribute[],
    readonly nextHop: NextHop | undefined,
  ) {}

  get size(): number {
    return this.numbers.size + this.strings.size + (this.wide?.size ?? 0);
  }

  has(key: RouteKey): boolean {
    if (typeof key !== 'string') return this.numbers.has(key);
    const k = this.wide && v6Key(key);
    return (k ? this.wide!.has(k) : false) || this.strings.has(key);
  }

  /** Add or replace the change of `key` (a replaced change keeps its place). */
  set(key: RouteKey, change: Change): void {
    const route = (change as Withdrawal).withdraw ?? (change as Route);
    const ours = route.attributes === this.attributes && route.nextHop === this.nextHop;
    if (typeof key === 'string') {
      const plain = ours && isPlainV6(route);
      const k = (plain || this.wide) && v6Key(key);
      if (k && plain) {
        this.wide ??= new WideTable();
        if (this.wide.put(k, route === change ? ANNOUNCE : WITHDRAW) === NO_VALUE && this.strings.size > 0)
          this.strings.delete(key);
        return;
      }
      if (k) this.wide!.delete(k);
      this.strings.set(key, change);
      return;
    }
    let value: number;
    if (ours && isPlain(route)) value = route === change ? ANNOUNCE : WITHDRAW;
    else value = this.objects.add(change);
    const before = this.numbers.put(key, value);
    if (before < 0 && before !== NO_VALUE) this.objects.remove(before);
  }

  delete(key: RouteKey): boolean {
    if (typeof key === 'string') {
      const k = this.wide && v6Key(key);
      return (k ? this.wide!.delete(k) : false) || this.strings.delete(key);
    }
    const before = this.numbers.get(key);
    if (before === NO_VALUE) return false;
    if (before < 0) this.objects.remove(before);
    return this.numbers.delete(key);
  }

  /** The changes as values (a Route or a Withdrawal each), in order. */
  values(): Change[] {
    const out: Change[] = [];
    this.numbers.forEach((key, v) => {
      if (v < 0) out.push(this.objects.get(v));
      else {
        const route = plainRoute(key, this.attributes, this.nextHop);
        out.push(v === WITHDRAW ? { withdraw: route } : route);
      }
    });
    this.wide?.forEach((words, at, v) => {
      const route = plainV6Route(words, at, this.attributes, this.nextHop);
      out.push(v === WITHDRAW ? { withdraw: route } : route);
    });
    for (const c of this.strings.values()) out.push(c);
    return out;
  }

  /** The changes as IPv6 keys, when every one is a plain IPv6 route of this attribute set. */
  packedV6(): PackedV6Changes | undefined {
    if (this.numbers.size > 0 || this.strings.size > 0 || !this.wide || this.wide.size === 0)
      return undefined;
    const keys = new Int32Array(this.wide.size * 5);
    const withdrawn = new Uint8Array(this.wide.size);
    let n = 0;
    this.wide.forEach((words, at, v) => {
      keys.set(words.subarray(at, at + 5), n * 5);
      withdrawn[n++] = v;
    });
    return { keys, withdrawn };
  }

  /** The changes as keys, when every one is a plain route of this attribute set. */
  packed(): PackedChanges | undefined {
    if (this.strings.size > 0 || (this.wide?.size ?? 0) > 0) return undefined;
    const { keys, values } = this.numbers.snapshot();
    const withdrawn = new Uint8Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v < 0) return undefined;
      withdrawn[i] = v;
    }
    return { keys, withdrawn };
  }
}
