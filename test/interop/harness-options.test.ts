/**
 * The interop harness beyond plain unicast: VPN and labeled routes, TCP MD5 / hold time /
 * graceful restart options, start failures, and a tshark decode of a captured session.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  captureOrSkip,
  decodeCapture,
  freePort,
  loopbackAddress,
  type Peer,
  startPeer,
  waitFor,
  waitForFlows,
  waitForRoutes,
} from '../support/peers/index.js';
import { endpoint, find, need, stopAll, WAIT_MS } from './interop-helpers.js';

describe('interop harness: VPN, session options, capture', { concurrency: true }, () => {
  it('ExaBGP announces VPN and labeled routes to BIRD, FRR and GoBGP', async (t) => {
    if (!need(t, 'exabgp', 'bird', 'frr', 'gobgp')) return;
    const [x, b, f, g] = await Promise.all([endpoint(), endpoint(), endpoint(), endpoint()]);
    // FRR refuses ipv4 unicast and ipv4 labeled-unicast on one neighbor: leave unicast out.
    const families = ['ipv4-vpn', 'ipv6-vpn', 'ipv4-labeled'] as const;
    const peers: Array<Peer | undefined> = [];
    try {
      const receivers = await Promise.all(
        (['bird', 'frr', 'gobgp'] as const).map((kind, i) => {
          const me = [b, f, g][i]!;
          return startPeer({
            kind,
            localAddress: me.address,
            localPort: me.port,
            localAs: 65061 + i,
            routerId: `10.255.0.${61 + i}`,
            neighbors: [{ address: x.address, as: 65060, families }],
          });
        }),
      );
      peers.push(...receivers);
      peers.push(
        await startPeer({
          kind: 'exabgp',
          localAddress: x.address,
          localPort: x.port,
          localAs: 65060,
          routerId: '10.255.0.60',
          neighbors: receivers.map((r) => ({
            address: r.spec.localAddress,
            as: r.spec.localAs,
            port: r.spec.localPort,
            families,
          })),
          exports: [
            {
              prefix: '10.60.1.0/24',
              nextHop: '192.0.2.60',
              rd: '65060:1',
              labels: [100],
              routeTargets: ['65060:9'],
            },
            { prefix: '2001:db8:60::/48', nextHop: '2001:db8::60', rd: '192.0.2.1:7', labels: [200] },
            { prefix: '10.61.1.0/24', nextHop: '192.0.2.61', labels: [300] },
          ],
        }),
      );
      for (const r of receivers) {
        await r.waitEstablished(WAIT_MS);
        const vpn4 = find(await waitForRoutes(r, 'ipv4-vpn', 1, WAIT_MS), '10.60.1.0/24');
        assert.equal(vpn4.rd, '65060:1', r.kind);
        assert.equal(vpn4.nextHop, '192.0.2.60', r.kind);
        assert.deepEqual(vpn4.asPath, [65060], r.kind);
        const vpn6 = find(await waitForRoutes(r, 'ipv6-vpn', 1, WAIT_MS), '2001:db8:60::/48');
        assert.equal(vpn6.rd, '192.0.2.1:7', r.kind);
        const labeled = find(await waitForRoutes(r, 'ipv4-labeled', 1, WAIT_MS), '10.61.1.0/24');
        assert.equal(labeled.nextHop, '192.0.2.61', r.kind);
        if (r.kind !== 'frr') {
          // FRR's VPN JSON has neither labels nor communities.
          assert.deepEqual(vpn4.labels, [100], r.kind);
          assert.deepEqual(vpn4.extCommunities, ['rt:65060:9'], r.kind);
          assert.deepEqual(vpn6.labels, [200], r.kind);
          assert.deepEqual(labeled.labels, [300], r.kind);
        }
        assert.equal(await r.routeCount('ipv4-vpn'), 1, r.kind);
      }
    } finally {
      await stopAll(peers);
    }
  });

  it('TCP MD5, hold time and graceful restart options bring sessions up (BIRD with FRR, ExaBGP, GoBGP)', async (t) => {
    if (!need(t, 'bird', 'frr', 'exabgp', 'gobgp')) return;
    const [b, f, x, g] = await Promise.all([endpoint(), endpoint(), endpoint(), endpoint()]);
    const families = ['ipv4-unicast'] as const;
    const md5Password = 'interop-secret';
    const peers: Array<Peer | undefined> = [];
    const common = { holdTime: 9, gracefulRestart: true } as const;
    try {
      const bird = await startPeer({
        kind: 'bird',
        localAddress: b.address,
        localPort: b.port,
        localAs: 65070,
        routerId: '10.255.0.70',
        ...common,
        neighbors: [
          { address: f.address, as: 65071, families, md5Password },
          { address: x.address, as: 65072, families, md5Password },
          { address: g.address, as: 65073, port: g.port, families, md5Password },
        ],
        exports: [{ prefix: '10.70.1.0/24', nextHop: '192.0.2.70' }],
      });
      peers.push(bird);
      const others = await Promise.all(
        (['frr', 'exabgp', 'gobgp'] as const).map((kind, i) => {
          const me = [f, x, g][i]!;
          return startPeer({
            kind,
            localAddress: me.address,
            localPort: me.port,
            localAs: 65071 + i,
            routerId: `10.255.0.${71 + i}`,
            ...common,
            neighbors: [
              {
                address: b.address,
                as: 65070,
                families,
                md5Password,
                ...(kind === 'gobgp' ? {} : { port: b.port }),
              },
            ],
          });
        }),
      );
      peers.push(...others);
      await Promise.all(others.map((o) => o.waitEstablished(WAIT_MS)));
      for (const o of others) {
        find(await waitForRoutes(o, 'ipv4-unicast', 1, WAIT_MS), '10.70.1.0/24');
        assert.equal(await bird.sessionState(o.spec.localAddress), 'established', o.kind);
      }
    } finally {
      await stopAll(peers);
    }
  });

  it("a rejected config fails the start with the peer's own message", async (t) => {
    if (!need(t, 'bird')) return;
    const b = await endpoint();
    await assert.rejects(
      startPeer({
        kind: 'bird',
        localAddress: b.address,
        localPort: b.port,
        localAs: 65080,
        routerId: 'not-an-address',
        neighbors: [{ address: loopbackAddress(), as: 65081, families: ['ipv4-unicast'] }],
      }),
      /bird: config rejected[\s\S]*syntax error/i,
    );
  });

  it('captures an ExaBGP -> BIRD session and tshark decodes it cleanly', async (t) => {
    if (!need(t, 'exabgp', 'bird', 'tshark')) return;
    const [x, b] = await Promise.all([endpoint(), endpoint()]);
    const families = ['ipv4-unicast', 'ipv4-flowspec'] as const;
    const capture = await captureOrSkip(t, { port: b.port });
    if (!capture) return;
    const peers: Array<Peer | undefined> = [];
    try {
      const bird = await startPeer({
        kind: 'bird',
        localAddress: b.address,
        localPort: b.port,
        localAs: 65040,
        routerId: '10.255.0.40',
        neighbors: [{ address: x.address, as: 65041, families }],
      });
      peers.push(bird);
      const exabgp = await startPeer({
        kind: 'exabgp',
        localAddress: x.address,
        localPort: x.port,
        localAs: 65041,
        routerId: '10.255.0.41',
        neighbors: [{ address: b.address, as: 65040, port: b.port, families }],
        exports: [{ prefix: '10.40.1.0/24', nextHop: '192.0.2.40', communities: ['65041:1'] }],
        flowExports: [{ afi: 4, destination: '10.49.0.0/24', protocol: [6], action: { kind: 'discard' } }],
      });
      peers.push(exabgp);
      await waitForRoutes(bird, 'ipv4-unicast', 1, WAIT_MS);
      await waitForFlows(bird, 4, 1, WAIT_MS);
      await exabgp.stop();
      await capture.stop();
      const report = await decodeCapture(capture.pcap, b.port);
      assert.equal(report.malformed, false, report.text.slice(0, 4000));
      assert.deepEqual(report.expertWarnings, []);
      for (const type of [1, 2, 4])
        assert.ok(report.messageTypes.includes(type), `BGP type ${type} in ${report.messageTypes}`);
    } finally {
      await stopAll(peers);
      await capture.dispose();
    }
  });

  it('IPv6 transport on ::1 carries IPv4 and IPv6 routes (ExaBGP to BIRD, FRR, GoBGP)', async (t) => {
    if (!need(t, 'exabgp', 'bird', 'frr', 'gobgp')) return;
    const families = ['ipv4-unicast', 'ipv6-unicast'] as const;
    const pair = async (kind: 'bird' | 'frr' | 'gobgp', i: number): Promise<void> => {
      const [rxPort, txPort] = await Promise.all([freePort('::1'), freePort('::1')]);
      const peers: Peer[] = [];
      try {
        const receiver = await startPeer({
          kind,
          localAddress: '::1',
          localPort: rxPort,
          localAs: 65091 + i,
          routerId: `10.255.0.${91 + i}`,
          neighbors: [{ address: '::1', as: 65090, families }],
        });
        peers.push(receiver);
        peers.push(
          await startPeer({
            kind: 'exabgp',
            localAddress: '::1',
            localPort: txPort,
            localAs: 65090,
            routerId: '10.255.0.90',
            neighbors: [{ address: '::1', as: 65091 + i, port: rxPort, families }],
            exports: [
              { prefix: '10.90.0.0/24', nextHop: '192.0.2.90' },
              { prefix: '2001:db8:90::/48', nextHop: '2001:db8::90' },
            ],
          }),
        );
        await receiver.waitEstablished(WAIT_MS);
        assert.equal(
          find(await waitForRoutes(receiver, 'ipv4-unicast', 1, WAIT_MS), '10.90.0.0/24').nextHop,
          '192.0.2.90',
        );
        const v6 = find(await waitForRoutes(receiver, 'ipv6-unicast', 1, WAIT_MS), '2001:db8:90::/48');
        assert.equal(v6.nextHop, '2001:db8::90', kind);
        assert.deepEqual(v6.asPath, [65090], kind);
      } finally {
        await stopAll(peers);
      }
    };
    await Promise.all((['bird', 'frr', 'gobgp'] as const).map(pair));
  });

  it('peers act at runtime: API and CLI announcements, withdrawals, session resets', async (t) => {
    if (!need(t, 'exabgp', 'bird', 'gobgp', 'frr')) return;
    const [x, b, g, f] = await Promise.all([endpoint(), endpoint(), endpoint(), endpoint()]);
    const families = ['ipv4-unicast'] as const;
    const peers: Array<Peer | undefined> = [];
    try {
      const [bird, gobgp] = await Promise.all([
        startPeer({
          kind: 'bird',
          localAddress: b.address,
          localPort: b.port,
          localAs: 65095,
          routerId: '10.255.0.95',
          neighbors: [{ address: x.address, as: 65094, families }],
        }),
        startPeer({
          kind: 'gobgp',
          localAddress: g.address,
          localPort: g.port,
          localAs: 65096,
          routerId: '10.255.0.96',
          neighbors: [{ address: f.address, as: 65097, families }],
        }),
      ]);
      peers.push(bird, gobgp);
      const [exabgp, frr] = await Promise.all([
        startPeer({
          kind: 'exabgp',
          localAddress: x.address,
          localPort: x.port,
          localAs: 65094,
          routerId: '10.255.0.94',
          neighbors: [{ address: b.address, as: 65095, port: b.port, families }],
        }),
        startPeer({
          kind: 'frr',
          localAddress: f.address,
          localPort: f.port,
          localAs: 65097,
          routerId: '10.255.0.97',
          neighbors: [{ address: g.address, as: 65096, port: g.port, families }],
        }),
      ]);
      peers.push(exabgp, frr);
      await Promise.all([bird.waitEstablished(WAIT_MS), frr.waitEstablished(WAIT_MS)]);
      await exabgp.command(['announce route 10.95.0.0/24 next-hop 192.0.2.95 community [65094:5]']);
      await gobgp.command(['global', 'rib', 'add', '10.96.0.0/24', 'nexthop', '192.0.2.96']);
      assert.deepEqual(
        find(await waitForRoutes(bird, 'ipv4-unicast', 1, WAIT_MS), '10.95.0.0/24').communities,
        ['65094:5'],
      );
      find(await waitForRoutes(frr, 'ipv4-unicast', 1, WAIT_MS), '10.96.0.0/24');
      await exabgp.command(['withdraw route 10.95.0.0/24 next-hop 192.0.2.95']);
      await waitFor(
        'the withdrawal at BIRD',
        async () => ((await bird.routeCount('ipv4-unicast')) === 0 ? true : undefined),
        {
          timeoutMs: WAIT_MS,
        },
      );
      // GoBGP holds a reset session idle for 5 s: reset the BIRD-ExaBGP one instead.
      await exabgp.command(['announce route 10.95.1.0/24 next-hop 192.0.2.95']);
      find(await waitForRoutes(bird, 'ipv4-unicast', 1, WAIT_MS), '10.95.1.0/24');
      await bird.resetSession();
      // ExaBGP reconnects at once: count its "up" events rather than watch for a gap.
      const ups = (): number =>
        (readFileSync(join(exabgp.workDir, 'events.jsonl'), 'utf8').match(/"state": "up"/g) ?? []).length;
      await waitFor('a second session at ExaBGP', async () => (ups() >= 2 ? true : undefined), {
        timeoutMs: WAIT_MS,
      });
      await exabgp.waitEstablished(WAIT_MS);
      // ExaBGP re-sends what it announced through the API on the new session.
      find(await waitForRoutes(bird, 'ipv4-unicast', 1, WAIT_MS), '10.95.1.0/24');
    } finally {
      await stopAll(peers);
    }
  });
});
