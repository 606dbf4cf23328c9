/**
 * GoBGP 3.x configuration (gobgpd.toml) for one harness instance, and the `gobgp global rib
 * add` argument lists that originate the spec's exports once the daemon runs (GoBGP has no
 * static routes in its config file).
 */
import { isV6 } from './common.js';
import type { Family, FlowExport, NeighborSpec, PeerSpec, RouteExport } from './types.js';

/** GoBGP's afi-safi-name, its CLI `-a` word, and the AFI/SAFI numbers its JSON uses. */
export const GOBGP_FAMILIES: Readonly<
  Record<Family, { name: string; cli: string; afi: number; safi: number }>
> = {
  'ipv4-unicast': { name: 'ipv4-unicast', cli: 'ipv4', afi: 1, safi: 1 },
  'ipv6-unicast': { name: 'ipv6-unicast', cli: 'ipv6', afi: 2, safi: 1 },
  'ipv4-flowspec': { name: 'ipv4-flowspec', cli: 'ipv4-flowspec', afi: 1, safi: 133 },
  'ipv6-flowspec': { name: 'ipv6-flowspec', cli: 'ipv6-flowspec', afi: 2, safi: 133 },
  'ipv4-vpn': { name: 'l3vpn-ipv4-unicast', cli: 'vpnv4', afi: 1, safi: 128 },
  'ipv6-vpn': { name: 'l3vpn-ipv6-unicast', cli: 'vpnv6', afi: 2, safi: 128 },
  'ipv4-labeled': { name: 'ipv4-labelled-unicast', cli: 'ipv4-mpls', afi: 1, safi: 4 },
  'ipv6-labeled': { name: 'ipv6-labelled-unicast', cli: 'ipv6-mpls', afi: 2, safi: 4 },
};

function neighborToml(spec: PeerSpec, n: NeighborSpec): string[] {
  const lines = [
    '[[neighbors]]',
    '  [neighbors.config]',
    `    neighbor-address = "${n.address}"`,
    `    peer-as = ${n.as}`,
  ];
  if (n.md5Password !== undefined) lines.push(`    auth-password = "${n.md5Password}"`);
  lines.push('  [neighbors.transport.config]', `    local-address = "${spec.localAddress}"`);
  lines.push(n.port === undefined ? '    passive-mode = true' : `    remote-port = ${n.port}`);
  lines.push('  [neighbors.timers.config]', '    connect-retry = 2', '    idle-hold-time-after-reset = 1');
  if (spec.holdTime !== undefined) {
    lines.push(
      `    hold-time = ${spec.holdTime}`,
      `    keepalive-interval = ${Math.max(1, Math.floor(spec.holdTime / 3))}`,
    );
  }
  if (spec.gracefulRestart) {
    lines.push('  [neighbors.graceful-restart.config]', '    enabled = true', '    restart-time = 30');
  }
  for (const f of n.families) {
    lines.push('  [[neighbors.afi-safis]]', '    [neighbors.afi-safis.config]');
    lines.push(`      afi-safi-name = "${GOBGP_FAMILIES[f].name}"`);
    if (spec.gracefulRestart)
      lines.push('    [neighbors.afi-safis.mp-graceful-restart.config]', '      enabled = true');
  }
  return lines;
}

export function gobgpConfig(spec: PeerSpec): string {
  return [
    '[global.config]',
    `  as = ${spec.localAs}`,
    `  router-id = "${spec.routerId}"`,
    `  port = ${spec.localPort}`,
    `  local-address-list = ["${spec.localAddress}"]`,
    '',
    ...spec.neighbors.flatMap((n) => neighborToml(spec, n)),
    '',
  ].join('\n');
}

/** `global rib add` arguments for one unicast route (after `-a ipv4|ipv6`). */
export function gobgpRouteArgs(r: RouteExport): string[] {
  const v = isV6(r.prefix) ? 'ipv6' : 'ipv4';
  const labels = (r.labels ?? []).map(String);
  let args: string[];
  if (r.rd !== undefined) args = ['-a', `vpn${v.slice(2)}`, r.prefix, 'label', ...labels, 'rd', r.rd];
  else if (labels.length > 0) args = ['-a', `${v}-mpls`, r.prefix, ...labels];
  else args = ['-a', v, r.prefix];
  args.push('nexthop', r.nextHop, 'origin', 'igp');
  if (r.asPath?.length) args.push('aspath', r.asPath.join(','));
  if (r.med !== undefined) args.push('med', String(r.med));
  if (r.localPref !== undefined) args.push('local-pref', String(r.localPref));
  if (r.communities?.length) args.push('community', r.communities.join(','));
  if (r.largeCommunities?.length) args.push('large-community', r.largeCommunities.join(','));
  if (r.routeTargets?.length) args.push('rt', ...r.routeTargets);
  return args;
}

/** `global rib add` arguments for one FlowSpec rule. */
export function gobgpFlowArgs(f: FlowExport): string[] {
  const args = ['-a', `ipv${f.afi}-flowspec`, 'match'];
  if (f.destination !== undefined) args.push('destination', f.destination);
  if (f.source !== undefined) args.push('source', f.source);
  if (f.protocol?.length)
    args.push(f.afi === 4 ? 'protocol' : 'next-header', ...f.protocol.map((p) => `==${p}`));
  if (f.destinationPort?.length) args.push('destination-port', ...f.destinationPort.map((p) => `==${p}`));
  if (f.sourcePort?.length) args.push('source-port', ...f.sourcePort.map((p) => `==${p}`));
  args.push('then');
  const a = f.action;
  switch (a.kind) {
    case 'discard':
      args.push('discard');
      break;
    case 'rate-limit':
      args.push('rate-limit', String(a.bytesPerSecond));
      break;
    case 'redirect':
      args.push('redirect', a.target);
      break;
    case 'mark':
      args.push('mark', String(a.dscp));
      break;
  }
  return args;
}
