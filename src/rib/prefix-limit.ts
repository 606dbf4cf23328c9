/**
 * Maximum prefixes per peer and family: counts the distinct routes a peer has announced and
 * not withdrawn, per address family, and reports the first family that goes over its limit,
 * with the NOTIFICATION to send (RFC 4486 §4, Cease subcode 1):
 *
 *   "If a BGP speaker decides to terminate its peering with a neighbor because the number of
 *    address prefixes received from the neighbor exceeds a locally configured upper bound,
 *    then the speaker MUST send to the neighbor a NOTIFICATION message with the Error Code
 *    Cease and the Error Subcode "Maximum Number of Prefixes Reached".  The message MAY
 *    optionally include the Address Family information [BGP-MP] and the upper bound in the
 *    "Data" field of the NOTIFICATION message."
 *
 *    +-------------------------------+
 *    | AFI (2 octets)                |
 *    +-------------------------------+
 *    | SAFI (1 octet)                |
 *    +-------------------------------+
 *    | Prefix upper bound (4 octets) |
 *    +-------------------------------+
 *
 * Memory is bounded by the limit: a family's set never holds more than limit + 1 keys, since
 * the session is torn down at limit + 1. A route is its family and its key (rib/keys.ts: the
 * prefix, path identifier and RD as the family defines them); an UPDATE marked
 * treat-as-withdraw (RFC 7606) counts as withdrawing its NLRI.
 */
import type { NotifySpec } from '../fsm/types.js';
import type { Update } from '../wire/message/update.js';
import { type FamilyKey, familyKey, familyOf } from '../wire/nlri/family.js';
import type { Nlri } from '../wire/nlri/types.js';
import { type RouteKey, routeKey } from './keys.js';

/** RFC 4486: Cease (6), subcode 1 Maximum Number of Prefixes Reached. */
export const CEASE = 6;
export const CEASE_MAXIMUM_PREFIXES = 1;
/** The largest limit the 4-octet "upper bound" field can carry. */
export const MAXIMUM_PREFIX_LIMIT = 0xffff_ffff;
const IPV4_UNICAST = familyKey(1, 1);

export interface PrefixLimitExceeded {
  readonly afi: number;
  readonly safi: number;
  readonly limit: number;
  readonly notify: NotifySpec;
}

/** The Cease NOTIFICATION of RFC 4486 §4 for a family and its limit. */
export function maximumPrefixNotification(afi: number, safi: number, limit: number): NotifySpec {
  const data = Buffer.alloc(7);
  data.writeUInt16BE(afi, 0);
  data.writeUInt8(safi, 2);
  data.writeUInt32BE(limit, 3);
  return { code: CEASE, subcode: CEASE_MAXIMUM_PREFIXES, data };
}

function keyOf(n: Nlri): RouteKey | undefined {
  try {
    return routeKey(n);
  } catch {
    return undefined; // a kind without a key codec cannot be counted twice: skip it
  }
}

export class PrefixLimit {
  private readonly routes = new Map<FamilyKey, Set<RouteKey>>();

  constructor(readonly limit: number) {}

  /** Forget everything (a new session starts from zero). */
  reset(): void {
    this.routes.clear();
  }

  /** Routes currently counted for a family. */
  count(family: FamilyKey): number {
    return this.routes.get(family)?.size ?? 0;
  }

  /** Apply one received UPDATE; the first family over the limit, if any. */
  update(u: Update): PrefixLimitExceeded | undefined {
    const withdrawAll = u.action === 'treat-as-withdraw';
    this.withdraw(IPV4_UNICAST, u.withdrawn);
    for (const a of u.attributes)
      if (a.kind === 'mp-unreach') this.withdraw(familyKey(a.afi, a.safi), a.nlri);
    if (withdrawAll) {
      this.withdraw(IPV4_UNICAST, u.nlri);
      for (const a of u.attributes)
        if (a.kind === 'mp-reach') this.withdraw(familyKey(a.afi, a.safi), a.nlri);
      return undefined;
    }
    const over = this.announce(IPV4_UNICAST, u.nlri);
    if (over !== undefined) return over;
    for (const a of u.attributes) {
      if (a.kind !== 'mp-reach') continue;
      const exceeded = this.announce(familyKey(a.afi, a.safi), a.nlri);
      if (exceeded) return exceeded;
    }
    return undefined;
  }

  private withdraw(family: FamilyKey, nlri: readonly Nlri[]): void {
    const set = this.routes.get(family);
    if (!set) return;
    for (const n of nlri) {
      const k = keyOf(n);
      if (k !== undefined) set.delete(k);
    }
  }

  private announce(family: FamilyKey, nlri: readonly Nlri[]): PrefixLimitExceeded | undefined {
    if (nlri.length === 0) return undefined;
    let set = this.routes.get(family);
    if (!set) {
      set = new Set();
      this.routes.set(family, set);
    }
    for (const n of nlri) {
      const k = keyOf(n);
      if (k === undefined) continue;
      set.add(k);
      if (set.size > this.limit) {
        const { afi, safi } = familyOf(family);
        return { afi, safi, limit: this.limit, notify: maximumPrefixNotification(afi, safi, this.limit) };
      }
    }
    return undefined;
  }
}
