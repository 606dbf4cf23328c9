/**
 * BIRD 2 in the load benchmark: the receiver every sender talks to (one passive `protocol bgp`
 * per sender address, routes imported into master4/master6 and exported nowhere), and BIRD as
 * a sender (a static protocol with the N routes, exported over BGP). Counts come from
 * `show protocols all NAME` ("Routes: N imported"); Established time from the protocol's
 * "since" column, printed with milliseconds (`timeformat protocol iso long ms`).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Daemon, makeWorkDir, runCli, startDaemon } from '../../test/support/peers/common.js';
import { prefix, type RouteSet, setOf } from './routes.js';

export const RECEIVER_AS = 65001;
export const SENDER_AS = 65000;

export interface Bird {
  readonly daemon: Daemon;
  readonly workDir: string;
  readonly ctl: string;
}

const HEADER = [
  'log stderr all;',
  'timeformat protocol iso long ms;',
  'protocol device { }',
  'ipv4 table master4;',
  'ipv6 table master6;',
];

function channels(exportAll: boolean): string[] {
  const ex = exportAll ? 'export all;' : 'export none;';
  // Over an IPv4 session BIRD has no IPv6 address of its own to put in MP_REACH_NLRI.
  return [
    `  ipv4 { import all; ${ex} next hop self; };`,
    `  ipv6 { import all; ${ex} next hop address 2001:db8:ffff::1; };`,
  ];
}

/** A receiver's passive protocol (peerPort undefined) or a sender's active one. */
function bgpProtocol(
  name: string,
  local: string,
  port: number | undefined,
  peer: string,
  peerPort?: number,
): string[] {
  const sending = peerPort !== undefined;
  return [
    `protocol bgp ${name} {`,
    `  local ${local}${port === undefined ? '' : ` port ${port}`} as ${sending ? SENDER_AS : RECEIVER_AS};`,
    sending
      ? `  neighbor ${peer} port ${peerPort} as ${RECEIVER_AS};`
      : `  neighbor ${peer} as ${SENDER_AS};`,
    sending ? '  passive off;' : '  passive on;',
    '  strict bind on; multihop; connect delay time 1; connect retry time 1; error wait time 1, 5;',
    ...channels(sending),
    '}',
  ];
}

function start(workDir: string, lines: readonly string[]): Bird {
  const conf = join(workDir, 'bird.conf');
  const ctl = join(workDir, 'bird.ctl');
  writeFileSync(conf, `${lines.join('\n')}\n`);
  const daemon = startDaemon(
    'bird',
    ['-f', '-c', conf, '-s', ctl, '-P', join(workDir, 'bird.pid')],
    join(workDir, 'bird.log'),
  );
  return { daemon, workDir, ctl };
}

/** A passive receiver at `address:port`, with protocol `s1`, `s2`, ... per sender address. */
export function startReceiver(address: string, port: number, senders: readonly string[]): Bird {
  const workDir = makeWorkDir('bench-bird-rx');
  const protocols = senders.flatMap((s, i) => bgpProtocol(`s${i + 1}`, address, port, s, undefined));
  return start(workDir, [`router id 10.255.0.1;`, ...HEADER, ...protocols]);
}

/** BIRD as a sender: a static protocol with the routes, connecting to the receiver. */
export function startBirdSender(local: string, receiver: string, receiverPort: number, r: RouteSet): Bird {
  const workDir = makeWorkDir('bench-bird-tx');
  const table = r.v6 ? 'ipv6' : 'ipv4';
  const routes: string[] = [];
  for (let i = 0; i < r.n; i++) {
    const med = r.sets === 1 ? '' : ` bgp_med = ${setOf(i, r) + 1};`;
    routes.push(`  route ${prefix(i, r.v6)} blackhole { bgp_origin = ORIGIN_IGP;${med} };`);
  }
  const head = ['router id 10.255.0.2;', ...HEADER, `protocol static st { ${table} { import all; };`];
  const tail = ['}', ...bgpProtocol('sender', local, undefined, receiver, receiverPort)];
  return start(workDir, head.concat(routes, tail));
}

export interface ProtocolState {
  readonly established: boolean;
  /** Wall-clock ms of the last state change (BIRD's "since"). */
  readonly sinceMs: number;
  readonly imported: number;
}

/** One `show protocols all NAME` through birdc. */
export async function protocolState(b: Bird, name: string): Promise<ProtocolState> {
  const r = await runCli('birdc', ['-s', b.ctl, 'show', 'protocols', 'all', name], 10_000);
  const line = r.stdout.split('\n').find((l) => l.startsWith(`${name} `)) ?? '';
  const since = /(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)/.exec(line);
  const imported = [...r.stdout.matchAll(/Routes:\s+(\d+) imported/g)].reduce((a, m) => a + Number(m[1]), 0);
  return {
    established: /Established/.test(line),
    sinceMs: since ? Date.parse(`${since[1]!.replace(' ', 'T')}Z`) : Number.NaN,
    imported,
  };
}
