/**
 * Issue #5: a helper that never reads its stdin while 1,000,000 routes are announced. The
 * daemon keeps the session up, every route reaches a BIRD receiver, and bgpknife's memory
 * stays bounded (the helper's queue is capped by bgpknife.api.queue-max; what does not fit
 * is dropped and counted, and logged).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { rewriteConfig, startDaemon } from '../support/daemon.js';
import { freePort, loopbackAddress, requirePeer, startPeer, waitFor } from '../support/peers/index.js';

const ROUTES = 1_000_000;
/** The helper's queue bound for this test (bytes); the default is 16 MiB. */
const QUEUE_MAX = 4 * 1024 * 1024;
/** bgpknife's peak resident memory may not exceed this (routes + the bounded queue + Node). */
const PEAK_RSS_BYTES = 900 * 1024 * 1024;

function config(): string {
  const routes: string[] = [];
  for (let i = 0; i < ROUTES; i++)
    routes.push(`    route 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 next-hop 192.0.2.1;`);
  return `process stuck {
  run ${process.execPath} -e "setInterval(() => {}, 1 << 30)";
  encoder json;
}
neighbor 192.0.2.254 {
  router-id 192.0.2.1;
  local-address 192.0.2.1;
  local-as 65001;
  peer-as 65000;
  hold-time 9;
  family { ipv4 unicast; }
  api {
    processes [ stuck ];
    neighbor-changes;
    send { parsed; update; }
  }
  static {
${routes.join('\n')}
  }
}
`;
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmHWM:\s+(\d+) kB/.exec(status);
  return kb ? Number(kb[1]) * 1024 : 0;
}

describe('a helper that never reads stdin (issue #5)', () => {
  it('1,000,000 routes all reach BIRD, the session stays up, memory stays bounded', {
    timeout: 240_000,
  }, async (t) => {
    if (!requirePeer('bird', t)) return;
    const me = loopbackAddress();
    const address = loopbackAddress();
    const port = await freePort(address);
    const bird = await startPeer({
      kind: 'bird',
      localAddress: address,
      localPort: port,
      localAs: 65000,
      routerId: address,
      holdTime: 9,
      neighbors: [{ address: me, as: 65001, families: ['ipv4-unicast'] }],
    });
    const daemon = startDaemon(rewriteConfig(config(), { '192.0.2.254': address, '192.0.2.1': me }, port), {
      bgpknife_api_queue_max: String(QUEUE_MAX),
      exabgp_log_level: 'INFO',
    });
    try {
      let peak = 0;
      await waitFor(
        'all routes at BIRD',
        async () => {
          peak = Math.max(peak, peakRss(daemon.pid));
          return (await bird.routeCount('ipv4-unicast')) >= ROUTES ? true : undefined;
        },
        { timeoutMs: 180_000, intervalMs: 2000 },
      );
      peak = Math.max(peak, peakRss(daemon.pid));
      assert.equal(await bird.sessionState(), 'established', 'the session stayed up');
      assert.ok(peak <= PEAK_RSS_BYTES, `bgpknife peak RSS ${Math.round(peak / 2 ** 20)} MiB`);
      assert.doesNotMatch(daemon.log(400), /hold-timer-expired|hold timer/i);
      // The overflow policy applied: the helper's lines were dropped (and logged), not queued.
      assert.match(daemon.log(400), /helper is not reading: queue full \(\d+ bytes\), dropping lines/);
      process.stdout.write(
        `# stuck helper: ${ROUTES} routes at BIRD, bgpknife peak RSS ${Math.round(peak / 2 ** 20)} MiB\n`,
      );
    } finally {
      await daemon.stop();
      await bird.stop();
    }
  });
});
