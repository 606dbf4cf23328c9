/**
 * Hostile peers against bgpknife's Peer over real TCP on loopback (test/support/knife-peer.ts
 * and scripted-peer.ts; every byte the peer sends is built here). Each case ends as the RFCs
 * say — the NOTIFICATION code/subcode, or RFC 7606 treat-as-withdraw with the session kept —
 * and a second, well-behaved peer in the same process keeps its session and its routes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IPV4_UNICAST } from '../../src/wire/nlri/family.js';
import { type KnifePeer, neighborOf, neighborText, startKnifePeer } from '../support/knife-peer.js';
import {
  attribute,
  baseAttributes,
  bgpMessage,
  KEEPALIVE,
  NOTIFICATION,
  openMessage,
  prefixes,
  ScriptedPeer,
  UPDATE,
  updateMessage,
} from '../support/scripted-peer.js';

const WAIT_MS = 5000;
const GOOD_ROUTES = ['10.1.1.0/24', '10.1.2.0/24'];

async function until(pred: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** One hostile case: a fresh bgpknife Peer, a scripted peer established with it, then `act`. */
async function hostile(
  act: (p: ScriptedPeer, k: KnifePeer) => Promise<void>,
  extra = 'static { route 10.9.0.0/16 next-hop 192.0.2.1; }',
): Promise<void> {
  const k = await startKnifePeer(neighborOf(neighborText(65002, extra)));
  const p = await ScriptedPeer.established(k.port, 65002, '10.0.0.3');
  try {
    await act(p, k);
  } finally {
    p.close();
    await k.stop();
  }
}

/** The peer sent `bytes` and must get NOTIFICATION code/subcode, then see the connection closed. */
async function expectNotification(bytes: Buffer, expected: string): Promise<void> {
  await hostile(async (p, k) => {
    p.send(bytes);
    await p.waitFor((r) => r.type === NOTIFICATION, WAIT_MS);
    assert.equal(p.notification(), expected);
    await p.waitClosed(WAIT_MS);
    await until(() => k.downs.length > 0, WAIT_MS, 'the session to go down');
    assert.match(k.downs[0]!, new RegExp(`notification-sent|${expected}`));
  });
}

