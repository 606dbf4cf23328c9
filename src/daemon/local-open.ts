/**
 * The OPEN bgpknife sends to a neighbor, built from its resolved configuration. Capabilities
 * come in ExaBGP's order (multiprotocol, 4-octet AS, extended next hop, add-path, graceful
 * restart, route refresh + enhanced route refresh, operational, extended message, hostname,
 * software version, multisession), one per optional parameter as ExaBGP writes them, so a
 * peer or test that compares OPENs sees the same bytes.
 */
import type { NeighborConfig } from '../config/lower/model.js';
import { ADD_PATH } from '../wire/capability/add-path.js';
import type { Capability } from '../wire/capability/types.js';
import { makeOpen, type Open, twoOctetAsn } from '../wire/message/open.js';
import { familyOf } from '../wire/nlri/family.js';

export interface LocalOpenOptions {
  /** The software-version capability's text (ExaBGP: "ExaBGP/<version>"). */
  readonly softwareVersion: string;
  /** Host and domain name for the hostname capability when the neighbor sets none. */
  readonly hostName: string;
  readonly domainName: string;
  /** RFC 4724 Restart State bit: set when bgpknife itself restarted. */
  readonly restarted: boolean;
  /** The router-id to use when the configuration has none (the connection's local address). */
  readonly fallbackRouterId: string;
}

/** RFC 4724 §3: the Forwarding State bit per family. */
const FORWARDING_STATE = 0x80;
const RESTART_STATE = 0x8;
/** RFC 5492: the multisession capability's value, as ExaBGP sends it (the MP capability code). */
const MULTISESSION_VALUE = Buffer.from([1]);

const DIRECTION = { send: ADD_PATH.SEND, receive: ADD_PATH.RECEIVE, 'send/receive': ADD_PATH.BOTH } as const;

export function localCapabilities(n: NeighborConfig, o: LocalOpenOptions): Capability[] {
  const caps: Capability[] = n.families.map((f): Capability => ({ kind: 'multiprotocol', ...familyOf(f) }));
  const localAs = n.localAs ?? n.peerAs ?? 0;
  const c = n.capability;
  if (c.asn4) caps.push({ kind: 'asn4', asn: localAs });
  if (c.nexthop && n.nexthop.length > 0) {
    caps.push({
      kind: 'extended-next-hop',
      entries: n.nexthop.map((e) => ({ ...familyOf(e.family), nextHopAfi: e.nexthopAfi })),
    });
  }
  if (n.addPath.length > 0) {
    caps.push({
      kind: 'add-path',
      families: n.addPath.map((a) => ({ ...familyOf(a.family), sendReceive: DIRECTION[a.direction] })),
    });
  }
  if (c.gracefulRestartSeconds !== undefined) {
    caps.push({
      kind: 'graceful-restart',
      restartFlags: o.restarted ? RESTART_STATE : 0,
      restartTimeSeconds: c.gracefulRestartSeconds,
      families: n.families.map((f) => ({ ...familyOf(f), flags: FORWARDING_STATE })),
    });
  }
  if (c.routeRefresh) caps.push({ kind: 'route-refresh' }, { kind: 'enhanced-route-refresh' });
  if (c.operational) caps.push({ kind: 'operational' });
  if (c.extendedMessage) caps.push({ kind: 'extended-message' });
  // INTEROP: ExaBGP 5.0 sends the hostname capability only when host-name or domain-name is set.
  if (n.hostName !== undefined || n.domainName !== undefined) {
    caps.push({
      kind: 'hostname',
      hostName: n.hostName ?? o.hostName,
      domainName: n.domainName ?? o.domainName,
    });
  }
  if (c.softwareVersion) caps.push({ kind: 'software-version', version: o.softwareVersion });
  if (c.multiSession) caps.push({ kind: 'multisession', raw: MULTISESSION_VALUE });
  return caps;
}

export function localOpen(n: NeighborConfig, o: LocalOpenOptions): Open {
  const localAs = n.localAs ?? n.peerAs ?? 0;
  return makeOpen({
    asn: twoOctetAsn(localAs),
    holdTimeSeconds: n.holdTimeSeconds,
    routerId: n.routerId ?? o.fallbackRouterId,
    capabilities: localCapabilities(n, o),
  });
}
