/**
 * `npm run bench -- sessions [N]`: 1,000 BGP sessions with a 9 s hold time on one bgpknife
 * (127.1.x.y against a second bgpknife, passive, on 127.2.0.1) stay up while the same bgpknife
 * takes N routes from a helper, one `announce route` per line, and sends them to BIRD. Counts
 * hold-timer expiries on both bgpknife processes (logged `down: hold-timer-expired`, or a
 * NOTIFICATION 4/0 received) — the figure must be 0 — and the sessions up at the end.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../../test/support/corpus.js';
import {
  freePort,
  loopbackAddress,
  makeWorkDir,
  removeWorkDir,
  sleep,
  startDaemon,
} from '../../test/support/peers/common.js';
import { protocolState, RECEIVER_AS, SENDER_AS, startReceiver } from './bird.js';
import { procStats } from './stats.js';

const SESSIONS = 1000;
const HOLD_SECONDS = 9;
const HUB = '127.2.0.1';
const UP_TIMEOUT_MS = 120_000;
const LOAD_TIMEOUT_MS = 180_000;
/** Kept running after the load, so a late expiry would still show. */
const AFTER_MS = 3 * HOLD_SECONDS * 1000;
const BGPKNIFE = join(REPO_ROOT, 'bin', 'bgpknife.js');
const HELPER = join(REPO_ROOT, 'dist', 'bench', 'load', 'helper.js');

function address(i: number): string {
  return `127.1.${1 + Math.floor(i / 250)}.${(i % 250) + 1}`;
}

function sideA(port: number, bird: string, birdPort: number, local: string, n: number, mark: string): string {
  const lines = [`process feed { run ${process.execPath} ${HELPER} lines ${n} 0 1 ${mark}; encoder json; }`];
  for (let i = 0; i < SESSIONS; i++) {
    lines.push(
      `neighbor ${HUB} { router-id ${address(i)}; local-address ${address(i)}; local-as ${SENDER_AS}; peer-as ${RECEIVER_AS}; connect ${port}; hold-time ${HOLD_SECONDS}; family { ipv4 unicast; } }`,
    );
  }
  lines.push(
    `neighbor ${bird} { router-id ${local}; local-address ${local}; local-as ${SENDER_AS}; peer-as ${RECEIVER_AS}; connect ${birdPort}; family { ipv4 unicast; } api { processes [ feed ]; neighbor-changes; } }`,
  );
  return `${lines.join('\n')}\n`;
}

function sideB(): string {
  const lines: string[] = [];
  for (let i = 0; i < SESSIONS; i++) {
    lines.push(
      `neighbor ${address(i)} { router-id ${HUB}; local-address ${HUB}; local-as ${RECEIVER_AS}; peer-as ${SENDER_AS}; passive true; hold-time ${HOLD_SECONDS}; family { ipv4 unicast; } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function count(file: string, pattern: RegExp): number {
  try {
    return readFileSync(file, 'utf8').match(pattern)?.length ?? 0;
  } catch {
    return 0;
  }
}

const EXPIRED = /hold-timer-expired|NOTIFICATION 4\//g;
const UP = / up routes=/g;

export async function runSessions(n: number): Promise<void> {
  const dir = makeWorkDir('bench-sessions');
  const port = await freePort(HUB);
  const bird = loopbackAddress();
  const local = loopbackAddress();
  const birdPort = await freePort(bird);
  const rx = startReceiver(bird, birdPort, [local]);
  const logA = join(dir, 'a.log');
  const logB = join(dir, 'b.log');
  writeFileSync(join(dir, 'a.conf'), sideA(port, bird, birdPort, local, n, join(dir, 'mark')));
  writeFileSync(join(dir, 'b.conf'), sideB());
  const common = { exabgp_api_cli: 'false', exabgp_log_level: 'INFO' };
  const b = startDaemon(process.execPath, [BGPKNIFE, 'run', join(dir, 'b.conf')], logB, {
    ...common,
    exabgp_tcp_bind: HUB,
    exabgp_tcp_port: String(port),
  });
  await sleep(2000);
  const a = startDaemon(process.execPath, [BGPKNIFE, 'run', join(dir, 'a.conf')], logA, {
    ...common,
    exabgp_tcp_bind: '',
  });
  const report: string[] = [];
  try {
    const upDeadline = Date.now() + UP_TIMEOUT_MS;
    while (Date.now() < upDeadline && count(logB, UP) < SESSIONS) await sleep(500);
    report.push(`sessions up at bgpknife B: ${count(logB, UP)} of ${SESSIONS}`);
    const started = Date.now();
    let imported = 0;
    while (Date.now() - started < LOAD_TIMEOUT_MS && imported < n) {
      await sleep(250);
      imported = (await protocolState(rx, 's1')).imported;
    }
    const first = Number(readFileSync(join(dir, 'mark'), 'utf8').split(' ')[0]);
    report.push(
      `routes at BIRD: ${imported} of ${n}, ${((Date.now() - first) / 1000).toFixed(1)} s after the helper's first command (polled every 250 ms)`,
    );
    await sleep(AFTER_MS);
    const s = procStats(a.pid);
    report.push(
      `bgpknife A: peak RSS ${(s.peakRssBytes / 2 ** 20).toFixed(0)} MB, CPU ${s.cpuSeconds.toFixed(1)} s`,
    );
    report.push(
      `hold-timer expiries: A ${count(logA, EXPIRED)}, B ${count(logB, EXPIRED)} (hold time ${HOLD_SECONDS} s, watched ${AFTER_MS / 1000} s past the load)`,
    );
    report.push(`sessions up at bgpknife B at the end: ${count(logB, UP) - count(logB, / down: /g)}`);
  } finally {
    await a.stop();
    await b.stop();
    await rx.daemon.stop();
  }
  removeWorkDir(dir);
  removeWorkDir(rx.workDir);
  process.stdout.write(
    `sessions benchmark (load average ${loadavg()[0]!.toFixed(2)})\n${report.join('\n')}\n`,
  );
}