describe('hostile peers (bgpknife Peer over loopback TCP)', () => {
  let good: KnifePeer;
  let goodPeer: ScriptedPeer;

  before(async () => {
    good = await startKnifePeer(
      neighborOf(neighborText(65001, 'static { route 10.200.0.0/16 next-hop 192.0.2.1; }')),
    );
    goodPeer = await ScriptedPeer.established(good.port, 65001, '10.0.0.2');
    goodPeer.send(updateMessage(Buffer.alloc(0), baseAttributes(65001), prefixes(GOOD_ROUTES)));
    await until(() => good.peer.ribIn.rib.size === 2, WAIT_MS, 'the good peer routes');
  });

  /** After every case: the other peer's session is up, its routes kept, nothing sent to it but routine. */
  async function goodPeerUnharmed(): Promise<void> {
    goodPeer.send(bgpMessage(KEEPALIVE));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(good.peer.session.stateName, 'established');
    assert.equal(good.peer.ribIn.rib.size, 2);
    assert.deepEqual(good.downs, []);
    assert.equal(goodPeer.notification(), undefined);
    assert.equal(goodPeer.closed, false);
  }

  after(async () => {
    goodPeer.close();
    await good.stop();
  });

  it('a message longer than 4096 bytes (no extended message): 1/2 Bad Message Length', async () => {
    await expectNotification(bgpMessage(UPDATE, Buffer.alloc(4100)), '1/2');
    await goodPeerUnharmed();
  });

  it('a length field below 19: 1/2 Bad Message Length', async () => {
    await expectNotification(bgpMessage(KEEPALIVE, Buffer.alloc(0), 18), '1/2');
    await goodPeerUnharmed();
  });

  it('a KEEPALIVE with a body (length lies about the type): 1/2', async () => {
    await expectNotification(bgpMessage(KEEPALIVE, Buffer.alloc(4)), '1/2');
    await goodPeerUnharmed();
  });

  it('an UPDATE whose Withdrawn Routes Length overruns it: 3/1 Malformed Attribute List', async () => {
    const body = Buffer.from([0x00, 0x40, 0x18, 0x0a, 0x01]);
    await expectNotification(bgpMessage(UPDATE, body), '3/1');
    await goodPeerUnharmed();
  });

  it('an UPDATE truncated inside its attributes (Total Path Attribute Length lies): 3/1', async () => {
    const attrs = baseAttributes(65002);
    const body = Buffer.concat([Buffer.from([0, 0, 0, attrs.length + 10]), attrs]);
    await expectNotification(bgpMessage(UPDATE, body), '3/1');
    await goodPeerUnharmed();
  });

  it('MP_REACH_NLRI twice in one UPDATE: 3/1 (RFC 7606 §3 g)', async () => {
    const mp = attribute(
      0x80,
      14,
      Buffer.from([0, 2, 1, 16, ...Buffer.alloc(15), 1, 0, 32, 0x20, 0x01, 0x0d, 0xb8]),
    );
    const attrs = Buffer.concat([baseAttributes(65002), mp, mp]);
    await expectNotification(updateMessage(Buffer.alloc(0), attrs, Buffer.alloc(0)), '3/1');
    await goodPeerUnharmed();
  });

  it('an NLRI prefix length of 33: 3/10 Invalid Network Field (RFC 7606 §5.3: session reset)', async () => {
    const nlri = Buffer.from([33, 10, 1, 1, 1, 1]);
    await expectNotification(updateMessage(Buffer.alloc(0), baseAttributes(65002), nlri), '3/10');
    await goodPeerUnharmed();
  });

  it('an NLRI that runs past the end of the UPDATE: 3/10', async () => {
    const nlri = Buffer.from([24, 10, 1]);
    await expectNotification(updateMessage(Buffer.alloc(0), baseAttributes(65002), nlri), '3/10');
    await goodPeerUnharmed();
  });

  it('ORIGIN with the optional flag set, or a length of 2: treat-as-withdraw, session kept (RFC 7606 §7.1)', async () => {
    await hostile(async (p, k) => {
      p.send(updateMessage(Buffer.alloc(0), baseAttributes(65002), prefixes(['10.7.1.0/24', '10.7.2.0/24'])));
      await until(() => k.peer.ribIn.rib.size === 2, WAIT_MS, 'two routes');
      const flagsLie = Buffer.concat([
        attribute(0xc0, 1, Buffer.from([0])),
        attribute(0x40, 2, Buffer.from([2, 1, 0, 0, 0xfd, 0xea])),
        attribute(0x40, 3, Buffer.from([192, 0, 2, 9])),
      ]);
      p.send(updateMessage(Buffer.alloc(0), flagsLie, prefixes(['10.7.1.0/24'])));
      const lengthLie = Buffer.concat([
        attribute(0x40, 1, Buffer.from([0, 0])),
        attribute(0x40, 2, Buffer.from([2, 1, 0, 0, 0xfd, 0xea])),
        attribute(0x40, 3, Buffer.from([192, 0, 2, 9])),
      ]);
      p.send(updateMessage(Buffer.alloc(0), lengthLie, prefixes(['10.7.2.0/24'])));
      await until(() => k.peer.updatesReceived === 3, WAIT_MS, 'three UPDATEs');
      assert.equal(k.peer.ribIn.rib.size, 0, 'both routes treated as withdrawn');
      assert.equal(k.peer.session.stateName, 'established');
      assert.equal(p.notification(), undefined);
    });
    await goodPeerUnharmed();
  });

  it('an attribute length lie on an optional attribute (MED of 3 bytes): treat-as-withdraw', async () => {
    await hostile(async (p, k) => {
      const attrs = Buffer.concat([baseAttributes(65002), attribute(0x80, 4, Buffer.from([0, 0, 1]))]);
      p.send(updateMessage(Buffer.alloc(0), baseAttributes(65002), prefixes(['10.8.1.0/24'])));
      p.send(updateMessage(Buffer.alloc(0), attrs, prefixes(['10.8.1.0/24'])));
      await until(() => k.peer.updatesReceived === 2, WAIT_MS, 'two UPDATEs');
      assert.equal(k.peer.ribIn.rib.size, 0);
      assert.equal(k.peer.session.stateName, 'established');
      assert.equal(p.notification(), undefined);
    });
    await goodPeerUnharmed();
  });

  it('1,000,000 withdrawals of routes never announced: session kept, nothing learned', async () => {
    const TOTAL = 1_000_000;
    const PER_UPDATE = 1000; // 4 octets per /24: 4,023 bytes per UPDATE
    await hostile(async (p, k) => {
      let sent = 0;
      let updates = 0;
      while (sent < TOTAL) {
        const n = Math.min(PER_UPDATE, TOTAL - sent);
        const w = Buffer.alloc(n * 4);
        for (let i = 0; i < n; i++) {
          const x = sent + i;
          w.writeUInt8(24, i * 4);
          w.writeUInt8(1 + (x >> 16), i * 4 + 1);
          w.writeUInt8((x >> 8) & 255, i * 4 + 2);
          w.writeUInt8(x & 255, i * 4 + 3);
        }
        if (!p.send(updateMessage(w, Buffer.alloc(0), Buffer.alloc(0))))
          await new Promise((r) => p.socket.once('drain', r));
        sent += n;
        updates++;
      }
      await until(() => k.peer.updatesReceived === updates, 30_000, 'every withdrawal');
      assert.equal(k.peer.ribIn.rib.size, 0);
      assert.equal(k.peer.session.stateName, 'established');
      assert.equal(p.notification(), undefined);
    });
    await goodPeerUnharmed();
  });

  it('a second OPEN on an established session: 5/3 FSM error (RFC 6608)', async () => {
    await expectNotification(openMessage(65002, '10.0.0.3'), '5/3');
    await goodPeerUnharmed();
  });

  it('a flood of 200 connections sending OPENs: each closed, the established session kept', async () => {
    await hostile(async (p, k) => {
      const flood = await Promise.all(Array.from({ length: 200 }, () => ScriptedPeer.connect(k.port)));
      for (const f of flood) f.send(openMessage(65002, '10.0.0.3'));
      // Refused at once: a refused connection does not linger (it would hold a descriptor).
      await Promise.all(flood.map((f) => f.waitClosed(2000)));
      for (const f of flood) {
        const n = f.notification();
        assert.ok(n === undefined || n.startsWith('6/'), `flood connection got ${n}`);
      }
      assert.equal(k.peer.session.stateName, 'established');
      assert.equal(p.closed, false);
      assert.equal(p.notification(), undefined);
    });
    await goodPeerUnharmed();
  });

  it('the good peer still has its routes by family', () => {
    assert.equal([...good.peer.ribIn.rib.routes(IPV4_UNICAST)].length, 2);
  });
});
