/**
 * `maximum-prefix` end to end on loopback: two `bgpknife run` daemons; the receiver allows 2
 * routes per family and restarts after 1 s, the sender announces 3. The receiver closes with
 * Cease/Maximum Number of Prefixes Reached (RFC 4486, 6/1), the sender sees that NOTIFICATION,
 * and after the restart timer the session comes up again (and is closed again).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { neighborConfig, startBgpknife } from '../support/bgpknife-process.js';
import { freePort, loopbackAddress } from '../support/peers/index.js';

const WAIT_MS = 20_000;

describe('maximum-prefix (bgpknife run, loopback)', () => {
  it('Cease 6/1 when a peer sends more routes than allowed, then a restart after the timer', async () => {
    const a = loopbackAddress();
    const b = loopbackAddress();
    const port = await freePort(a);
    const receiver = startBgpknife(
      neighborConfig({
        peer: b,
        local: a,
        localAs: 65301,
        peerAs: 65302,
        routerId: '10.255.3.1',
        listen: port,
        passive: true,
        extra: ['maximum-prefix 2;', 'maximum-prefix-restart 1;'],
      }),
    );
    const routes = [1, 2, 3].map((n) => `route 10.63.${n}.0/24 next-hop 192.0.2.1;`).join(' ');
    let sender: ReturnType<typeof startBgpknife> | undefined;
    try {
      await receiver.waitForLog(/listening on/, WAIT_MS);
      sender = startBgpknife(
        neighborConfig({
          peer: a,
          local: b,
          localAs: 65302,
          peerAs: 65301,
          routerId: '10.255.3.2',
          connect: port,
          extra: [`static { ${routes} }`],
        }),
      );
      await receiver.waitForLog(
        /more than 2 routes for afi 1 safi 1 \(maximum-prefix\): closing, restart in 1 s/,
        WAIT_MS,
      );
      await sender.waitForLog(/down: .*\(NOTIFICATION 6\/1\)/, WAIT_MS);
      // The sender retries every few seconds; once the 1 s hold-down is over it gets in again.
      await receiver.waitForLog(/ up\b[\s\S]* up\b/, WAIT_MS).catch((e) => {
        throw new Error(`${e.message}\nsender:\n${sender?.log()}`);
      });
      assert.ok((receiver.log().match(/maximum-prefix\): closing/g) ?? []).length >= 1);
    } finally {
      await Promise.all([receiver.stop(), sender?.stop()]);
    }
  });
});
