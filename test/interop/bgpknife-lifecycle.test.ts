/**
 * bgpknife's session life cycle against real peers: a reload (SIGHUP) sends only the
 * differences (tshark counts every announcement and withdrawal on the wire), route refresh
 * (the peer asks, bgpknife re-sends between enhanced route refresh markers), SIGTERM ends the
 * session with Cease/Administrative Shutdown and an RFC 9003 message, tshark finds nothing
 * malformed; and over IPv6 transport, each peer restarting gets every route back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  captureOrSkip,
  decodeCapture,
  freePort,
  type Peer,
  type Route,
  startPeer,
  waitFor,
} from '../support/peers/index.js';
import { knifeConfig, knifeNeighbor } from './bgpknife-config.js';
import { type Knife, startKnife, waitForLog } from './bgpknife-process.js';
import { bgpFrames, countPrefix } from './capture-frames.js';
import { endpoint, find, need, stopAll, WAIT_MS } from './interop-helpers.js';

const KNIFE_AS = 65200;

/** Polls the peer until `check` accepts its IPv4 routes. */
function waitRoutes(peer: Peer, what: string, check: (r: Route[]) => boolean): Promise<Route[]> {
  return waitFor(
    `${what} at ${peer.kind}`,
    async () => {
      const r = await peer.routes('ipv4-unicast');
      return check(r) ? r : undefined;
    },
    { timeoutMs: WAIT_MS, intervalMs: 200, describe: () => peer.logTail(10) },
  );
}

const prefixes = (r: readonly Route[]) => r.map((x) => x.prefix).sort();

