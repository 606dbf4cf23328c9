/**
 * Graceful restart (RFC 4724) between bgpknife and real peers.
 *
 * bgpknife restarting: it advertises a restart time and the Forwarding State bit for every
 * family; killed with SIGKILL (no NOTIFICATION, as a crash), the peer keeps its routes as stale;
 * started again with one route fewer, it re-sends the rest and End-of-RIB, and the peer drops
 * the route that did not come back. The Restart State bit stays clear: a new process cannot know
 * it restarted (see README). ExaBGP 4.2 is not a graceful restart helper, so it is not tested here.
 *
 * bgpknife helping: BIRD (graceful restart on) is killed; bgpknife keeps its routes stale, and
 * once BIRD is back and has sent End-of-RIB, drops the one BIRD no longer announces.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Peer, type PeerSpec, type Route, startPeer, waitFor } from '../support/peers/index.js';
import { knifeConfig } from './bgpknife-config.js';
import { type Knife, startKnife, waitForLog } from './bgpknife-process.js';
import { endpoint, need, stopAll, WAIT_MS } from './interop-helpers.js';

const KNIFE_AS = 65300;
const R1 = 'route 10.230.1.0/24 next-hop 192.0.2.1 community [ 65300:1 ]';
const R2 = 'route 10.230.2.0/24 next-hop 192.0.2.1';

function waitPrefixes(
  what: string,
  read: () => Promise<Route[]> | Route[],
  want: string[],
  describe: () => string,
) {
  return waitFor(
    what,
    async () => {
      const got = (await read()).map((r) => r.prefix).sort();
      return got.join() === want.join() ? got : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: 200, describe },
  );
}

describe('bgpknife run: graceful restart', { concurrency: true }, () => {
  for (const kind of ['bird', 'frr', 'gobgp'] as const) {
    it(`${kind} keeps bgpknife's routes while bgpknife restarts, then drops the one not re-sent`, async (t) => {
      if (!need(t, kind)) return;
      const [p, me] = await Promise.all([endpoint(), endpoint()]);
      const peers: Array<Peer | undefined> = [];
      let knife: Knife | undefined;
      try {
        const peer = await startPeer({
          kind,
          localAddress: p.address,
          localPort: p.port,
          localAs: 65301 + ['bird', 'frr', 'gobgp'].indexOf(kind),
          routerId: '10.255.4.1',
          gracefulRestart: true,
          neighbors: [{ address: me.address, as: KNIFE_AS, families: ['ipv4-unicast'] }],
        });
        peers.push(peer);
        const config = (routes: string[]) =>
          knifeConfig([
            {
              peer,
              localAddress: me.address,
              localAs: KNIFE_AS,
              routerId: '10.255.4.2',
              families: ['ipv4-unicast'],
              routes,
              gracefulRestart: 30,
            },
          ]);
        knife = startKnife(config([R1, R2]));
        const tail = () => peer.logTail(10);
        const routes = () => peer.routes('ipv4-unicast');
        await peer.waitEstablished(WAIT_MS);
        await waitPrefixes('both routes', routes, ['10.230.1.0/24', '10.230.2.0/24'], tail);
        await knife.kill();
        await waitFor(
          'the session to drop',
          async () => ((await peer.sessionState()) !== 'established' ? true : undefined),
          {
            timeoutMs: WAIT_MS,
            describe: tail,
          },
        );
        assert.deepEqual(
          (await routes()).map((r) => r.prefix).sort(),
          ['10.230.1.0/24', '10.230.2.0/24'],
          `${kind} keeps the routes while bgpknife is down`,
        );
        knife.restart(config([R1]));
        await peer.waitEstablished(WAIT_MS);
        const after = await waitPrefixes('only the re-sent route', routes, ['10.230.1.0/24'], tail);
        assert.deepEqual(after, ['10.230.1.0/24']);
      } finally {
        await knife?.dispose();
        await stopAll(peers);
      }
    });
  }

  // BIRD restarts without the Forwarding State bit (no kernel protocol): RFC 4724 §4.2 has
  // the helper drop the stale routes as soon as the session is back. FRR with preserve-fw-state
  // sets it: the stale routes stay until its End-of-RIB.
  const HELPED = [
    ['bird', /2 route\(s\) removed \(graceful-restart: forwarding state not kept\)/],
    ['frr', /1 route\(s\) removed \(graceful-restart: End-of-RIB\)/],
  ] as const;
  for (const [kind, reason] of HELPED) {
    it(`bgpknife keeps ${kind}'s routes stale while ${kind} restarts, then drops the one not re-sent (helper)`, async (t) => {
      if (!need(t, kind)) return;
      const [b, me] = await Promise.all([endpoint(), endpoint()]);
      const spec = (prefixes: string[]): PeerSpec => ({
        kind,
        localAddress: b.address,
        localPort: b.port,
        localAs: 65310,
        routerId: '10.255.5.1',
        gracefulRestart: true,
        neighbors: [{ address: me.address, as: KNIFE_AS, families: ['ipv4-unicast'] }],
        exports: prefixes.map((prefix) => ({ prefix, nextHop: '192.0.2.50' })),
      });
      const peers: Array<Peer | undefined> = [];
      let knife: Knife | undefined;
      try {
        const first = await startPeer(spec(['10.231.1.0/24', '10.231.2.0/24']));
        peers.push(first);
        knife = startKnife(
          knifeConfig([
            {
              peer: first,
              localAddress: me.address,
              localAs: KNIFE_AS,
              routerId: '10.255.5.2',
              families: ['ipv4-unicast'],
              gracefulRestart: 30,
            },
          ]),
        );
        const k = knife;
        const received = () => k.receivedRoutes(b.address, 'ipv4 unicast');
        const log = () => k.log().split('\n').slice(-10).join('\n');
        await waitPrefixes(`${kind}'s routes in bgpknife`, received, ['10.231.1.0/24', '10.231.2.0/24'], log);
        process.kill(first.pid, 'SIGKILL'); // exactly the daemon this test started: a crash, no NOTIFICATION
        await waitForLog(knife, /restarting: 2 route\(s\) kept stale for \d+ s/, WAIT_MS);
        assert.deepEqual(
          received()
            .map((r) => r.prefix)
            .sort(),
          ['10.231.1.0/24', '10.231.2.0/24'],
        );
        await first.stop();
        const second = await startPeer(spec(['10.231.1.0/24']));
        peers.push(second);
        await waitPrefixes(`only the route ${kind} re-sent`, received, ['10.231.1.0/24'], log);
        assert.match(knife.log(), reason);
      } finally {
        await knife?.dispose();
        await stopAll(peers);
      }
    });
  }
});
