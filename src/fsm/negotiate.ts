/**
 * What two OPENs agree on (RFC 5492 capabilities): families, 4-octet AS, add-path directions,
 * extended message and next hop, graceful restart, route refresh. The result is plain data,
 * and includes the two codec contexts (what we decode, what we encode) for the session.
 */
import type { AddPathEntry } from '../wire/capability/add-path.js';
import type { GracefulRestartCapability } from '../wire/capability/graceful-restart.js';
import type { CodecContext } from '../wire/context.js';
import { AFI } from '../wire/iana/afi.js';
import { SAFI } from '../wire/iana/safi.js';
import { asn4Of, capabilitiesOfKind, type Open, speakerAsn } from '../wire/message/open.js';
import { type FamilyKey, familyKey } from '../wire/nlri/family.js';
import { negotiateHoldTime } from './fsm.js';

export interface Negotiated {
  /** Families both sides announced (RFC 4760 §8: none announced means IPv4 unicast). */
  readonly families: readonly FamilyKey[];
  readonly asn4: boolean;
  /** The peer's AS as its OPEN states it (4-octet capability when present). */
  readonly peerAs: number;
  readonly holdTimeSeconds: number;
  readonly keepaliveSeconds: number;
  readonly routeRefresh: boolean;
  readonly enhancedRouteRefresh: boolean;
  /** The peer's graceful-restart capability, when it sent one (RFC 4724). */
  readonly peerGracefulRestart?: GracefulRestartCapability;
  readonly peerHostname?: { readonly hostName: string; readonly domainName: string };
  readonly peerSoftwareVersion?: string;
  /** How we read the peer's messages. */
  readonly decode: CodecContext;
  /** How we write ours. */
  readonly encode: CodecContext;
}

const IPV4_UNICAST = familyKey(AFI.IPV4, SAFI.UNICAST);

function familiesOf(open: Open): FamilyKey[] | undefined {
  const mp = capabilitiesOfKind(open, 'multiprotocol');
  if (mp.length === 0) return undefined;
  return mp.map((c) => familyKey(c.afi, c.safi));
}

function addPathMap(open: Open): Map<FamilyKey, number> {
  const out = new Map<FamilyKey, number>();
  for (const c of capabilitiesOfKind(open, 'add-path')) {
    for (const e of c.families as readonly AddPathEntry[]) out.set(familyKey(e.afi, e.safi), e.sendReceive);
  }
  return out;
}

const RECEIVE = 1;
const SEND = 2;

/** Which families carry path identifiers in one direction: `sender` sends, `receiver` receives. */
function addPathDirection(
  sender: Map<FamilyKey, number>,
  receiver: Map<FamilyKey, number>,
  families: FamilyKey[],
): Set<FamilyKey> {
  const out = new Set<FamilyKey>();
  for (const f of families) {
    if (((sender.get(f) ?? 0) & SEND) !== 0 && ((receiver.get(f) ?? 0) & RECEIVE) !== 0) out.add(f);
  }
  return out;
}

function extendedNextHops(local: Open, remote: Open): Map<FamilyKey, number[]> {
  const key = (afi: number, safi: number, nh: number) => `${afi}/${safi}/${nh}`;
  const theirs = new Set<string>();
  for (const c of capabilitiesOfKind(remote, 'extended-next-hop')) {
    for (const e of c.entries) theirs.add(key(e.afi, e.safi, e.nextHopAfi));
  }
  const out = new Map<FamilyKey, number[]>();
  for (const c of capabilitiesOfKind(local, 'extended-next-hop')) {
    for (const e of c.entries) {
      if (!theirs.has(key(e.afi, e.safi, e.nextHopAfi))) continue;
      const f = familyKey(e.afi, e.safi);
      out.set(f, [...(out.get(f) ?? []), e.nextHopAfi]);
    }
  }
  return out;
}

export function negotiate(local: Open, remote: Open): Negotiated {
  const mine = familiesOf(local) ?? [IPV4_UNICAST];
  const theirs = new Set(familiesOf(remote) ?? [IPV4_UNICAST]);
  const families = mine.filter((f) => theirs.has(f));
  const asn4 = asn4Of(local) !== undefined && asn4Of(remote) !== undefined;
  const extendedMessage =
    capabilitiesOfKind(local, 'extended-message').length > 0 &&
    capabilitiesOfKind(remote, 'extended-message').length > 0;
  const localAddPath = addPathMap(local);
  const remoteAddPath = addPathMap(remote);
  const extendedNextHop = extendedNextHops(local, remote);
  const { hold, keepalive } = negotiateHoldTime(local.holdTimeSeconds, remote.holdTimeSeconds);
  const has = (o: Open, k: 'route-refresh' | 'cisco-route-refresh' | 'enhanced-route-refresh') =>
    capabilitiesOfKind(o, k).length > 0;
  const refresh = (o: Open) => has(o, 'route-refresh') || has(o, 'cisco-route-refresh');
  const hostname = capabilitiesOfKind(remote, 'hostname')[0];
  const software = capabilitiesOfKind(remote, 'software-version')[0];
  return {
    families,
    asn4,
    peerAs: speakerAsn(remote),
    holdTimeSeconds: hold,
    keepaliveSeconds: keepalive,
    routeRefresh: refresh(local) && refresh(remote),
    enhancedRouteRefresh: has(local, 'enhanced-route-refresh') && has(remote, 'enhanced-route-refresh'),
    peerGracefulRestart: capabilitiesOfKind(remote, 'graceful-restart')[0],
    peerHostname: hostname ? { hostName: hostname.hostName, domainName: hostname.domainName } : undefined,
    peerSoftwareVersion: software?.version,
    decode: Object.freeze({
      asn4,
      extendedMessage,
      extendedNextHop,
      addPath: addPathDirection(remoteAddPath, localAddPath, families),
    }),
    encode: Object.freeze({
      asn4,
      extendedMessage,
      extendedNextHop,
      addPath: addPathDirection(localAddPath, remoteAddPath, families),
    }),
  };
}