describe('bgpknife run: reload, route refresh, shutdown, restarts', { concurrency: true }, () => {
  it('BIRD: a reload sends only the differences, route refresh re-sends, SIGTERM says why — on the wire', async (t) => {
    if (!need(t, 'bird', 'tshark')) return;
    const [b, me] = await Promise.all([endpoint(), endpoint()]);
    const capture = await captureOrSkip(t, { port: b.port });
    if (!capture) return;
    const peers: Array<Peer | undefined> = [];
    let knife: Knife | undefined;
    try {
      const bird = await startPeer({
        kind: 'bird',
        localAddress: b.address,
        localPort: b.port,
        localAs: 65201,
        routerId: '10.255.2.1',
        neighbors: [{ address: me.address, as: KNIFE_AS, families: ['ipv4-unicast'] }],
      });
      peers.push(bird);
      const config = (routes: string[]) =>
        knifeConfig([
          {
            peer: bird,
            localAddress: me.address,
            localAs: KNIFE_AS,
            routerId: '10.255.2.2',
            families: ['ipv4-unicast'],
            routes,
          },
        ]);
      const r1 = 'route 10.201.1.0/24 next-hop 192.0.2.1 community [ 65200:1 ]';
      const r2 = 'route 10.201.2.0/24 next-hop 192.0.2.1';
      knife = startKnife(config([r1, r2, 'route 10.201.3.0/24 next-hop 192.0.2.1 med 1']), {
        exabgp_log_packets: 'true',
      });
      await bird.waitEstablished(WAIT_MS);
      await waitRoutes(bird, 'three routes', (r) => r.length === 3);

      // Reload: 10.201.1 unchanged, 10.201.2 removed, 10.201.3 changed, 10.201.4 added.
      knife.reload(
        config([
          r1,
          'route 10.201.3.0/24 next-hop 192.0.2.1 med 2',
          'route 10.201.4.0/24 next-hop 192.0.2.1',
        ]),
      );
      const after = await waitRoutes(
        bird,
        'the reloaded routes',
        (r) =>
          prefixes(r).join() === '10.201.1.0/24,10.201.3.0/24,10.201.4.0/24' &&
          find(r, '10.201.3.0/24').med === 2,
      );
      assert.deepEqual(find(after, '10.201.1.0/24').communities, ['65200:1']);

      // Route refresh: BIRD asks, bgpknife answers (enhanced: BoRR, routes, EoRR).
      await bird.command(['reload', 'in', 'n1']);
      await waitForLog(knife, /in type 5[\s\S]*out type 5[\s\S]*out type 5/, WAIT_MS);
      await waitRoutes(bird, 'routes after refresh', (r) => r.length === 3);

      assert.equal(await knife.stop(), '0', 'bgpknife exits 0 on SIGTERM');
      await waitFor(
        'BIRD to see the session end',
        async () => ((await bird.sessionState()) !== 'established' ? true : undefined),
        {
          timeoutMs: WAIT_MS,
        },
      );
      await capture.stop();

      const frames = await bgpFrames(capture.pcap, b.port);
      const mine = me.address;
      assert.deepEqual(
        countPrefix(frames, mine, '10.201.1.0'),
        { announced: 2, withdrawn: 0 },
        'initial + refresh only',
      );
      assert.deepEqual(countPrefix(frames, mine, '10.201.2.0'), { announced: 1, withdrawn: 1 });
      assert.deepEqual(
        countPrefix(frames, mine, '10.201.3.0'),
        { announced: 3, withdrawn: 0 },
        'changed in place',
      );
      assert.deepEqual(countPrefix(frames, mine, '10.201.4.0'), { announced: 2, withdrawn: 0 });
      const refreshFromBird = frames.filter((f) => f.src === b.address).flatMap((f) => f.refreshSubtypes);
      assert.deepEqual(refreshFromBird, [0], 'BIRD sent one ROUTE-REFRESH request');
      const refreshFromKnife = frames.filter((f) => f.src === mine).flatMap((f) => f.refreshSubtypes);
      assert.deepEqual(refreshFromKnife, [1, 2], 'BoRR then EoRR (RFC 7313)');
      const notify = frames.filter((f) => f.src === mine && f.types.includes(3));
      assert.equal(notify.length, 1);
      assert.deepEqual(notify[0]!.notify, ['6/2'], 'Cease / Administrative Shutdown');
      assert.equal(notify[0]!.communication, 'bgpknife shutting down', 'RFC 9003 message');

      const report = await decodeCapture(capture.pcap, b.port);
      assert.equal(report.malformed, false, 'no [Malformed Packet]');
      // TCP's own sequence analysis (D-SACK, duplicate ACK on loopback) is not about BGP.
      assert.deepEqual(
        report.expertWarnings.filter((w) => !w.includes('(Warning/Sequence)')),
        [],
      );
    } finally {
      await knife?.dispose();
      await stopAll(peers);
      await capture.dispose();
    }
  });

  for (const kind of ['bird', 'frr', 'gobgp', 'exabgp'] as const) {
    it(`${kind} over IPv6 transport (::1): routes arrive, ${kind} restarts and gets everything back`, async (t) => {
      if (!need(t, kind)) return;
      const [port, knifePort] = [await freePort('::1'), await freePort('::1')];
      const peerAs = 65210 + ['bird', 'frr', 'gobgp', 'exabgp'].indexOf(kind);
      const spec = {
        kind,
        localAddress: '::1',
        localPort: port,
        localAs: peerAs,
        routerId: '10.255.3.1',
        neighbors: [{ address: '::1', as: KNIFE_AS, families: ['ipv4-unicast', 'ipv6-unicast'] as const }],
      };
      let peer: Peer | undefined;
      let knife: Knife | undefined;
      try {
        peer = await startPeer(spec);
        const text = knifeNeighbor({
          peer,
          localAddress: '::1',
          localAs: KNIFE_AS,
          routerId: '10.255.3.2',
          families: ['ipv4-unicast', 'ipv6-unicast'],
          routes: [
            'route 10.211.1.0/24 next-hop 192.0.2.1 community [ 65200:11 ]',
            'route 2001:db8:211::/48 next-hop 2001:db8::1 community [ 65200:12 ]',
          ],
        });
        // The listen port keeps bgpknife off the peer's port on the shared ::1.
        knife = startKnife(`${text.replace('{\n', `{\n  listen ${knifePort};\n`)}\n`);
        const check = async (p: Peer) => {
          await p.waitEstablished(WAIT_MS);
          const v4 = await waitRoutes(p, 'the IPv4 route', (r) => r.length === 1);
          assert.deepEqual(find(v4, '10.211.1.0/24').communities, ['65200:11'], kind);
          const v6 = await waitFor(
            'the IPv6 route',
            async () => {
              const r = await p.routes('ipv6-unicast');
              return r.length === 1 ? r : undefined;
            },
            { timeoutMs: WAIT_MS },
          );
          assert.deepEqual(find(v6, '2001:db8:211::/48').communities, ['65200:12'], kind);
        };
        await check(peer);
        await peer.stop();
        peer = await startPeer(spec);
        await check(peer);
        await waitForLog(knife, /up[\s\S]*down[\s\S]*up/, WAIT_MS);
      } finally {
        await knife?.dispose();
        await stopAll([peer]);
      }
    });
  }
});
