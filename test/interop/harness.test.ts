/**
 * Proof that the interop harness works: real implementations paired with each other on
 * loopback (no bgpknife involved), unicast routes and FlowSpec rules read back through each
 * receiver's own CLI or API with the harness's normalised readers. Scenarios run in parallel.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Peer, startPeer, waitForFlows, waitForRoutes } from '../support/peers/index.js';
import { endpoint, find, findFlow, need, stopAll, WAIT_MS } from './interop-helpers.js';

describe('interop harness: unicast and FlowSpec between real peers', { concurrency: true }, () => {
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

  it('ExaBGP announces unicast routes and FlowSpec rules to BIRD (iBGP), FRR and GoBGP', async (t) => {
    if (!need(t, 'exabgp', 'bird', 'frr', 'gobgp')) return;
    const [x, b, f, g] = await Promise.all([endpoint(), endpoint(), endpoint(), endpoint()]);
    const families = ['ipv4-unicast', 'ipv6-unicast', 'ipv4-flowspec', 'ipv6-flowspec'] as const;
    const peers: Array<Peer | undefined> = [];
    try {
      const receivers = await Promise.all(
        (['bird', 'frr', 'gobgp'] as const).map((kind, i) => {
          const me = [b, f, g][i]!;
          return startPeer({
            kind,
            localAddress: me.address,
            localPort: me.port,
            // BIRD shares ExaBGP's AS: an iBGP session keeps LOCAL_PREF.
            localAs: kind === 'bird' ? 65020 : 65021 + i,
            routerId: `10.255.0.${21 + i}`,
            neighbors: [{ address: x.address, as: 65020, families }],
          });
        }),
      );
      peers.push(...receivers);
      const exabgp = await startPeer({
        kind: 'exabgp',
        localAddress: x.address,
        localPort: x.port,
        localAs: 65020,
        routerId: '10.255.0.20',
        neighbors: receivers.map((r) => ({
          address: r.spec.localAddress,
          as: r.spec.localAs,
          port: r.spec.localPort,
          families,
        })),
        exports: [
          {
            prefix: '10.20.1.0/24',
            nextHop: '192.0.2.20',
            med: 50,
            localPref: 200,
            communities: ['65020:1', '65020:2'],
            largeCommunities: ['65020:0:7'],
            routeTargets: ['65020:9'],
          },
          { prefix: '2001:db8:20::/48', nextHop: '2001:db8::20', communities: ['65020:6'] },
        ],
        flowExports: [
          {
            afi: 4,
            destination: '10.29.0.0/24',
            source: '10.28.0.0/16',
            protocol: [6],
            destinationPort: [80],
            action: { kind: 'rate-limit', bytesPerSecond: 1000 },
          },
          {
            afi: 6,
            destination: '2001:db8:29::/48',
            protocol: [6],
            destinationPort: [443],
            action: { kind: 'discard' },
          },
        ],
      });
      peers.push(exabgp);
      await Promise.all(receivers.map((r) => r.waitEstablished(WAIT_MS)));
      await Promise.all(receivers.map((r) => checkExabgpRoutes(r)));
    } finally {
      await stopAll(peers);
    }
  });

  it('GoBGP announces to FRR and to ExaBGP as a receiver', async (t) => {
    if (!need(t, 'gobgp', 'frr', 'exabgp')) return;
    const [g, f, x] = await Promise.all([endpoint(), endpoint(), endpoint()]);
    const families = ['ipv4-unicast', 'ipv6-unicast', 'ipv4-flowspec', 'ipv4-vpn'] as const;
    const peers: Array<Peer | undefined> = [];
    try {
      const gobgp = await startPeer({
        kind: 'gobgp',
        localAddress: g.address,
        localPort: g.port,
        localAs: 65030,
        routerId: '10.255.0.30',
        neighbors: [
          { address: f.address, as: 65031, families },
          { address: x.address, as: 65032, families },
        ],
        exports: [
          {
            prefix: '10.30.1.0/24',
            nextHop: '192.0.2.30',
            med: 70,
            communities: ['65030:1'],
            asPath: [65097],
          },
          { prefix: '2001:db8:30::/48', nextHop: '2001:db8::30', largeCommunities: ['65030:1:1'] },
          {
            prefix: '10.30.2.0/24',
            nextHop: '192.0.2.31',
            rd: '65030:2',
            labels: [16],
            routeTargets: ['65030:3'],
          },
        ],
        flowExports: [
          {
            afi: 4,
            destination: '10.39.0.0/24',
            protocol: [17],
            destinationPort: [53],
            action: { kind: 'redirect', target: '65030:7' },
          },
        ],
      });
      peers.push(gobgp);
      const receivers = await Promise.all(
        (['frr', 'exabgp'] as const).map((kind, i) => {
          const me = [f, x][i]!;
          return startPeer({
            kind,
            localAddress: me.address,
            localPort: me.port,
            localAs: 65031 + i,
            routerId: `10.255.0.${31 + i}`,
            neighbors: [{ address: g.address, as: 65030, port: g.port, families }],
          });
        }),
      );
      peers.push(...receivers);
      for (const r of receivers) {
        await r.waitEstablished(WAIT_MS);
        const v4 = find(await waitForRoutes(r, 'ipv4-unicast', 1, WAIT_MS), '10.30.1.0/24');
        assert.equal(v4.nextHop, '192.0.2.30', r.kind);
        assert.deepEqual(v4.asPath, [65030, 65097], r.kind);
        assert.equal(v4.med, 70, r.kind);
        assert.deepEqual(v4.communities, ['65030:1'], r.kind);
        const v6 = find(await waitForRoutes(r, 'ipv6-unicast', 1, WAIT_MS), '2001:db8:30::/48');
        assert.equal(v6.nextHop, '2001:db8::30', r.kind);
        assert.deepEqual(v6.largeCommunities, ['65030:1:1'], r.kind);
        const flow = findFlow(await waitForFlows(r, 4, 1, WAIT_MS), '10.39.0.0/24');
        assert.equal(flow.components.protocol, '=17', r.kind);
        assert.equal(flow.components['destination-port'], '=53', r.kind);
        assert.deepEqual(flow.actions, ['redirect:65030:7'], r.kind);
        assert.equal(await r.routeCount('ipv4-unicast'), 1, r.kind);
        const vpn = find(await waitForRoutes(r, 'ipv4-vpn', 1, WAIT_MS), '10.30.2.0/24');
        assert.equal(vpn.rd, '65030:2', r.kind);
        assert.equal(vpn.nextHop, '192.0.2.31', r.kind);
        if (r.kind === 'exabgp') {
          assert.deepEqual(vpn.labels, [16]);
          assert.deepEqual(vpn.extCommunities, ['target:65030:3']);
        }
      }
      assert.equal(await gobgp.sessionState(x.address), 'established');
    } finally {
      await stopAll(peers);
    }
  });

  it('FRR exports network routes to BIRD and to a passive ExaBGP', async (t) => {
    if (!need(t, 'frr', 'bird', 'exabgp')) return;
    const [f, b, x] = await Promise.all([endpoint(), endpoint(), endpoint()]);
    const families = ['ipv4-unicast', 'ipv6-unicast'] as const;
    const peers: Array<Peer | undefined> = [];
    try {
      const receivers = await Promise.all(
        (['bird', 'exabgp'] as const).map((kind, i) => {
          const me = [b, x][i]!;
          return startPeer({
            kind,
            localAddress: me.address,
            localPort: me.port,
            localAs: 65051 + i,
            routerId: `10.255.0.${51 + i}`,
            neighbors: [{ address: f.address, as: 65050, families }],
          });
        }),
      );
      peers.push(...receivers);
      const frr = await startPeer({
        kind: 'frr',
        localAddress: f.address,
        localPort: f.port,
        localAs: 65050,
        routerId: '10.255.0.50',
        holdTime: 30,
        neighbors: receivers.map((r) => ({
          address: r.spec.localAddress,
          as: r.spec.localAs,
          port: r.spec.localPort,
          families,
        })),
        exports: [
          {
            prefix: '10.50.1.0/24',
            nextHop: '192.0.2.50',
            med: 5,
            communities: ['65050:1'],
            largeCommunities: ['65050:2:3'],
            routeTargets: ['65050:4'],
            asPath: [65096],
          },
          { prefix: '2001:db8:50::/48', nextHop: '2001:db8::50', communities: ['65050:6'] },
        ],
      });
      peers.push(frr);
      for (const r of receivers) {
        await r.waitEstablished(WAIT_MS);
        const v4 = find(await waitForRoutes(r, 'ipv4-unicast', 1, WAIT_MS), '10.50.1.0/24');
        assert.equal(v4.nextHop, '192.0.2.50', r.kind);
        assert.deepEqual(v4.asPath, [65050, 65096], r.kind);
        assert.equal(v4.med, 5, r.kind);
        assert.deepEqual(v4.communities, ['65050:1'], r.kind);
        assert.deepEqual(v4.largeCommunities, ['65050:2:3'], r.kind);
        assert.equal(v4.extCommunities.length, 1, r.kind);
        assert.match(v4.extCommunities[0]!, /^(rt|target):65050:4$/, r.kind);
        const v6 = find(await waitForRoutes(r, 'ipv6-unicast', 1, WAIT_MS), '2001:db8:50::/48');
        assert.equal(v6.nextHop, '2001:db8::50', r.kind);
        assert.deepEqual(v6.communities, ['65050:6'], r.kind);
      }
      assert.equal(await frr.routeCount('ipv4-unicast', x.address), 0);
      assert.equal(await frr.sessionState(b.address), 'established');
    } finally {
      await stopAll(peers);
    }
  });
});

/** What the ExaBGP scenario's receivers must hold, per receiver (eBGP drops LOCAL_PREF). */
async function checkExabgpRoutes(r: Peer): Promise<void> {
  const ibgp = r.kind === 'bird';
  const v4 = find(await waitForRoutes(r, 'ipv4-unicast', 1, WAIT_MS), '10.20.1.0/24');
  assert.equal(v4.nextHop, '192.0.2.20', r.kind);
  assert.deepEqual(v4.asPath, ibgp ? [] : [65020], r.kind);
  assert.equal(v4.med, 50, r.kind);
  if (ibgp) assert.equal(v4.localPref, 200, r.kind);
  assert.deepEqual(v4.communities, ['65020:1', '65020:2'], r.kind);
  assert.deepEqual(v4.largeCommunities, ['65020:0:7'], r.kind);
  assert.deepEqual(v4.extCommunities, ['rt:65020:9'], r.kind);
  const v6 = find(await waitForRoutes(r, 'ipv6-unicast', 1, WAIT_MS), '2001:db8:20::/48');
  assert.equal(v6.nextHop, '2001:db8::20', r.kind);
  assert.deepEqual(v6.communities, ['65020:6'], r.kind);
  const f4 = findFlow(await waitForFlows(r, 4, 1, WAIT_MS), '10.29.0.0/24');
  assert.equal(f4.components.source, '10.28.0.0/16', r.kind);
  assert.equal(f4.components.protocol, '=6', r.kind);
  assert.equal(f4.components['destination-port'], '=80', r.kind);
  assert.deepEqual(f4.actions, ['rate-limit:1000'], r.kind);
  const f6 = findFlow(await waitForFlows(r, 6, 1, WAIT_MS), '2001:db8:29::/48');
  assert.equal(f6.components.protocol, '=6', r.kind);
  assert.equal(f6.components['destination-port'], '=443', r.kind);
  assert.deepEqual(f6.actions, ['discard'], r.kind);
  assert.equal(await r.routeCount('ipv6-unicast'), 1, r.kind);
  assert.equal(await r.routeCount('ipv6-flowspec'), 1, r.kind);
}
