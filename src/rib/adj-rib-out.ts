/**
 * The Adj-RIB-Out of one peer (RFC 4271 §3.2): the routes we want the peer to have, per family,
 * keyed by NLRI (path identifier included), and the changes not yet sent.
 *
 * Pending changes follow ExaBGP 5.0 (rib/outgoing.py): they are grouped by attributes + next
 * hop (in the order each group first appeared since the last flush), then by family (same),
 * then by route (in the order the route first changed; a later change of the same route in the
 * same group keeps its place, a withdrawal moves to the end). Re-announcing a route exactly as
 * it is desired changes nothing.
 *
 * When a route changes group before the flush (new attributes, or announced again after a
 * pending withdrawal), ExaBGP leaves the earlier change pending in its group and sends both;
 * the corpus depends on it (two configuration routes with one NLRI both go out). bgpknife does
 * the same when the earlier group goes out first, so the peer still ends with the latest change.
 * INTEROP: when the earlier group would go out last, ExaBGP leaves the peer with the stale
 * change; bgpknife drops that earlier change instead. At most two changes of one route are kept
 * (the first still pending and the latest); a withdrawal drops every earlier change.
 *
 * Bounds: every pending change is either a desired route or a withdrawal, and one route has at
 * most two of them, so the pending set is bounded by twice the desired set plus the pending
 * withdrawals. Together those two are capped at MAX_ROUTES_PER_PEER: past it, announcements of
 * new routes are refused and withdrawals of routes the peer does not have from us are dropped
 * (both counted in `stats`). Memory: plain IPv4 unicast routes are kept as a number and an
 * attribute-set id in typed arrays (route-store.ts, ~20 bytes a route, desired and pending
 * each); other routes as references to the caller's Route values (whose attribute arrays are
 * interned); no per-route closures or wrapper objects for announcements.
 */
import type { Attribute } from '../wire/attribute/types.js';
import type { FamilyKey } from '../wire/nlri/family.js';
import type { Change, ChangeGroup, Outgoing, Withdrawal } from './change.js';
import { attributesKey, groupKey, nextHopKey, type RouteKey, routeKey } from './keys.js';
import type { NextHop, Route } from './route.js';
import { ChangeTable, isPlain, isPlainV6, RouteTable, Shapes } from './route-store.js';
import { WithdrawalIndex } from './withdrawal-index.js';

/** Desired routes plus pending withdrawals allowed per peer. */
export const MAX_ROUTES_PER_PEER = 10_000_000;

export interface AdjRibOutStats {
  /** Announcements refused because the peer's table was full. */
  refused: number;
  /** Withdrawals of routes the peer did not have from us, dropped because the table was full. */
  droppedWithdrawals: number;
}

interface PendingGroup {
  /** Creation rank: groups go out in this order. */
  readonly order: number;
  /** Those of the route that made the group (equal, by wire bytes, for every route in it). */
  readonly attributes: readonly Attribute[];
  readonly nextHop: NextHop | undefined;
  readonly families: Map<FamilyKey, ChangeTable>;
}

interface Refresh {
  readonly enhanced: boolean;
  readonly routes: readonly Route[];
}

interface Watchdog {
  /** Announced with the watchdog (in the RIB). */
  readonly up: Map<string, Route>;
  /** Held back until the watchdog announces them. */
  readonly down: Map<string, Route>;
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}

function watchdogKey(route: Route): string {
  return `${route.nlri.family}:${routeKey(route.nlri)}`;
}

/** Is `b` the same as `a` (which has the same route key)? */
function sameRoute(a: Route, b: Route): boolean {
  if (a === b) return true;
  if (a.nextHop !== b.nextHop && nextHopKey(a.nextHop) !== nextHopKey(b.nextHop)) return false;
  if (a.attributes !== b.attributes && attributesKey(a.attributes) !== attributesKey(b.attributes))
    return false;
  // The key of a plain route is its whole NLRI (route-store.ts).
  if (a.nlri === b.nlri || (isPlain(a) && isPlain(b)) || (isPlainV6(a) && isPlainV6(b))) return true;
  return JSON.stringify(a.nlri) === JSON.stringify(b.nlri);
}

