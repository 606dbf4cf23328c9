/**
 * Test helper: the routes a decoded UPDATE carries, as the Adj-RIB-Out holds them — NLRI, next
 * hop (NEXT_HOP or the MP_REACH_NLRI next hop) and the attributes minus what the packer adds by
 * itself (NEXT_HOP, MP_*, AS4_PATH / AS4_AGGREGATOR towards a 2-octet peer, and the defaults:
 * ORIGIN IGP, the default AS_PATH, LOCAL_PREF 100 on iBGP). Routes of one UPDATE share one
 * attribute array, as routes of one configuration line do.
 */

import type { NextHop, Route } from '../../src/rib/route.js';
import type { Attribute } from '../../src/wire/attribute/types.js';
import { isEndOfRib, type Update } from '../../src/wire/message/update.js';
import type { Nlri } from '../../src/wire/nlri/types.js';

export interface Speakers {
  readonly localAs: number;
  readonly peerAs: number;
}

export interface UpdateRoutes {
  readonly announced: Route[];
  readonly withdrawn: Route[];
  /** False when some part cannot be represented as a Route (a raw next hop). */
  readonly representable: boolean;
}

function isDefault(a: Attribute, s: Speakers): boolean {
  const ibgp = s.localAs === s.peerAs;
  if (a.kind === 'origin') return a.value === 0;
  if (a.kind === 'local-preference') return ibgp && a.value === 100;
  if (a.kind === 'as-path') {
    if (ibgp) return a.segments.length === 0;
    const only = a.segments[0];
    return (
      a.segments.length === 1 && only?.type === 2 && only.asns.length === 1 && only.asns[0] === s.localAs
    );
  }
  return false;
}

const ADDED_BY_PACKER = new Set(['next-hop', 'mp-reach', 'mp-unreach', 'as4-path', 'as4-aggregator']);

/** The attributes a Route keeps. `asn4` false: AS4_PATH/AS4_AGGREGATOR merged back. */
export function routeAttributes(u: Update, s: Speakers): Attribute[] {
  const as4Path = u.attributes.find((a) => a.kind === 'as4-path');
  const as4Aggregator = u.attributes.find((a) => a.kind === 'as4-aggregator');
  const out: Attribute[] = [];
  for (const a of u.attributes) {
    if (ADDED_BY_PACKER.has(a.kind) || isDefault(a, s)) continue;
    if (a.kind === 'as-path' && as4Path?.kind === 'as4-path')
      out.push({ kind: 'as-path', segments: as4Path.segments });
    else if (a.kind === 'aggregator' && as4Aggregator?.kind === 'as4-aggregator') {
      out.push({ kind: 'aggregator', asn: as4Aggregator.asn, speaker: as4Aggregator.speaker });
    } else out.push(a);
  }
  return out;
}

function route(nlri: Nlri, attributes: readonly Attribute[], nextHop: NextHop | undefined): Route {
  return nextHop ? { nlri, nextHop, attributes } : { nlri, attributes };
}

export function updateRoutes(u: Update, s: Speakers): UpdateRoutes {
  const announced: Route[] = [];
  const withdrawn: Route[] = [];
  if (isEndOfRib(u) !== undefined) return { announced, withdrawn, representable: true };
  const attributes = routeAttributes(u, s);
  let representable = true;
  const nh = u.attributes.find((a) => a.kind === 'next-hop');
  const v4NextHop: NextHop | undefined = nh?.kind === 'next-hop' ? { kind: 'ip', ip: nh.ip } : undefined;
  for (const n of u.withdrawn) withdrawn.push(route(n, attributes, undefined));
  for (const a of u.attributes) {
    if (a.kind === 'mp-unreach') for (const n of a.nlri) withdrawn.push(route(n, attributes, undefined));
    if (a.kind !== 'mp-reach') continue;
    if (a.nextHopRaw) representable = false;
    const [ip, linkLocal] = a.nextHop;
    const hop: NextHop | undefined =
      ip === undefined ? undefined : linkLocal ? { kind: 'ip', ip, linkLocal } : { kind: 'ip', ip };
    for (const n of a.nlri) announced.push(route(n, attributes, hop));
  }
  for (const n of u.nlri) announced.push(route(n, attributes, v4NextHop));
  return { announced, withdrawn, representable };
}
