/**
 * The founding documents' configurations (../shared/conformance/seeds) run unchanged — only
 * their addresses are moved to loopback — against real GoBGP and BIRD, and the FlowSpec rules
 * the routers learn are read back through their own CLI (issue #8).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusPath } from '../support/corpus.js';
import { rewriteConfig, startDaemon } from '../support/daemon.js';
import {
  freePort,
  loopbackAddress,
  type Peer,
  requirePeer,
  startPeer,
  waitForFlows,
  waitForRoutes,
} from '../support/peers/index.js';

const WAIT_MS = 20_000;

async function receiver(
  kind: 'gobgp' | 'bird',
  address: string,
  port: number,
  localAs: number,
  me: string,
  myAs: number,
): Promise<Peer> {
  return startPeer({
    kind,
    localAddress: address,
    localPort: port,
    localAs,
    routerId: address,
    neighbors: [{ address: me, as: myAs, families: ['ipv4-unicast', 'ipv4-flowspec'] }],
  });
}

function seedText(name: string): string | undefined {
  const p = corpusPath('seeds', name);
  return p ? readFileSync(p, 'utf8') : undefined;
}

describe('seeds against real peers (issue #8)', () => {
  it('2009-flowspec-setup.conf: GoBGP and BIRD hold the rule Juniper showed, with discard', async (t) => {
    const text = seedText('2009-flowspec-setup.conf');
    if (!text || !requirePeer('gobgp', t) || !requirePeer('bird', t)) return;
    for (const kind of ['gobgp', 'bird'] as const) {
      const me = loopbackAddress();
      const peerAddr = loopbackAddress();
      const port = await freePort(peerAddr);
      const peer = await receiver(kind, peerAddr, port, 30740, me, 65500);
      const daemon = startDaemon(
        rewriteConfig(text, { '82.219.123.221': peerAddr, '82.219.131.242': me }, port),
      );
      try {
        const [rule] = await waitForFlows(peer, 4, 1, WAIT_MS);
        assert.ok(rule, `${kind} learned no rule; bgpknife log:\n${daemon.log()}`);
        const c = rule.components;
        assert.equal(c.destination, '192.168.0.1/32', kind);
        assert.equal(c.source, '10.0.0.1/32', kind);
        assert.match(c.protocol ?? '', /^=(6|tcp)$/i, kind);
        assert.match(c.port ?? '', /^=80$/, kind);
        assert.match(c['destination-port'] ?? '', /3128/, kind);
        assert.match(c['destination-port'] ?? '', />8080&?\s*<8088/, kind);
        process.stdout.write(`# ${kind}: ${rule.raw}\n`);
        assert.match(c['source-port'] ?? '', /^>1024$/, kind);
        assert.deepEqual(rule.actions, ['discard'], kind);
      } finally {
        await daemon.stop();
        await peer.stop();
      }
    }
  });

  it('2013-ddos-group.conf: both neighbors of the group get "any port but 123", discard (GoBGP and BIRD)', async (t) => {
    const text = seedText('2013-ddos-group.conf');
    if (!text || !requirePeer('gobgp', t) || !requirePeer('bird', t)) return;
    for (const kind of ['gobgp', 'bird'] as const) {
      const me = loopbackAddress();
      const a = loopbackAddress();
      const b = loopbackAddress();
      const port = await freePort(a);
      const peers = [
        await receiver(kind, a, port, 30740, me, 30740),
        await receiver(kind, b, port, 30740, me, 30740),
      ];
      const daemon = startDaemon(
        rewriteConfig(text, { '82.219.0.1': me, '82.219.0.2': a, '82.219.0.3': b }, port),
      );
      try {
        for (const peer of peers) {
          const [rule] = await waitForFlows(peer, 4, 1, WAIT_MS);
          assert.ok(rule, `${kind}: no rule; bgpknife log:\n${daemon.log()}`);
          assert.equal(rule.components.destination, '82.219.4.31/32', kind);
          assert.match(rule.components.protocol ?? '', /^=(17|udp)$/i, kind);
          // Juniper: dstport>=124&<=65535,>=0&<=122 — "any port but 123".
          assert.match(
            rule.components['destination-port'] ?? '',
            /^>\s*123\s*(\|\|)?\s*<\s*123$/,
            `${kind}: ${rule.raw}`,
          );
          assert.deepEqual(rule.actions, ['discard'], kind);
        }
      } finally {
        await daemon.stop();
        for (const p of peers) await p.stop();
      }
    }
  });

  it('2009-ipv4.conf: a prefix given twice ends at the router with the later attributes', async (t) => {
    const text = seedText('2009-ipv4.conf');
    if (!text || !requirePeer('bird', t)) return;
    const me = loopbackAddress();
    const peerAddr = loopbackAddress();
    const port = await freePort(peerAddr);
    const peer = await startPeer({
      kind: 'bird',
      localAddress: peerAddr,
      localPort: port,
      localAs: 65534,
      routerId: peerAddr,
      neighbors: [{ address: me, as: 65000, families: ['ipv4-unicast'] }],
    });
    const daemon = startDaemon(
      rewriteConfig(text, { '192.168.127.128': peerAddr, '192.168.127.1': me }, port),
    );
    try {
      const routes = await waitForRoutes(peer, 'ipv4-unicast', 8, WAIT_MS);
      const by = new Map(routes.map((r) => [r.prefix, r]));
      assert.equal(routes.length, 8, `bgpknife log:\n${daemon.log()}`);
      // eBGP: LOCAL_PREF is not sent; next hop and communities show which line won.
      assert.equal(by.get('10.0.5.0/24')?.nextHop, '192.0.2.92');
      assert.deepEqual(by.get('10.0.5.0/24')?.communities, ['34661:17185']);
      assert.deepEqual(by.get('10.0.7.0/24')?.communities, ['30740:0', '30740:30740']);
      assert.deepEqual(by.get('10.0.8.0/24')?.communities, ['30740:0', '30740:30740']);
      assert.deepEqual(by.get('10.0.3.0/24')?.communities, ['30740:0', '30740:30740']);
      assert.equal(by.get('10.0.1.0/24')?.nextHop, '10.0.255.254');
    } finally {
      await daemon.stop();
      await peer.stop();
    }
  });

  it('every 2009-flowspec-altNN.conf rule is accepted by GoBGP with its components', async (t) => {
    const dir = corpusPath('seeds');
    if (!dir || !requirePeer('gobgp', t)) return;
    const files = readdirSync(dir)
      .filter((f) => /^2009-flowspec-alt\d+\.conf$/.test(f))
      .sort();
    assert.equal(files.length, 14);
    const names: Record<string, string> = {
      'destination-port': 'destination-port',
      'source-port': 'source-port',
    };
    for (const f of files) {
      const text: string = readFileSync(join(dir, f), 'utf8');
      const match: string = /match\s*\{([\s\S]*?)\}/.exec(text)![1]!;
      const wanted: string[] = match
        .split('\n')
        .map((l: string) => l.trim())
        .filter((l: string) => l && !l.startsWith('#'))
        .map((l: string) => l.split(/\s+/)[0]!)
        .map((n: string) => names[n] ?? n)
        .sort();
      const me = loopbackAddress();
      const peerAddr = loopbackAddress();
      const port = await freePort(peerAddr);
      const asns = /local-as (\d+);[\s\S]*peer-as (\d+);/.exec(text)!;
      const peer = await receiver('gobgp', peerAddr, port, Number(asns[2]), me, Number(asns[1]));
      const daemon = startDaemon(
        rewriteConfig(text, { '192.168.127.128': peerAddr, '192.168.127.1': me }, port),
      );
      try {
        const [rule] = await waitForFlows(peer, 4, 1, WAIT_MS);
        assert.ok(rule, `${f}: GoBGP learned no rule; bgpknife log:\n${daemon.log()}`);
        assert.deepEqual(Object.keys(rule.components).sort(), wanted, `${f}: ${rule.raw}`);
      } finally {
        await daemon.stop();
        await peer.stop();
      }
    }
  });
});
