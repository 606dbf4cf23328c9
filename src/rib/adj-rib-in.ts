/**
 * The Adj-RIB-In of one peer (RFC 4271 §3.2): the routes the peer announced to us and has not
 * withdrawn, per family, keyed by NLRI (path identifier included). Kept only when the
 * neighbor's `adj-rib-in` is on; read by `show adj-rib in` and cleared by `clear adj-rib in`.
 *
 * Bounds: at most `maxRoutes` routes; past it new announcements are not stored (counted in
 * `refused`) while replacements and withdrawals still apply, so the table never grows past the
 * bound whatever the peer sends.
 */
import type { Attribute } from '../wire/attribute/types.js';
import type { Update } from '../wire/message/update.js';
import { type FamilyKey, familyKey } from '../wire/nlri/family.js';
import type { Nlri } from '../wire/nlri/types.js';
import { MAX_ROUTES_PER_PEER } from './adj-rib-out.js';
import { type RouteKey, routeKey } from './keys.js';

export interface ReceivedRoute {
  readonly nlri: Nlri;
  /** The next hop as received (absent for families without one). */
  readonly nextHop?: string;
  /** The path attributes other than MP_REACH / MP_UNREACH. */
  readonly attributes: readonly Attribute[];
}

const IPV4_UNICAST = familyKey(1, 1);

/** The NLRI and, with add-path, its path identifier. */
function keyOf(n: Nlri): RouteKey {
  return n.pathId === undefined ? routeKey(n) : `${routeKey(n)}|${n.pathId}`;
}

export class AdjRibIn {
  private readonly table = new Map<FamilyKey, Map<RouteKey, ReceivedRoute>>();
  private count = 0;
  refused = 0;

  constructor(private readonly maxRoutes = MAX_ROUTES_PER_PEER) {}

  get size(): number {
    return this.count;
  }

  *routes(family?: FamilyKey): Generator<ReceivedRoute> {
    for (const [f, t] of this.table) if (family === undefined || f === family) yield* t.values();
  }

  clear(): void {
    this.table.clear();
    this.count = 0;
  }

  /** Apply a received UPDATE (treat-as-withdraw UPDATEs withdraw what they announce). */
  apply(u: Update): void {
    const attributes = u.attributes.filter((a) => a.kind !== 'mp-reach' && a.kind !== 'mp-unreach');
    const withdrawAll = u.action === 'treat-as-withdraw';
    for (const n of u.withdrawn) this.remove(IPV4_UNICAST, n);
    for (const a of u.attributes)
      if (a.kind === 'mp-unreach') for (const n of a.nlri) this.remove(familyKey(a.afi, a.safi), n);
    const hop = u.attributes.find((a) => a.kind === 'next-hop');
    const v4 = hop?.kind === 'next-hop' ? hop.ip : undefined;
    for (const n of u.nlri) {
      if (withdrawAll) this.remove(IPV4_UNICAST, n);
      else this.add(IPV4_UNICAST, { nlri: n, ...(v4 ? { nextHop: v4 } : {}), attributes });
    }
    for (const a of u.attributes) {
      if (a.kind !== 'mp-reach') continue;
      const f = familyKey(a.afi, a.safi);
      for (const n of a.nlri) {
        if (withdrawAll) this.remove(f, n);
        else this.add(f, { nlri: n, ...(a.nextHop[0] ? { nextHop: a.nextHop[0] } : {}), attributes });
      }
    }
  }

  private add(f: FamilyKey, r: ReceivedRoute): void {
    let t = this.table.get(f);
    if (!t) {
      t = new Map();
      this.table.set(f, t);
    }
    const key = keyOf(r.nlri);
    if (!t.has(key)) {
      if (this.count >= this.maxRoutes) {
        this.refused++;
        return;
      }
      this.count++;
    }
    t.set(key, r);
  }

  private remove(f: FamilyKey, n: Nlri): void {
    const t = this.table.get(f);
    if (t?.delete(keyOf(n))) this.count--;
  }
}
