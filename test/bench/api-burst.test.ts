/**
 * Regression guard for the load benchmark (bench/load, BENCHMARKS.md); it times nothing.
 * A helper writes 100,000 `announce route` commands, one per line, as fast as the pipe takes
 * them (bench/load/helper.ts) to one `bgpknife run`; that bgpknife sends them over TCP on
 * loopback to a second, passive `bgpknife run`, whose helper (bench/load/counter.ts) counts the
 * prefixes in its JSON update events. Every route must arrive, none twice, within a generous
 * bound (a failure here is lost or stuck routes, not slowness).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/corpus.js';
import {
  freePort,
  loopbackAddress,
  makeWorkDir,
  removeWorkDir,
  sleep,
  startDaemon,
} from '../support/peers/common.js';

const ROUTES = 100_000;
/** Far above the ~1 s this takes: only lost or stuck routes fail the test. */
const TIMEOUT_MS = 90_000;
const BIN = join(REPO_ROOT, 'bin', 'bgpknife.js');
const HELPER = join(REPO_ROOT, 'dist', 'bench', 'load', 'helper.js');
const COUNTER = join(REPO_ROOT, 'dist', 'bench', 'load', 'counter.js');
const ENV = { exabgp_api_cli: 'false', exabgp_log_level: 'INFO' };

function neighbor(peer: string, local: string, as: [number, number], extra: string): string {
  return `neighbor ${peer} { router-id ${local}; local-address ${local}; local-as ${as[0]}; peer-as ${as[1]}; family { ipv4 unicast; } ${extra} }\n`;
}

describe('API burst end to end', () => {
  it(`delivers all ${ROUTES} routes of a per-line burst as JSON events, none lost or doubled`, {
    timeout: TIMEOUT_MS + 15_000,
  }, async () => {
    const dir = makeWorkDir('api-burst');
    const sender = loopbackAddress();
    const collector = loopbackAddress();
    const port = await freePort(collector);
    const count = join(dir, 'count');
    writeFileSync(
      join(dir, 'collector.conf'),
      `process count { run ${process.execPath} ${COUNTER} ${ROUTES} ${count}; encoder json; }\n${neighbor(
        sender,
        collector,
        [65001, 65000],
        'passive true; api { processes [ count ]; neighbor-changes; receive { parsed; update; } }',
      )}`,
    );
    writeFileSync(
      join(dir, 'sender.conf'),
      `process feed { run ${process.execPath} ${HELPER} lines ${ROUTES} 0 1 ${join(dir, 'mark')}; encoder json; }\n${neighbor(
        collector,
        sender,
        [65000, 65001],
        `connect ${port}; api { processes [ feed ]; neighbor-changes; }`,
      )}`,
    );
    const rx = startDaemon(
      process.execPath,
      [BIN, 'run', join(dir, 'collector.conf')],
      join(dir, 'collector.log'),
      {
        ...ENV,
        exabgp_tcp_bind: collector,
        exabgp_tcp_port: String(port),
      },
    );
    await sleep(500);
    const tx = startDaemon(
      process.execPath,
      [BIN, 'run', join(dir, 'sender.conf')],
      join(dir, 'sender.log'),
      {
        ...ENV,
        exabgp_tcp_bind: '',
      },
    );
    let counted = 0;
    try {
      for (const deadline = Date.now() + TIMEOUT_MS; Date.now() < deadline && counted < ROUTES; ) {
        await sleep(200);
        try {
          counted = Number(readFileSync(count, 'utf8').split(' ')[1] ?? 0);
        } catch {}
      }
      await sleep(500); // a duplicate would arrive after the last route
      counted = Number(readFileSync(count, 'utf8').split(' ')[1] ?? 0);
      assert.equal(
        counted,
        ROUTES,
        `prefixes in JSON events\n${readFileSync(join(dir, 'sender.log'), 'utf8').slice(-2000)}`,
      );
    } finally {
      await tx.stop();
      await rx.stop();
      removeWorkDir(dir);
    }
  });
});
