/**
 * A minimal Adj-RIB-In of one peer (RFC 4271 §3.2): the routes the peer announced to us, per
 * family, keyed by NLRI (path identifier included), with their path attributes, and a stale
 * mark for graceful restart (RFC 4724 §4.2: "the Receiving Speaker MUST retain the routes ...
 * and MUST mark them as stale"). It keeps what it is given; the daemon decides when to mark,
 * purge or clear.
 *
 * Bound: MAX_RECEIVED_ROUTES_PER_PEER routes; past it new NLRIs are dropped and counted in
 * `refused` (a peer controls this table).
 */
import type { Attribute } from '../wire/attribute/types.js';
import type { Update } from '../wire/message/update.js';
import { type FamilyKey, familyKey, IPV4_UNICAST } from '../wire/nlri/family.js';
import type { Nlri } from '../wire/nlri/types.js';
import { type RouteKey, routeKey } from './keys.js';

/** Routes kept per peer before new announcements are refused. */
export const MAX_RECEIVED_ROUTES_PER_PEER = 10_000_000;

export interface ReceivedRoute {
  readonly nlri: Nlri;
  /** The UPDATE's attributes without MP_REACH_NLRI / MP_UNREACH_NLRI. */
  readonly attributes: readonly Attribute[];
  /** IPv4 NEXT_HOP or MP_REACH_NLRI next hops. */
  readonly nextHop: readonly string[];
  stale: boolean;
}

/** The NLRI and, with add-path, its path identifier: two paths to one prefix are two routes. */
function keyOf(n: Nlri): RouteKey {
  return n.pathId === undefined ? routeKey(n) : `${routeKey(n)}|${n.pathId}`;
}

export class AdjRibIn {
  private readonly tables = new Map<FamilyKey, Map<RouteKey, ReceivedRoute>>();
  private count = 0;
  /** Announcements of new NLRIs refused because the table was full. */
  refused = 0;

  constructor(private readonly maxRoutes = MAX_RECEIVED_ROUTES_PER_PEER) {}

  get size(): number {
    return this.count;
  }

  families(): FamilyKey[] {
    return [...this.tables.keys()];
  }

  *routes(family?: FamilyKey): Iterable<ReceivedRoute> {
    for (const [f, table] of this.tables) if (family === undefined || f === family) yield* table.values();
  }

  /** Apply one UPDATE; RFC 7606 treat-as-withdraw turns its announcements into withdrawals. */
  apply(u: Update): void {
    const withdrawAll = u.action === 'treat-as-withdraw';
    for (const n of u.withdrawn) this.remove(IPV4_UNICAST, n);
    const kept = u.attributes.filter((a) => a.kind !== 'mp-reach' && a.kind !== 'mp-unreach');
    for (const a of u.attributes) {
      if (a.kind === 'mp-unreach') for (const n of a.nlri) this.remove(familyKey(a.afi, a.safi), n);
    }
    const ipv4Hop = u.attributes.find((a) => a.kind === 'next-hop');
    for (const n of u.nlri) {
      if (withdrawAll) this.remove(IPV4_UNICAST, n);
      else this.add(IPV4_UNICAST, n, kept, ipv4Hop ? [ipv4Hop.ip] : []);
    }
    for (const a of u.attributes) {
      if (a.kind !== 'mp-reach') continue;
      const family = familyKey(a.afi, a.safi);
      for (const n of a.nlri) {
        if (withdrawAll) this.remove(family, n);
        else this.add(family, n, kept, a.nextHop);
      }
    }
  }

  /** Mark every route of `families` (all when omitted) stale; returns how many. */
  markStale(families?: readonly FamilyKey[]): number {
    let n = 0;
    for (const r of this.routesOf(families)) {
      r.stale = true;
      n++;
    }
    return n;
  }

  /** Remove the stale routes of `families` (all when omitted); returns their NLRIs. */
  purgeStale(families?: readonly FamilyKey[]): Nlri[] {
    return this.removeWhere(families, (r) => r.stale);
  }

  /** Remove every route of `families` (all when omitted); returns their NLRIs. */
  clear(families?: readonly FamilyKey[]): Nlri[] {
    return this.removeWhere(families, () => true);
  }

  private *routesOf(families?: readonly FamilyKey[]): Iterable<ReceivedRoute> {
    for (const [f, table] of this.tables) if (!families || families.includes(f)) yield* table.values();
  }

  private removeWhere(
    families: readonly FamilyKey[] | undefined,
    test: (r: ReceivedRoute) => boolean,
  ): Nlri[] {
    const out: Nlri[] = [];
    for (const [f, table] of this.tables) {
      if (families && !families.includes(f)) continue;
      for (const [key, r] of table) {
        if (!test(r)) continue;
        table.delete(key);
        out.push(r.nlri);
      }
      if (table.size === 0) this.tables.delete(f);
    }
    this.count -= out.length;
    return out;
  }

  private add(
    family: FamilyKey,
    nlri: Nlri,
    attributes: readonly Attribute[],
    nextHop: readonly string[],
  ): void {
    let table = this.tables.get(family);
    if (!table) {
      table = new Map();
      this.tables.set(family, table);
    }
    const key = keyOf(nlri);
    if (!table.has(key)) {
      if (this.count >= this.maxRoutes) {
        this.refused++;
        return;
      }
      this.count++;
    }
    table.set(key, { nlri, attributes, nextHop, stale: false });
  }

  private remove(family: FamilyKey, nlri: Nlri): void {
    const table = this.tables.get(family);
    if (table?.delete(keyOf(nlri))) this.count--;
  }
}
