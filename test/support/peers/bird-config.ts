/**
 * BIRD 2.0 configuration for one harness instance: one `protocol bgp nN` per neighbor, static
 * protocols for the exported routes and FlowSpec rules, and no kernel protocol (BIRD never
 * touches the host's routing table).
 */
import { isV6 } from './common.js';
import type { Family, FlowAction, FlowExport, NeighborSpec, PeerSpec, RouteExport } from './types.js';

/** BIRD's channel clause per family (tables are declared in the config header). */
const CHANNELS: Readonly<Record<Family, string>> = {
  'ipv4-unicast': 'ipv4 { import all; export all; next hop keep; }',
  'ipv6-unicast': 'ipv6 { import all; export all; next hop keep; }',
  'ipv4-flowspec': 'flow4 { table flowtab4; import all; export all; }',
  'ipv6-flowspec': 'flow6 { table flowtab6; import all; export all; }',
  'ipv4-vpn': 'vpn4 mpls { table vpntab4; import all; export all; }',
  'ipv6-vpn': 'vpn6 mpls { table vpntab6; import all; export all; }',
  'ipv4-labeled': 'ipv4 mpls { table lab4; import all; export all; }',
  'ipv6-labeled': 'ipv6 mpls { table lab6; import all; export all; }',
};

/** The table BIRD keeps each family in, and the channel name `show protocols all` prints. */
export const BIRD_TABLES: Readonly<Record<Family, { table: string; channel: string }>> = {
  'ipv4-unicast': { table: 'master4', channel: 'ipv4' },
  'ipv6-unicast': { table: 'master6', channel: 'ipv6' },
  'ipv4-flowspec': { table: 'flowtab4', channel: 'flow4' },
  'ipv6-flowspec': { table: 'flowtab6', channel: 'flow6' },
  'ipv4-vpn': { table: 'vpntab4', channel: 'vpn4-mpls' },
  'ipv6-vpn': { table: 'vpntab6', channel: 'vpn6-mpls' },
  'ipv4-labeled': { table: 'lab4', channel: 'ipv4-mpls' },
  'ipv6-labeled': { table: 'lab6', channel: 'ipv6-mpls' },
};

export function birdProtocolName(index: number): string {
  return `n${index + 1}`;
}

function neighborBlock(spec: PeerSpec, n: NeighborSpec, index: number): string {
  const lines = [
    `protocol bgp ${birdProtocolName(index)} {`,
    `  local ${spec.localAddress} port ${spec.localPort} as ${spec.localAs};`,
    n.port === undefined
      ? `  neighbor ${n.address} as ${n.as};`
      : `  neighbor ${n.address} port ${n.port} as ${n.as};`,
    n.port === undefined ? '  passive on;' : '  passive off;',
    // Listen only on localAddress, so several instances share a port on distinct addresses.
    '  strict bind on;',
    // 'direct' is refused on loopback ("Invalid remote address").
    '  multihop;',
    // The default 5 s delay before the first connect would dominate every test.
    '  connect delay time 1;',
    '  connect retry time 2;',
    '  error wait time 1, 10;',
  ];
  if (spec.holdTime !== undefined) lines.push(`  hold time ${spec.holdTime};`);
  lines.push(`  graceful restart ${spec.gracefulRestart ? 'on' : 'off'};`);
  if (n.md5Password !== undefined) lines.push(`  password "${n.md5Password}";`);
  for (const f of n.families) lines.push(`  ${CHANNELS[f]};`);
  lines.push('}');
  return lines.join('\n');
}

function pair(s: string): string {
  return `(${s.split(':').join(', ')})`;
}

function routeStatements(r: RouteExport): string {
  const st = [`bgp_next_hop = ${r.nextHop};`, 'bgp_origin = ORIGIN_IGP;'];
  for (const asn of [...(r.asPath ?? [])].reverse()) st.push(`bgp_path.prepend(${asn});`);
  if (r.med !== undefined) st.push(`bgp_med = ${r.med};`);
  if (r.localPref !== undefined) st.push(`bgp_local_pref = ${r.localPref};`);
  for (const c of r.communities ?? []) st.push(`bgp_community.add(${pair(c)});`);
  for (const c of r.largeCommunities ?? []) st.push(`bgp_large_community.add(${pair(c)});`);
  for (const c of r.routeTargets ?? []) st.push(`bgp_ext_community.add(${pair(`rt:${c}`)});`);
  return st.join(' ');
}

function hex32(n: number): string {
  return `0x${(n >>> 0).toString(16)}`;
}

/** RFC 8955 §7 traffic-filtering actions as BIRD generic extended communities. */
function actionCommunity(a: FlowAction): string {
  switch (a.kind) {
    case 'discard':
      return '(generic, 0x80060000, 0x0)';
    case 'rate-limit': {
      const b = Buffer.alloc(4);
      b.writeFloatBE(a.bytesPerSecond);
      return `(generic, 0x80060000, ${hex32(b.readUInt32BE(0))})`;
    }
    case 'redirect': {
      const [asn, value] = a.target.split(':').map(Number);
      return `(generic, ${hex32(0x80080000 | (asn! & 0xffff))}, ${hex32(value!)})`;
    }
    case 'mark':
      return `(generic, 0x80090000, ${hex32(a.dscp)})`;
  }
}

function flowRoute(f: FlowExport): string {
  const parts: string[] = [];
  if (f.destination !== undefined) parts.push(`dst ${f.destination};`);
  if (f.source !== undefined) parts.push(`src ${f.source};`);
  const proto = f.afi === 4 ? 'proto' : 'next header';
  if (f.protocol?.length) parts.push(`${proto} ${f.protocol.join(', ')};`);
  if (f.destinationPort?.length) parts.push(`dport ${f.destinationPort.join(', ')};`);
  if (f.sourcePort?.length) parts.push(`sport ${f.sourcePort.join(', ')};`);
  const ec = `bgp_ext_community.add(${actionCommunity(f.action)});`;
  return `  route flow${f.afi} { ${parts.join(' ')} } { ${ec} };`;
}

function staticProtocols(spec: PeerSpec): string[] {
  const out: string[] = [];
  const v4 = (spec.exports ?? []).filter((r) => !isV6(r.prefix));
  const v6 = (spec.exports ?? []).filter((r) => isV6(r.prefix));
  for (const [name, channel, routes] of [
    ['export4', 'ipv4', v4],
    ['export6', 'ipv6', v6],
  ] as const) {
    if (routes.length === 0) continue;
    out.push(`protocol static ${name} {`, `  ${channel};`);
    for (const r of routes) out.push(`  route ${r.prefix} blackhole { ${routeStatements(r)} };`);
    out.push('}');
  }
  for (const afi of [4, 6] as const) {
    const flows = (spec.flowExports ?? []).filter((f) => f.afi === afi);
    if (flows.length === 0) continue;
    out.push(`protocol static flowexport${afi} {`, `  flow${afi} { table flowtab${afi}; };`);
    for (const f of flows) out.push(flowRoute(f));
    out.push('}');
  }
  return out;
}

export function birdConfig(spec: PeerSpec, logFile: string): string {
  return [
    `log "${logFile}" all;`,
    `router id ${spec.routerId};`,
    'protocol device { scan time 60; }',
    'flow4 table flowtab4;',
    'flow6 table flowtab6;',
    'vpn4 table vpntab4;',
    'vpn6 table vpntab6;',
    'ipv4 table lab4;',
    'ipv6 table lab6;',
    ...staticProtocols(spec),
    ...spec.neighbors.map((n, i) => neighborBlock(spec, n, i)),
    '',
  ].join('\n');
}
