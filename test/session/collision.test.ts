/**
 * Connection collision (RFC 4271 §6.8) between two Sessions that dial each other at the same
 * time, over the memory transport with a manual clock: exactly one connection survives — the
 * one initiated by the speaker with the higher BGP Identifier — the other is closed with
 * Cease / Connection Collision Resolution (6/7), and both sessions stay Established.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_FSM_CONFIG, type DownReason } from '../../src/fsm/types.js';
import { ManualClock } from '../../src/session/clock.js';
import { Session } from '../../src/session/session.js';
import { memoryPair } from '../../src/transport/memory.js';
import type { Connection } from '../../src/transport/transport.js';
import { encodeKeepalive } from '../../src/wire/message/keepalive.js';
import { encodeOpen, makeOpen, twoOctetAsn } from '../../src/wire/message/open.js';

interface Side {
  readonly session: Session;
  readonly down: DownReason[];
  readonly established: number[];
  /** NOTIFICATIONs sent: code/subcode from the raw bytes. */
  readonly notifications: string[];
  dials: number;
}

async function settle(rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

function speaker(
  clock: ManualClock,
  routerId: string,
  asn: number,
  peerAsn: number,
  port: number,
  other: () => Side,
): Side {
  const side: Side = {
    session: undefined as unknown as Session,
    down: [],
    established: [],
    notifications: [],
    dials: 0,
  };
  const connect = async (): Promise<Connection> => {
    side.dials++;
    const peerAddress = routerId === '10.0.0.1' ? '10.0.0.2' : '10.0.0.1';
    const [mine, theirs] = memoryPair(
      { localAddress: routerId, localPort: port },
      { localAddress: peerAddress, localPort: 179 },
    );
    // The peer learns of the connection a moment later, as with TCP: both dial before either accepts.
    setImmediate(() => other().session.accept(theirs));
    return mine;
  };
  (side as { session: Session }).session = new Session({
    name: routerId,
    fsm: { ...DEFAULT_FSM_CONFIG, holdTimeSeconds: 9 },
    localOpen: makeOpen({
      asn: twoOctetAsn(asn),
      holdTimeSeconds: 9,
      routerId,
      capabilities: [{ kind: 'asn4', asn }],
    }),
    expect: { peerAsn: peerAsn, localRouterId: routerId, internal: false },
    clock,
    random: () => 0.5,
    connect,
    handler: {
      established: () => side.established.push(clock.nowMs()),
      message: () => {},
      down: (reason) => side.down.push(reason),
      drain: () => {},
      sent: (raw) => {
        if (raw[18] === 3) side.notifications.push(`${raw[19]}/${raw[20]}`);
      },
    },
  });
  return side;
}

async function collide(idA: string, idB: string) {
  const clock = new ManualClock();
  let a!: Side;
  let b!: Side;
  a = speaker(clock, idA, 65001, 65002, 40001, () => b);
  b = speaker(clock, idB, 65002, 65001, 40002, () => a);
  a.session.start();
  b.session.start();
  await settle();
  return { clock, a, b };
}

describe('Session: connection collision (RFC 4271 §6.8)', () => {
  for (const [idA, idB] of [
    ['10.0.0.1', '10.0.0.2'],
    ['10.0.0.2', '10.0.0.1'],
  ] as const) {
    it(`A ${idA} and B ${idB} dial each other: the higher identifier's connection survives`, async () => {
      const { clock, a, b } = await collide(idA, idB);
      assert.equal(a.dials, 1);
      assert.equal(b.dials, 1);
      assert.equal(a.session.stateName, 'established');
      assert.equal(b.session.stateName, 'established');
      assert.equal(a.established.length, 1);
      assert.equal(b.established.length, 1);
      // The survivor was dialled by the higher identifier: its source port is that side's.
      const [high, low] = idA > idB ? [a, b] : [b, a];
      const highPort = high === a ? 40001 : 40002;
      assert.equal(high.session.connectionInfo?.localPort, highPort);
      assert.equal(low.session.connectionInfo?.remotePort, highPort);
      // The connection the lower side dialled was closed with Cease 6/7 — by the lower side
      // (collision lost) or by the higher side (the newer connection refused), depending on who
      // saw both OPENs first; either way the lower side's attempt on it ended, nothing else.
      assert.deepEqual([...low.notifications, ...high.notifications], ['6/7']);
      assert.equal(low.down.length, 1);
      assert.match(low.down[0]!, /^(collision|notification-received)$/);
      assert.deepEqual(high.down, []);
      // And it stays up: keepalives flow on the survivor for several hold times.
      for (let i = 0; i < 10; i++) {
        clock.advance(1000);
        await settle(5);
      }
      assert.equal(a.session.stateName, 'established');
      assert.equal(b.session.stateName, 'established');
      assert.equal(low.down.length, 1);
      assert.deepEqual(high.down, []);
    });
  }

  it('a connection arriving in Established is closed; the session is untouched', async () => {
    const { a, b } = await collide('10.0.0.1', '10.0.0.2');
    const [extra, theirs] = memoryPair();
    let closed = false;
    extra.attach({ data: () => {}, close: () => (closed = true), drain: () => {} });
    b.session.accept(theirs);
    await settle();
    assert.equal(closed, true);
    assert.equal(a.session.stateName, 'established');
    assert.equal(b.session.stateName, 'established');
  });

  /** A scripted far end: records the message types it receives and whether it was closed. */
  function farEnd(c: Connection) {
    const seen = { types: [] as number[], notifications: [] as string[], closed: false };
    c.attach({
      data: (chunk) => {
        // Messages may share a chunk: walk their headers (length at 16, type at 18).
        for (let at = 0; at + 19 <= chunk.length; at += chunk.readUInt16BE(at + 16)) {
          seen.types.push(chunk[at + 18]!);
          if (chunk[at + 18] === 3) seen.notifications.push(`${chunk[at + 19]}/${chunk[at + 20]}`);
        }
      },
      close: () => (seen.closed = true),
      drain: () => {},
    });
    return seen;
  }

  for (const [local, winner] of [
    ['10.0.0.1', 'incoming'],
    ['10.0.0.3', 'outgoing'],
  ] as const) {
    it(`local ${local}, remote 10.0.0.2 in OpenSent: the ${winner} connection wins, one OPEN per connection`, async () => {
      const clock = new ManualClock();
      const [ours, oursFar] = memoryPair();
      const session = new Session({
        name: 'a',
        fsm: { ...DEFAULT_FSM_CONFIG, holdTimeSeconds: 9 },
        localOpen: makeOpen({ asn: 65001, holdTimeSeconds: 9, routerId: local, capabilities: [] }),
        expect: { peerAsn: 65002, localRouterId: local, internal: false },
        clock,
        random: () => 0.5,
        connect: async () => ours,
        handler: { established: () => {}, message: () => {}, down: () => {}, drain: () => {} },
      });
      const outgoing = farEnd(oursFar);
      session.start();
      await settle();
      assert.equal(session.stateName, 'open-sent');
      const [theirs, theirsFar] = memoryPair();
      const incoming = farEnd(theirsFar);
      session.accept(theirs);
      // The remote speaker (BGP Identifier 10.0.0.2) sends its OPEN and KEEPALIVE on its connection.
      const open = makeOpen({ asn: 65002, holdTimeSeconds: 9, routerId: '10.0.0.2', capabilities: [] });
      theirsFar.write(Buffer.concat([encodeOpen(open), encodeKeepalive()]));
      await settle();
      const [kept, dropped] = winner === 'incoming' ? [incoming, outgoing] : [outgoing, incoming];
      assert.deepEqual(dropped.notifications, ['6/7']);
      assert.equal(dropped.closed, true);
      assert.equal(kept.closed, false);
      assert.equal(kept.types.filter((t) => t === 1).length, 1, 'one OPEN on the surviving connection');
      if (winner === 'incoming') {
        assert.equal(session.stateName, 'established');
        assert.deepEqual(kept.types, [1, 4]);
      } else assert.equal(session.stateName, 'open-sent');
    });
  }
});
