/**
 * Soak: a peer flaps its session again and again against bgpknife's Peer over loopback TCP
 * (connect, OPEN, the routes and End-of-RIB, then a close or a NOTIFICATION). Each session
 * must get every route, and the process's memory must stay flat: RSS after the run within
 * 10 % of RSS after warm-up (both measured after a full garbage collection).
 * npm test runs SOAK_FLAPS_QUICK flaps; `npm run soak` (BGPKNIFE_SOAK=full) runs 1,000.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neighborOf, neighborText, startKnifePeer } from '../support/knife-peer.js';
import { rssAfterGc } from '../support/memory.js';
import { bgpMessage, ScriptedPeer } from '../support/scripted-peer.js';

const FULL = process.env.BGPKNIFE_SOAK === 'full';
const SOAK_FLAPS_QUICK = 200;
/** Flaps measured after the warm-up. */
const FLAPS = Number(process.env.SOAK_FLAPS ?? (FULL ? 1000 : SOAK_FLAPS_QUICK));
/**
 * Flaps before the first measurement. RSS rises once by about 9 MiB some 800 flaps into a
 * run while the JavaScript heap stays flat (V8 tiering up and its code space), then holds
 * for thousands more; the full soak warms up past that point.
 */
const WARM_UP = FULL ? 1000 : 50;
const ROUTES = 100;
/** RSS may move this much between warm-up and the end. */
const RSS_TOLERANCE = 0.1;

const routes = Array.from(
  { length: ROUTES },
  (_, i) => `route 10.${i >> 8}.${i & 255}.0/24 next-hop 192.0.2.1;`,
).join(' ');

async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

describe('soak: session flaps', () => {
  it(`${FLAPS} flaps: every session gets its routes, RSS flat within ${RSS_TOLERANCE * 100} %`, {
    timeout: 600_000,
  }, async (t) => {
    const k = await startKnifePeer(neighborOf(neighborText(65001, `static { ${routes} }`)));
    let warm = 0;
    let heapWarm = 0;
    try {
      for (let i = 0; i < WARM_UP + FLAPS; i++) {
        const p = await ScriptedPeer.established(k.port, 65001, '10.0.0.2', false);
        await until(() => p.endOfRib > 0, 5000, `End-of-RIB in flap ${i}`);
        assert.equal(p.announced, ROUTES);
        // Half the flaps end with a Cease NOTIFICATION, half with a bare close.
        if (i % 2) p.send(bgpMessage(3, Buffer.from([6, 3])));
        p.close();
        await until(() => k.peer.session.stateName !== 'established', 5000, `session down in flap ${i}`);
        if (i + 1 === WARM_UP) {
          warm = rssAfterGc();
          heapWarm = process.memoryUsage().heapUsed;
        }
      }
      const end = rssAfterGc();
      const growth = (end - warm) / warm;
      const heapEnd = process.memoryUsage().heapUsed;
      const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
      t.diagnostic(
        `after ${WARM_UP} warm-up flaps: RSS ${mib(warm)}, heap ${mib(heapWarm)}; after ${FLAPS} more: RSS ${mib(end)} (${(growth * 100).toFixed(1)} %), heap ${mib(heapEnd)}`,
      );
      assert.ok(growth < RSS_TOLERANCE, `RSS ${warm} -> ${end} (${(growth * 100).toFixed(1)} %)`);
      assert.equal(k.downs.length, WARM_UP + FLAPS);
    } finally {
      await k.stop();
    }
  });
});
