/**
 * FRR bgpd configuration for one standalone harness instance (no zebra, no watchfrr,
 * nothing from /etc/frr). Exports are `network` statements with one route-map each; the
 * route-map sets the next hop, which `attribute-unchanged next-hop` keeps on eBGP.
 */
import { isV6 } from './common.js';
import type { Family, NeighborSpec, PeerSpec, RouteExport } from './types.js';

/** FRR's address-family words per family. */
export const FRR_AFI: Readonly<Record<Family, string>> = {
  'ipv4-unicast': 'ipv4 unicast',
  'ipv6-unicast': 'ipv6 unicast',
  'ipv4-flowspec': 'ipv4 flowspec',
  'ipv6-flowspec': 'ipv6 flowspec',
  'ipv4-vpn': 'ipv4 vpn',
  'ipv6-vpn': 'ipv6 vpn',
  'ipv4-labeled': 'ipv4 labeled-unicast',
  'ipv6-labeled': 'ipv6 labeled-unicast',
};

function exportRouteMap(r: RouteExport, index: number): string[] {
  const lines = [`route-map EXPORT-${index} permit 10`];
  lines.push(isV6(r.nextHop) ? ` set ipv6 next-hop global ${r.nextHop}` : ` set ip next-hop ${r.nextHop}`);
  if (r.med !== undefined) lines.push(` set metric ${r.med}`);
  if (r.localPref !== undefined) lines.push(` set local-preference ${r.localPref}`);
  if (r.communities?.length) lines.push(` set community ${r.communities.join(' ')}`);
  if (r.largeCommunities?.length) lines.push(` set large-community ${r.largeCommunities.join(' ')}`);
  if (r.routeTargets?.length) lines.push(` set extcommunity rt ${r.routeTargets.join(' ')}`);
  if (r.asPath?.length) lines.push(` set as-path prepend ${r.asPath.join(' ')}`);
  lines.push('!');
  return lines;
}

function neighborLines(spec: PeerSpec, n: NeighborSpec): string[] {
  const a = n.address;
  const lines = [
    ` neighbor ${a} remote-as ${n.as}`,
    ` neighbor ${a} update-source ${spec.localAddress}`,
    ` neighbor ${a} timers connect 2`,
    n.port === undefined ? ` neighbor ${a} passive` : ` neighbor ${a} port ${n.port}`,
  ];
  if (spec.holdTime !== undefined) {
    lines.push(` neighbor ${a} timers ${Math.max(1, Math.floor(spec.holdTime / 3))} ${spec.holdTime}`);
  }
  if (n.md5Password !== undefined) lines.push(` neighbor ${a} password ${n.md5Password}`);
  return lines;
}

function familyBlock(spec: PeerSpec, family: Family): string[] {
  const users = spec.neighbors.filter((n) => n.families.includes(family));
  if (users.length === 0) return [];
  const lines = [` address-family ${FRR_AFI[family]}`];
  if (family === 'ipv4-unicast' || family === 'ipv6-unicast') {
    (spec.exports ?? []).forEach((r, i) => {
      if (isV6(r.prefix) === (family === 'ipv6-unicast'))
        lines.push(`  network ${r.prefix} route-map EXPORT-${i}`);
    });
  }
  for (const n of users) {
    lines.push(`  neighbor ${n.address} activate`);
    if (family.endsWith('unicast')) lines.push(`  neighbor ${n.address} attribute-unchanged next-hop`);
  }
  lines.push(' exit-address-family');
  return lines;
}

export function frrConfig(spec: PeerSpec, logFile: string): string {
  const families = Object.keys(FRR_AFI) as Family[];
  return [
    `hostname frr-${spec.localAddress}-${spec.localPort}`,
    `log file ${logFile} informational`,
    '!',
    ...(spec.exports ?? []).flatMap(exportRouteMap),
    `router bgp ${spec.localAs}`,
    ` bgp router-id ${spec.routerId}`,
    // FRR >= 7.4 drops every eBGP route without an explicit policy (RFC 8212) unless told not to.
    ' no bgp ebgp-requires-policy',
    // Without zebra nothing is "in the RIB", so network statements need this to originate.
    ' no bgp network import-check',
    ' no bgp default ipv4-unicast',
    // preserve-fw-state sets the Forwarding State bit (RFC 4724 §3), so a helper keeps the
    // stale routes until End-of-RIB after FRR restarts.
    ...(spec.gracefulRestart ? [' bgp graceful-restart', ' bgp graceful-restart preserve-fw-state'] : []),
    ...spec.neighbors.flatMap((n) => neighborLines(spec, n)),
    ...families.flatMap((f) => familyBlock(spec, f)),
    '!',
    '',
  ].join('\n');
}
