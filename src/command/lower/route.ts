/**
 * One route statement (configuration `route`/`unicast`/`vpls`/`mcast-vpn`/`mup` lines, the
 * API's `announce route ...` and family-first forms) -> Route values (rib/route.ts). A statement
 * gives several routes when it uses `split /N` or the bulk `attributes ... nlri P1 P2 ...` form.
 */
import type { AttributeValue } from '../../config/model.js';
import type { Route } from '../../rib/route.js';
import { AFI } from '../../wire/iana/afi.js';
import { table } from '../../wire/lookup.js';
import type { Nlri } from '../../wire/nlri/types.js';
import { type Interner, lowerAttributes, type RouteParts } from './attributes.js';
import { LowerError } from './error.js';
import { mupNlri, mvpnNlri, prefixNlris, prefixSafi, vplsNlri } from './nlri.js';

export interface RouteStatement {
  /** route, unicast, multicast, nlri-mpls, labeled-unicast, mpls-vpn, vpls, mcast-vpn, mup. */
  readonly keyword: string;
  /** ipv4, ipv6 or l2vpn when the statement says (5.0 `announce { ipv6 { ... } }`, API family-first). */
  readonly afi?: string;
  /** One prefix, or several for the bulk `nlri` form. */
  readonly prefixes?: readonly string[];
  readonly attributes: readonly AttributeValue[];
}

const AFI_BY_NAME: Readonly<Record<string, number>> = table({
  ipv4: AFI.IPV4,
  ipv6: AFI.IPV6,
  l2vpn: AFI.L2VPN,
});

function afiOf(st: Pick<RouteStatement, 'afi'>): number {
  const afi = st.afi === undefined ? AFI.IPV4 : AFI_BY_NAME[st.afi];
  if (afi === undefined) throw new LowerError(`unknown address family '${st.afi}'`);
  return afi;
}

function make(nlri: Nlri, parts: RouteParts): Route {
  const nextHop = parts.nextHop;
  const attributes = parts.attributes;
  if (parts.watchdog === undefined && !parts.withdraw)
    return nextHop ? { nlri, nextHop, attributes } : { nlri, attributes };
  const route: { -readonly [K in keyof Route]: Route[K] } = { nlri, attributes };
  if (nextHop) route.nextHop = nextHop;
  if (parts.watchdog !== undefined) route.watchdog = parts.watchdog;
  if (parts.withdraw) route.startWithdrawn = true;
  return route;
}

/**
 * INTEROP: ExaBGP turns an IPv4 next hop of an IPv6 MUP route into the IPv4-mapped IPv6
 * address (::ffff:a.b.c.d), sent as 16 octets; its other route forms keep the IPv4 next hop.
 */
function mappedNextHop(nlri: Nlri, parts: RouteParts): RouteParts {
  const nh = parts.nextHop;
  if (nlri.family >> 8 !== AFI.IPV6 || nh?.kind !== 'ip' || nh.ip.includes(':')) return parts;
  return { ...parts, nextHop: { kind: 'ip', ip: `::ffff:${nh.ip}` } };
}

function fieldNlri(st: RouteStatement, parts: RouteParts): Nlri {
  switch (st.keyword) {
    case 'vpls':
      return vplsNlri(parts);
    case 'mcast-vpn':
      return mvpnNlri(afiOf(st), parts);
    case 'mup':
      return mupNlri(afiOf(st), parts);
    default:
      throw new LowerError(`'${st.keyword}' routes need a prefix`);
  }
}

/** The routes of one statement, in order. Throws LowerError. */
export function lowerRoute(interner: Interner, st: RouteStatement): Route[] {
  const out: Route[] = [];
  lowerRouteInto(interner, st, out);
  return out;
}

/** Appends the routes of one statement to `out` (no array per statement). Throws LowerError. */
export function lowerRouteInto(interner: Interner, st: RouteStatement, out: Route[]): void {
  const parts = lowerAttributes(interner, st.attributes);
  if (!st.prefixes) {
    const nlri = fieldNlri(st, parts);
    out.push(make(nlri, st.keyword === 'mup' ? mappedNextHop(nlri, parts) : parts));
    return;
  }
  lowerPrefixesInto(parts, st, st.prefixes, out);
}

/**
 * Appends the routes of `prefixes` with already lowered attributes `parts` (the API's fast
 * path reuses the parts of an attribute text it has seen). Throws LowerError.
 */
export function lowerPrefixesInto(
  parts: RouteParts,
  st: Pick<RouteStatement, 'keyword' | 'afi'>,
  prefixes: readonly string[],
  out: Route[],
): void {
  const safi = prefixSafi(st.keyword, parts);
  const afi = st.afi === undefined ? undefined : afiOf(st);
  for (const prefix of prefixes) {
    const first = out.length;
    prefixNlris(prefix, safi, parts, (nlri) => out.push(make(nlri, parts)));
    if (afi !== undefined && out.length > first && out[first]!.nlri.family >> 8 !== afi)
      throw new LowerError(`${prefix} is not an ${st.afi} prefix`);
  }
}