export class AdjRibOut {
  readonly stats: AdjRibOutStats = { refused: 0, droppedWithdrawals: 0 };
  private readonly shapes = new Shapes();
  private readonly desired = new Map<FamilyKey, RouteTable>();
  private desiredCount = 0;
  private pending = new Map<string, PendingGroup>();
  /** Where each pending withdrawal sits (announcements are found from the desired route). */
  private withdrawals = new Map<FamilyKey, WithdrawalIndex>();
  /** This flush's pending groups by `order` minus `firstOrder` (withdrawals point into it). */
  private groups: PendingGroup[] = [];
  private firstOrder = 0;
  private withdrawalCount = 0;
  private pendingCount = 0;
  private groupCount = 0;
  /** `family/key` -> the group holding an earlier change of a route still pending (see above). */
  private stale = new Map<string, PendingGroup>();
  /** Families to send again (route refresh): enhanced or not, and the routes at the request. */
  private refreshes = new Map<FamilyKey, Refresh>();
  private readonly watchdogs = new Map<string, Watchdog>();

  constructor(private readonly maxRoutes = MAX_ROUTES_PER_PEER) {}

  /** Number of desired routes. */
  get size(): number {
    return this.desiredCount;
  }

  /** Number of pending changes (announcements and withdrawals). */
  get pendingSize(): number {
    return this.pendingCount;
  }

  hasPending(): boolean {
    return this.pendingCount > 0 || this.refreshes.size > 0;
  }

  /** Desired routes of a family (all families when omitted), in the order they were first added. */
  *routes(family?: FamilyKey): Generator<Route> {
    for (const [f, table] of this.desired) {
      if (family === undefined || f === family) yield* table.values();
    }
  }

  families(): FamilyKey[] {
    return [...this.desired.keys()];
  }

  /**
   * Add or replace a route. A route with a watchdog is remembered under it; with
   * `startWithdrawn` it waits for `announceWatchdog`. Returns whether anything changed.
   */
  announce(route: Route): boolean {
    if (route.watchdog !== undefined) {
      const dog = this.watchdog(route.watchdog);
      const key = watchdogKey(route);
      if (route.startWithdrawn) {
        dog.down.set(key, route);
        return false;
      }
      dog.down.delete(key);
      dog.up.set(key, route);
    }
    return this.insert(route);
  }

  /**
   * Withdraw a route. `route` gives the NLRI, and the attributes ExaBGP groups the withdrawal
   * by; it need not be the announced value. Returns whether a withdrawal was queued.
   */
  withdraw(route: Route): boolean {
    const family = route.nlri.family;
    const key = routeKey(route.nlri);
    const table = this.desired.get(family);
    const previous = table?.get(key);
    if (previous) {
      table!.delete(key);
      this.desiredCount--;
      this.unqueue(family, key, previous);
    } else if (!this.unqueue(family, key, undefined) && this.full()) {
      this.stats.droppedWithdrawals++;
      return false;
    }
    this.dropStale(family, key);
    const group = this.group(route);
    this.place(group, family, key, { withdraw: route } satisfies Withdrawal);
    getOrCreate(this.withdrawals, family, () => new WithdrawalIndex()).set(
      key,
      group.order - this.firstOrder,
    );
    this.withdrawalCount++;
    return true;
  }

  /** ExaBGP's `announce watchdog NAME`: announce the routes held back under it. */
  announceWatchdog(name: string): number {
    const dog = this.watchdogs.get(name);
    if (!dog) return 0;
    let n = 0;
    for (const [key, route] of [...dog.down]) {
      dog.down.delete(key);
      dog.up.set(key, route);
      if (this.insert(route)) n++;
    }
    return n;
  }

