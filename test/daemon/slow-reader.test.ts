/**
 * A slow-reading peer (it stops reading once the session is up) must not make bgpknife buffer
 * without bound: the pump stops on back-pressure (the socket's high-water mark), the bytes
 * handed to the socket stop growing, and route churn meanwhile only replaces pending changes
 * in the Adj-RIB-Out (at most two per route), it never queues more. (The batch being packed
 * when the socket filled is one snapshot of pending changes, also at most two per route.) When the peer reads again,
 * every route arrives. A second peer in the same process keeps its session throughout.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { NeighborConfig } from '../../src/config/lower/model.js';
import { RouteList } from '../../src/rib/route-list.js';
import { TCP_HIGH_WATER_BYTES } from '../../src/transport/tcp.js';
import { neighborOf, neighborText, startKnifePeer } from '../support/knife-peer.js';
import { bgpMessage, KEEPALIVE, ScriptedPeer } from '../support/scripted-peer.js';

const ROUTES = Number(process.env.SLOW_ROUTES ?? 100_000);
/** One maximum-size message may be written past the high-water mark before write() says stop. */
const MAX_BUFFERED = TCP_HIGH_WATER_BYTES + 4096;

function bulk(n: NeighborConfig, nextHop: string): NeighborConfig {
  const template = n.routes.at(0)!;
  const routes = new RouteList();
  for (let i = 0; i < ROUTES; i++) {
    const ip = `${20 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0`;
    // A MED of its own per route: one UPDATE per route (about 80 bytes), megabytes in all.
    routes.push({
      ...template,
      attributes: [...template.attributes, { kind: 'med', value: i }],
      nextHop: { kind: 'ip', ip: nextHop },
      nlri: { kind: 'inet', family: template.nlri.family, ip, length: 24 },
    });
  }
  routes.trim();
  return { ...n, routes };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function plateau(read: () => number): Promise<number> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    const now = read();
    if (now === last) return now;
    last = now;
    await sleep(300);
  }
  throw new Error('never settled');
}

describe('slow-reading peer', () => {
  it(`${ROUTES} routes to a peer that does not read: bounded buffers, then every route`, {
    timeout: 120_000,
  }, async () => {
    const base = neighborOf(neighborText(65002, 'static { route 1.0.0.0/24 next-hop 192.0.2.1; }'));
    const slow = await startKnifePeer(bulk(base, '192.0.2.1'));
    const other = await startKnifePeer(neighborOf(neighborText(65001)));
    const otherPeer = await ScriptedPeer.established(other.port, 65001, '10.0.0.2');
    let sentBytes = 0;
    slow.peer.observer = { ...slow.peer.observer!, sent: (raw) => (sentBytes += raw.length) };
    const p = await ScriptedPeer.established(slow.port, 65002, '10.0.0.3', false);
    p.socket.pause();
    try {
      const stalled = await plateau(() => sentBytes);
      // 100,000 /24s take well over 1 MB of UPDATEs; the kernel's buffers hold some, not all.
      assert.ok(p.announced < ROUTES, 'the peer has not read everything');
      assert.ok(
        slow.peer.session.bufferedBytes <= MAX_BUFFERED,
        `buffered ${slow.peer.session.bufferedBytes}`,
      );
      // Churn while stalled: every route changes next-hop twice. Pending changes are replaced.
      for (const hop of ['192.0.2.2', '192.0.2.3']) {
        slow.peer.replaceRoutes(bulk(base, hop));
        await sleep(200);
        assert.ok(
          slow.peer.rib.pendingSize <= 2 * slow.peer.rib.size,
          `pending ${slow.peer.rib.pendingSize}`,
        );
        assert.ok(slow.peer.session.bufferedBytes <= MAX_BUFFERED);
      }
      const after = await plateau(() => sentBytes);
      // A zero-window probe may let one more message through; a churn's worth never does.
      assert.ok(after - stalled <= 4096, `${after - stalled} more bytes handed to the socket`);
      otherPeer.send(bgpMessage(KEEPALIVE));
      assert.equal(other.peer.session.stateName, 'established');
      // The peer reads again: everything arrives, and the session is still up.
      p.socket.resume();
      const deadline = Date.now() + 90_000;
      while (slow.peer.rib.hasPending() || slow.peer.session.bufferedBytes > 0 || p.announced < ROUTES) {
        if (Date.now() > deadline) throw new Error(`stuck at ${p.announced} prefixes`);
        await sleep(50);
      }
      assert.ok(stalled < p.bytes, `the kernel took all ${p.bytes} bytes: raise ROUTES`);
      assert.equal(slow.peer.session.stateName, 'established');
      assert.equal(p.notification(), undefined);
      assert.deepEqual(other.downs, []);
    } finally {
      p.close();
      otherPeer.close();
      await slow.stop();
      await other.stop();
    }
  });
});
