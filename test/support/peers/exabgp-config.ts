/**
 * ExaBGP 4.2 configuration for one harness instance: static routes and FlowSpec rules as the
 * exports, and a receiver helper (a tiny Python script) that appends every JSON event ExaBGP
 * writes to it to a file the harness reads back.
 */
import { isV6 } from './common.js';
import type { Family, FlowExport, NeighborSpec, PeerSpec, RouteExport } from './types.js';

/** ExaBGP's family words per family. */
export const EXABGP_FAMILIES: Readonly<Record<Family, string>> = {
  'ipv4-unicast': 'ipv4 unicast',
  'ipv6-unicast': 'ipv6 unicast',
  'ipv4-flowspec': 'ipv4 flow',
  'ipv6-flowspec': 'ipv6 flow',
  'ipv4-vpn': 'ipv4 mpls-vpn',
  'ipv6-vpn': 'ipv6 mpls-vpn',
  'ipv4-labeled': 'ipv4 nlri-mpls',
  'ipv6-labeled': 'ipv6 nlri-mpls',
};

/**
 * The API helper. Its main loop copies stdin (ExaBGP's JSON events and 'done' acks, one per
 * line) to the events file, line-buffered; it must keep reading, as ExaBGP blocks when that
 * pipe fills. A daemon thread polls the commands file every 50 ms and writes each complete
 * new line to stdout, which ExaBGP executes as an API command. Both end when ExaBGP closes
 * the pipe.
 */
export const HELPER_PY = `import sys, threading, time
events, commands = sys.argv[1], sys.argv[2]
def feed():
    pos = 0
    while True:
        with open(commands, 'rb') as f:
            f.seek(pos)
            data = f.read()
        end = data.rfind(b'\\n') + 1
        if end:
            pos += end
            sys.stdout.write(data[:end].decode())
            sys.stdout.flush()
        time.sleep(0.05)
threading.Thread(target=feed, daemon=True).start()
with open(events, 'a', buffering=1) as out:
    for line in sys.stdin:
        out.write(line)
`;

function routeLine(r: RouteExport): string {
  const parts = [`route ${r.prefix} next-hop ${r.nextHop} origin igp`];
  if (r.rd !== undefined) parts.push(`rd ${r.rd}`);
  if (r.labels?.length)
    parts.push(r.labels.length === 1 ? `label ${r.labels[0]}` : `label [ ${r.labels.join(' ')} ]`);
  if (r.asPath?.length) parts.push(`as-path [ ${r.asPath.join(' ')} ]`);
  if (r.med !== undefined) parts.push(`med ${r.med}`);
  if (r.localPref !== undefined) parts.push(`local-preference ${r.localPref}`);
  if (r.communities?.length) parts.push(`community [ ${r.communities.join(' ')} ]`);
  if (r.largeCommunities?.length) parts.push(`large-community [ ${r.largeCommunities.join(' ')} ]`);
  if (r.routeTargets?.length)
    parts.push(`extended-community [ ${r.routeTargets.map((t) => `target:${t}`).join(' ')} ]`);
  return `        ${parts.join(' ')};`;
}

function flowPrefix(prefix: string): string {
  // ExaBGP writes IPv6 FlowSpec prefixes with their offset (RFC 8956 §3.1).
  return isV6(prefix) && prefix.split('/').length === 2 ? `${prefix}/0` : prefix;
}

function flowRoute(f: FlowExport, index: number): string[] {
  const match: string[] = [];
  if (f.destination !== undefined) match.push(`destination ${flowPrefix(f.destination)};`);
  if (f.source !== undefined) match.push(`source ${flowPrefix(f.source)};`);
  const proto = f.afi === 4 ? 'protocol' : 'next-header';
  if (f.protocol?.length) match.push(`${proto} [ ${f.protocol.map((p) => `=${p}`).join(' ')} ];`);
  if (f.destinationPort?.length)
    match.push(`destination-port [ ${f.destinationPort.map((p) => `=${p}`).join(' ')} ];`);
  if (f.sourcePort?.length) match.push(`source-port [ ${f.sourcePort.map((p) => `=${p}`).join(' ')} ];`);
  const a = f.action;
  const then =
    a.kind === 'discard'
      ? 'discard;'
      : a.kind === 'rate-limit'
        ? `rate-limit ${a.bytesPerSecond};`
        : a.kind === 'redirect'
          ? `redirect ${a.target};`
          : `mark ${a.dscp};`;
  return [
    `        route flow${index} {`,
    `            match { ${match.join(' ')} }`,
    `            then { ${then} }`,
    '        }',
  ];
}

/** The family an export belongs to: VPN with an RD, labeled with labels only, else unicast. */
export function exportFamily(r: RouteExport): Family {
  const v = isV6(r.prefix) ? 'ipv6' : 'ipv4';
  return r.rd !== undefined ? `${v}-vpn` : r.labels?.length ? `${v}-labeled` : `${v}-unicast`;
}

function neighborBlock(spec: PeerSpec, n: NeighborSpec): string[] {
  const lines = [
    `neighbor ${n.address} {`,
    `    router-id ${spec.routerId};`,
    `    local-address ${spec.localAddress};`,
    `    local-as ${spec.localAs};`,
    `    peer-as ${n.as};`,
    n.port === undefined ? `    passive true; listen ${spec.localPort};` : `    connect ${n.port};`,
  ];
  if (spec.holdTime !== undefined) lines.push(`    hold-time ${spec.holdTime};`);
  if (n.md5Password !== undefined) lines.push(`    md5-password "${n.md5Password}";`);
  if (spec.gracefulRestart) lines.push('    capability { graceful-restart 120; }');
  lines.push(`    family { ${n.families.map((f) => `${EXABGP_FAMILIES[f]};`).join(' ')} }`);
  lines.push('    api { processes [ receiver ]; neighbor-changes; receive { parsed; update; } }');
  const routes = (spec.exports ?? []).filter((r) => n.families.includes(exportFamily(r)));
  if (routes.length > 0) lines.push('    static {', ...routes.map(routeLine), '    }');
  const flows = (spec.flowExports ?? []).filter((f) => n.families.includes(`ipv${f.afi}-flowspec`));
  if (flows.length > 0) lines.push('    flow {', ...flows.flatMap(flowRoute), '    }');
  lines.push('}');
  return lines;
}

export function exabgpConfig(
  spec: PeerSpec,
  helperPy: string,
  eventsFile: string,
  commandsFile: string,
): string {
  return [
    'process receiver {',
    `    run /usr/bin/env python3 ${helperPy} ${eventsFile} ${commandsFile};`,
    '    encoder json;',
    '}',
    ...spec.neighbors.flatMap((n) => neighborBlock(spec, n)),
    '',
  ].join('\n');
}

/**
 * The environment that lets Debian's ExaBGP run unprivileged-style from a work dir: no user
 * switch, no named pipes in /run/exabgp, no global listener on :179, logs to stdout.
 */
export const EXABGP_ENV: NodeJS.ProcessEnv = {
  exabgp_daemon_user: 'root',
  exabgp_daemon_drop: 'false',
  exabgp_daemon_daemonize: 'false',
  exabgp_api_cli: 'false',
  exabgp_tcp_bind: '',
  exabgp_log_destination: 'stdout',
  exabgp_log_level: 'INFO',
};