  /** ExaBGP's `withdraw watchdog NAME`: withdraw the routes announced under it, keep them. */
  withdrawWatchdog(name: string): number {
    const dog = this.watchdogs.get(name);
    if (!dog) return 0;
    let n = 0;
    for (const [key, route] of [...dog.up]) {
      dog.up.delete(key);
      dog.down.set(key, route);
      if (this.withdraw(route)) n++;
    }
    return n;
  }

  /** Withdraw every desired route of `families` (all when omitted). */
  withdrawAll(families?: readonly FamilyKey[]): number {
    let n = 0;
    for (const route of [...this.routes()]) {
      if (families && !families.includes(route.nlri.family)) continue;
      if (this.withdraw(route)) n++;
    }
    return n;
  }

  /**
   * After a (re)connection: forget what was pending (the new peer has none of our routes, and
   * ExaBGP does not send withdrawals in the first flush either) and queue every desired route.
   */
  resendAll(): void {
    this.clearPending();
    for (const [family, table] of this.desired) {
      for (const [key, route] of table.entries()) this.place(this.group(route), family, key, route);
    }
  }

  /**
   * ROUTE-REFRESH received (RFC 2918 / RFC 7313): send the desired routes of `family` (all when
   * omitted), as they are now, again, each in its own UPDATE, before the pending changes; with
   * `enhanced`, between Beginning- and End-of-RIB-Refresh markers. Later changes go out as
   * usual, after them.
   */
  refresh(family?: FamilyKey, enhanced = false): void {
    for (const f of family === undefined ? [...this.desired.keys()] : [family]) {
      const routes = [...(this.desired.get(f)?.values() ?? [])];
      this.refreshes.set(f, { enhanced: enhanced || (this.refreshes.get(f)?.enhanced ?? false), routes });
    }
  }

  /**
   * Take the pending work: returns it in ExaBGP's order and starts a new pending set, so
   * changes made while the caller is still packing go to the next flush. The groups are built
   * lazily.
   */
  flush(): Iterable<Outgoing> {
    const pending = this.pending;
    const refreshes = [...this.refreshes];
    this.clearPending();
    return outgoing(pending, refreshes);
  }

  private clearPending(): void {
    this.pending = new Map();
    this.withdrawals = new Map();
    this.groups = [];
    this.firstOrder = this.groupCount;
    this.withdrawalCount = 0;
    this.pendingCount = 0;
    this.refreshes = new Map();
    this.stale = new Map();
  }

  private full(): boolean {
    return this.desiredCount + this.withdrawalCount >= this.maxRoutes;
  }

  private watchdog(name: string): Watchdog {
    return getOrCreate(this.watchdogs, name, () => ({ up: new Map(), down: new Map() }));
  }

  private insert(route: Route): boolean {
    const family = route.nlri.family;
    const key = routeKey(route.nlri);
    const table = getOrCreate(this.desired, family, () => new RouteTable(this.shapes));
    const previous = table.get(key);
    if (previous && sameRoute(previous, route)) return false;
    const pendingWithdrawal = this.pendingWithdrawal(family, key);
    if (!previous && !pendingWithdrawal && this.full()) {
      this.stats.refused++;
      return false;
    }
    const group = this.group(route);
    const old = previous ? this.pendingGroupOf(previous) : pendingWithdrawal;
    if (this.stale.size > 0 && this.stale.get(`${family}/${key}`) === group)
      this.stale.delete(`${family}/${key}`);
    if (old && old !== group && old.families.get(family)?.has(key)) {
      if (old.order < group.order) this.keepStale(family, key, old);
      else this.unqueue(family, key, previous);
    }
    if (pendingWithdrawal) this.forgetWithdrawal(family, key);
    if (!previous) this.desiredCount++;
    table.set(key, route);
    this.place(group, family, key, route);
    return true;
  }

