/**
 * Reload by difference at scale: `bgpknife run` with a configuration of many static routes
 * sends them all to a scripted peer; the file is rewritten with 10 routes changed (5 new
 * next-hops, 3 removed, 2 added) and SIGHUP reloads it. The peer counts IPv4 NLRI on the
 * wire: exactly 7 more announced and 3 withdrawn, nothing else.
 * 1,000,000 routes take about 17 s here (load 3 s, send 2 s, reload 7 s), under the 60 s
 * that would move it out of npm test, so npm test and `npm run soak` both run the full size.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { startDaemon } from '../support/daemon.js';
import { freePort } from '../support/peers/index.js';
import { ScriptedPeer } from '../support/scripted-peer.js';

/** BGPKNIFE_RELOAD_ROUTES overrides it (e.g. a slow machine). */
const ROUTES = Number(process.env.BGPKNIFE_RELOAD_ROUTES ?? 1_000_000);
const QUIET_MS = 1500;

function prefix(i: number): string {
  return `${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0/24`;
}

/** The configuration: routes 0..ROUTES-1, with `change` applied to each line. */
function config(
  port: number,
  change: (i: number) => string | undefined,
  extra: readonly string[] = [],
): string {
  const lines: string[] = [];
  for (let i = 0; i < ROUTES; i++) {
    const line = change(i);
    if (line !== undefined) lines.push(line);
  }
  return `neighbor 127.0.0.1 {
  router-id 10.0.0.1; local-address 127.0.0.1; local-as 65000; peer-as 65001;
  passive true; listen ${port}; hold-time 180;
  family { ipv4 unicast; }
  static {
${[...lines, ...extra].join('\n')}
  }
}
`;
}

const route = (i: number, hop = '192.0.2.1') => `    route ${prefix(i)} next-hop ${hop};`;

async function until(pred: () => boolean, ms: number, what: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('soak: reload by difference', () => {
  it(`${ROUTES.toLocaleString('en')} routes, a reload that changes 10 sends exactly 10 changes`, {
    timeout: 900_000,
  }, async (t) => {
    const port = await freePort('127.0.0.1');
    const d = startDaemon(
      config(port, (i) => route(i)),
      { exabgp_log_level: 'INFO' },
    );
    let p: ScriptedPeer | undefined;
    try {
      const t0 = Date.now();
      await until(
        () => /listening on/.test(d.log()),
        300_000,
        () => d.log(),
      );
      const loaded = Date.now();
      p = await ScriptedPeer.established(port, 65001, '10.0.0.2', false);
      const peer = p;
      await until(
        () => peer.endOfRib > 0,
        600_000,
        () => `${peer.announced} announced\n${d.log()}`,
      );
      const sent = Date.now();
      assert.equal(peer.announced, ROUTES);
      assert.equal(peer.withdrawn, 0);
      const next = config(port, (i) => (i < 5 ? route(i, '192.0.2.2') : i < 8 ? undefined : route(i)), [
        route(ROUTES),
        route(ROUTES + 1),
      ]);
      writeFileSync(d.configFile, next);
      const reloadAt = Date.now();
      d.signal('SIGHUP');
      await until(
        () => peer.announced >= ROUTES + 7 && peer.withdrawn >= 3,
        600_000,
        () => `${peer.announced} announced, ${peer.withdrawn} withdrawn\n${d.log()}`,
      );
      const applied = Date.now();
      await new Promise((r) => setTimeout(r, QUIET_MS));
      assert.equal(peer.announced - ROUTES, 7, 'announced after the reload');
      assert.equal(peer.withdrawn, 3, 'withdrawn after the reload');
      assert.equal(peer.notification(), undefined);
      t.diagnostic(
        `load ${((loaded - t0) / 1000).toFixed(1)} s, send ${((sent - loaded) / 1000).toFixed(1)} s, reload ${((applied - reloadAt) / 1000).toFixed(1)} s`,
      );
    } finally {
      p?.close();
      await d.stop();
    }
  });
});
