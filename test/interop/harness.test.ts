/**
 * Proof that the interop harness works: real implementations paired with each other on
 * loopback (no bgpknife involved), routes and FlowSpec rules read back through each
 * receiver's own CLI or API with the harness's normalised readers. Scenarios run in parallel.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import {
  CaptureUnavailableError,
  decodeCapture,
  type FlowRoute,
  freePort,
  loopbackAddress,
  type Peer,
  type PeerKind,
  type Route,
  requirePeer,
  skipOrFail,
  startCapture,
  startPeer,
  waitForFlows,
  waitForRoutes,
} from '../support/peers/index.js';

/** Per-scenario budget for sessions and routes (the whole file should stay well under 60 s). */
const WAIT_MS = 20_000;

function need(t: TestContext, ...kinds: Array<PeerKind | 'tshark'>): boolean {
  return kinds.every((k) => requirePeer(k, t));
}

async function stopAll(peers: Array<Peer | undefined>): Promise<void> {
  await Promise.all(peers.map((p) => p?.stop()));
}

function find(routes: readonly Route[], prefix: string): Route {
  const r = routes.find((x) => x.prefix === prefix);
  assert.ok(r, `${prefix} not in ${JSON.stringify(routes)}`);
  return r;
}

function findFlow(flows: readonly FlowRoute[], destination: string): FlowRoute {
  const f = flows.find((x) => x.components.destination === destination);
  assert.ok(f, `no rule for ${destination} in ${JSON.stringify(flows)}`);
  return f;
}

async function endpoint(): Promise<{ address: string; port: number }> {
  const address = loopbackAddress();
  return { address, port: await freePort(address) };
}

describe('interop harness (real peers on loopback)', { concurrency: true }, () => {
  it('BIRD exports static routes and a FlowSpec rule to FRR and GoBGP', async (t) => {
    if (!need(t, 'bird', 'frr', 'gobgp')) return;
    const [b, f, g] = await Promise.all([endpoint(), endpoint(), endpoint()]);
    const peers: Array<Peer | undefined> = [];
    try {
      const bird = await startPeer({
        kind: 'bird',
        localAddress: b.address,
        localPort: b.port,
        localAs: 65010,
        routerId: '10.255.0.10',
        neighbors: [
          { address: f.address, as: 65011, families: ['ipv4-unicast', 'ipv6-unicast', 'ipv4-flowspec'] },
          // GoBGP 3 waits 5-10 s before its first connect: let BIRD connect to it instead.
          {
            address: g.address,
            as: 65012,
            port: g.port,
            families: ['ipv4-unicast', 'ipv6-unicast', 'ipv4-flowspec'],
          },
        ],
        exports: [
          {
            prefix: '10.10.1.0/24',
            nextHop: '192.0.2.10',
            asPath: [65099],
            communities: ['65010:1'],
            largeCommunities: ['65010:1:2'],
            routeTargets: ['65010:3'],
          },
          { prefix: '2001:db8:10::/48', nextHop: '2001:db8::10', communities: ['65010:6'] },
        ],
        flowExports: [
          {
            afi: 4,
            destination: '10.19.0.0/24',
            protocol: [6],
            destinationPort: [80],
            action: { kind: 'discard' },
          },
        ],
      });
      peers.push(bird);
      const receivers = await Promise.all(
        (['frr', 'gobgp'] as const).map((kind, i) => {
          const me = [f, g][i]!;
          return startPeer({
            kind,
            localAddress: me.address,
            localPort: me.port,
            localAs: 65011 + i,
            routerId: `10.255.0.${11 + i}`,
            neighbors: [
              {
                address: b.address,
                as: 65010,
                ...(kind === 'frr' ? { port: b.port } : {}),
                families: ['ipv4-unicast', 'ipv6-unicast', 'ipv4-flowspec'],
              },
            ],
          });
        }),
      );
      peers.push(...receivers);
      await Promise.all(receivers.map((r) => r.waitEstablished(WAIT_MS)));
      for (const r of receivers) {
        const v4 = find(await waitForRoutes(r, 'ipv4-unicast', 1, WAIT_MS), '10.10.1.0/24');
        assert.equal(v4.nextHop, '192.0.2.10', r.kind);
        assert.deepEqual(v4.asPath, [65010, 65099], r.kind);
        assert.deepEqual(v4.communities, ['65010:1'], r.kind);
        assert.deepEqual(v4.largeCommunities, ['65010:1:2'], r.kind);
        assert.deepEqual(v4.extCommunities, ['rt:65010:3'], r.kind);
        const v6 = find(await waitForRoutes(r, 'ipv6-unicast', 1, WAIT_MS), '2001:db8:10::/48');
        assert.equal(v6.nextHop, '2001:db8::10', r.kind);
        assert.deepEqual(v6.communities, ['65010:6'], r.kind);
        const flow = findFlow(await waitForFlows(r, 4, 1, WAIT_MS), '10.19.0.0/24');
        assert.equal(flow.components.protocol, '=6', r.kind);
        assert.equal(flow.components['destination-port'], '=80', r.kind);
        assert.deepEqual(flow.actions, ['discard'], r.kind);
        assert.equal(await r.routeCount('ipv4-unicast'), 1, r.kind);
        assert.equal(await r.routeCount('ipv4-flowspec'), 1, r.kind);
      }
      assert.equal(await bird.sessionState(f.address), 'established');
      assert.equal(await bird.routeCount('ipv4-unicast', g.address), 0);
    } finally {
      await stopAll(peers);
    }
  });
});