  /** The pending group of `route`'s attributes and next hop. */
  private group(route: Route): PendingGroup {
    return getOrCreate(this.pending, groupKey(route.attributes, route.nextHop), () => {
      const group: PendingGroup = {
        order: this.groupCount++,
        attributes: route.attributes,
        nextHop: route.nextHop,
        families: new Map(),
      };
      this.groups.push(group);
      return group;
    });
  }

  /** The group holding a pending withdrawal of the route, if there is one. */
  private pendingWithdrawal(family: FamilyKey, key: RouteKey): PendingGroup | undefined {
    const at = this.withdrawals.get(family)?.get(key) ?? -1;
    return at < 0 ? undefined : this.groups[at];
  }

  private place(group: PendingGroup, family: FamilyKey, key: RouteKey, change: Change): void {
    const changes = getOrCreate(
      group.families,
      family,
      () => new ChangeTable(group.attributes, group.nextHop),
    );
    // One lookup, not has() then set(): in a million-entry table each lookup is a cache miss.
    const before = changes.size;
    changes.set(key, change);
    this.pendingCount += changes.size - before;
  }

  private pendingGroupOf(route: Route): PendingGroup | undefined {
    return this.pending.get(groupKey(route.attributes, route.nextHop));
  }

  /** Leave the earlier change of a route in `old` (only one such change is kept per route). */
  private keepStale(family: FamilyKey, key: RouteKey, old: PendingGroup): void {
    this.dropStale(family, key);
    this.stale.set(`${family}/${key}`, old);
  }

  private dropStale(family: FamilyKey, key: RouteKey): void {
    if (this.stale.size === 0) return;
    const staleKey = `${family}/${key}`;
    const group = this.stale.get(staleKey);
    if (!group) return;
    this.stale.delete(staleKey);
    if (group.families.get(family)?.delete(key)) this.pendingCount--;
  }

  private forgetWithdrawal(family: FamilyKey, key: RouteKey): void {
    if (this.withdrawals.get(family)?.delete(key)) this.withdrawalCount--;
  }

  /** Remove the pending change of a route, if any; returns whether there was one. */
  private unqueue(family: FamilyKey, key: RouteKey, desired: Route | undefined): boolean {
    const group = this.pendingWithdrawal(family, key) ?? (desired && this.pendingGroupOf(desired));
    this.forgetWithdrawal(family, key);
    const changes = group?.families.get(family);
    if (!changes?.delete(key)) return false;
    this.pendingCount--;
    return true;
  }
}

function* outgoing(
  pending: Map<string, PendingGroup>,
  refreshes: readonly (readonly [FamilyKey, Refresh])[],
): Generator<Outgoing> {
  for (const [family, r] of refreshes) if (r.enhanced) yield { kind: 'route-refresh', family, subtype: 1 };
  for (const [, { routes }] of refreshes) {
    for (const r of routes) {
      yield {
        kind: 'changes',
        family: r.nlri.family,
        attributes: r.attributes,
        nextHop: r.nextHop,
        changes: [r],
        single: true,
      };
    }
  }
  for (const [family, r] of refreshes) if (r.enhanced) yield { kind: 'route-refresh', family, subtype: 2 };
  for (const group of pending.values()) {
    for (const [family, changes] of group.families) {
      if (changes.size > 0) yield changeGroup(family, changes);
    }
  }
}

/** The changes of one group and family; the Route values are made only if someone asks. */
function changeGroup(family: FamilyKey, table: ChangeTable): ChangeGroup {
  const packed = table.packed();
  const packedV6 = packed ? undefined : table.packedV6();
  if (!packed && !packedV6) {
    const changes = table.values();
    const first = changes[0]!;
    const route = 'withdraw' in first ? first.withdraw : first;
    return { kind: 'changes', family, attributes: route.attributes, nextHop: route.nextHop, changes };
  }
  let changes: Change[] | undefined;
  return {
    kind: 'changes',
    family,
    attributes: table.attributes,
    nextHop: table.nextHop,
    ...(packed ? { packed } : { packedV6 }),
    get changes(): Change[] {
      changes ??= table.values();
      return changes;
    },
  };
}
