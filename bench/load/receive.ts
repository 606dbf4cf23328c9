/**
 * `npm run bench -- receive [N]`: the receive path. A sender (BIRD's static protocol, then the
 * pre-encoded stream) announces N IPv4 /32s to bgpknife on loopback; bgpknife turns every
 * UPDATE into an ExaBGP JSON event for a helper (counter.ts) that counts the prefixes. Time runs
 * from the helper's "up" event to the N-th prefix; a row shows what arrived if it is not all.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/corpus.js';
import {
  type Daemon,
  freePort,
  loopbackAddress,
  makeWorkDir,
  removeWorkDir,
  sleep,
  startDaemon,
  tailFile,
} from '../../test/support/peers/common.js';
import { RECEIVER_AS, SENDER_AS, startBirdSender } from './bird.js';
import type { RouteSet } from './routes.js';
import { printTable, type Row } from './scenario.js';
import { type ProcStats, procStats } from './stats.js';

const ROW_TIMEOUT_MS = 60_000;
const COUNTER = join(REPO_ROOT, 'dist', 'bench', 'load', 'counter.js');
const RAW_SENDER = join(REPO_ROOT, 'dist', 'bench', 'load', 'raw-sender.js');
const BGPKNIFE = join(REPO_ROOT, 'bin', 'bgpknife.js');

function knifeConfig(knife: string, sender: string, n: number, out: string): string {
  return [
    `process count { run ${process.execPath} ${COUNTER} ${n} ${out}; encoder json; }`,
    `neighbor ${sender} {`,
    `  router-id ${knife}; local-address ${knife}; local-as ${RECEIVER_AS}; peer-as ${SENDER_AS};`,
    '  passive true; family { ipv4 unicast; }',
    '  api { processes [ count ]; neighbor-changes; receive { parsed; update; } }',
    '}',
    '',
  ].join('\n');
}

type SenderKind = 'bird' | 'raw';

function startSender(
  kind: SenderKind,
  local: string,
  knife: string,
  port: number,
  r: RouteSet,
): { daemon: Daemon; workDir: string } {
  if (kind === 'bird') return startBirdSender(local, knife, port, r);
  const workDir = makeWorkDir('bench-raw');
  const args = [RAW_SENDER, local, knife, port, r.n, 0, 1].map(String);
  return { daemon: startDaemon(process.execPath, args, join(workDir, 'log')), workDir };
}

function progress(file: string): { up: number; count: number; done: number } {
  try {
    const [up = 0, count = 0, done = 0] = readFileSync(file, 'utf8').split(' ').map(Number);
    return { up, count, done };
  } catch {
    return { up: 0, count: 0, done: 0 };
  }
}

async function measure(kind: SenderKind, n: number): Promise<Row> {
  const knifeAddr = loopbackAddress();
  const local = loopbackAddress();
  const port = await freePort(knifeAddr);
  const workDir = makeWorkDir('bench-receive');
  const out = join(workDir, 'count');
  const conf = join(workDir, 'bgpknife.conf');
  writeFileSync(conf, knifeConfig(knifeAddr, local, n, out));
  const env = {
    exabgp_tcp_bind: knifeAddr,
    exabgp_tcp_port: String(port),
    exabgp_api_cli: 'false',
    exabgp_log_level: 'INFO',
  };
  const knife = startDaemon(process.execPath, [BGPKNIFE, 'run', conf], join(workDir, 'log'), env);
  await sleep(1000); // bgpknife listens
  const sender = startSender(kind, local, knifeAddr, port, { n, v6: false, sets: 1 });
  let stats: ProcStats = procStats(knife.pid);
  let p = progress(out);
  try {
    for (const deadline = Date.now() + ROW_TIMEOUT_MS; Date.now() < deadline && !p.done; ) {
      await sleep(100);
      p = progress(out);
      stats = procStats(knife.pid);
    }
  } finally {
    await sender.daemon.stop();
    await knife.stop();
  }
  if (!p.done)
    process.stderr.write(
      `${kind}: ${p.count} of ${n}; bgpknife log:\n${tailFile(join(workDir, 'log'), 8)}\n`,
    );
  removeWorkDir(sender.workDir);
  removeWorkDir(workDir);
  const name = kind === 'bird' ? 'from bird 2 static' : 'from pre-encoded stream';
  return {
    name: `bgpknife ${name}`,
    n,
    received: p.count,
    seconds: p.done ? (p.done - p.up) / 1000 : Number.NaN,
    stats,
    from: 'Established',
  };
}

export async function runReceive(n: number): Promise<void> {
  const rows = [await measure('bird', n), await measure('raw', n)];
  printTable(
    `receive benchmark: ${n} IPv4 /32s into bgpknife -> JSON events -> counting helper (load average ${loadavg()[0]!.toFixed(2)})`,
    rows,
  );
}
