/**
 * Two Session instances talking over the in-memory transport with a manual clock: whole BGP
 * sessions, hold-timer expiry and OPEN errors, with no sockets and no sleeping.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Negotiated } from '../../src/fsm/negotiate.js';
import { DEFAULT_FSM_CONFIG, type DownReason } from '../../src/fsm/types.js';
import { ManualClock } from '../../src/session/clock.js';
import { Session, type SessionHandler } from '../../src/session/session.js';
import { memoryPair } from '../../src/transport/memory.js';
import type { Connection } from '../../src/transport/transport.js';
import type { Capability } from '../../src/wire/capability/types.js';
import { makeOpen, twoOctetAsn } from '../../src/wire/message/open.js';
import type { Message } from '../../src/wire/message/types.js';

interface Log {
  established: Negotiated[];
  down: { reason: DownReason; notification?: string }[];
  messages: Message[];
  sentTypes: number[];
}

function handler(log: Log): SessionHandler {
  return {
    established: (n) => log.established.push(n),
    message: (m) => log.messages.push(m),
    down: (reason, _was, n) =>
      log.down.push({ reason, notification: n ? `${n.code}/${n.subcode}` : undefined }),
    drain: () => {},
    sent: (raw) => log.sentTypes.push(raw[18]!),
  };
}

const caps = (asn: number, families: [number, number][]): Capability[] => [
  ...families.map(([afi, safi]): Capability => ({ kind: 'multiprotocol', afi, safi })),
  { kind: 'asn4', asn },
  { kind: 'route-refresh' },
];

interface Side {
  asn: number;
  routerId: string;
  hold: number;
  families: [number, number][];
  expectPeerAs: number;
  passive?: boolean;
}

/** Two sessions, A dialling B through a memory pair that B accepts. */
function pair(a: Side, b: Side, clock = new ManualClock()) {
  const logA: Log = { established: [], down: [], messages: [], sentTypes: [] };
  const logB: Log = { established: [], down: [], messages: [], sentTypes: [] };
  let sessionB!: Session;
  const make = (s: Side, other: Side, log: Log, connect: () => Promise<Connection>) =>
    new Session({
      name: s.routerId,
      fsm: { ...DEFAULT_FSM_CONFIG, holdTimeSeconds: s.hold, passive: s.passive ?? false },
      localOpen: makeOpen({
        asn: twoOctetAsn(s.asn),
        holdTimeSeconds: s.hold,
        routerId: s.routerId,
        capabilities: caps(s.asn, s.families),
      }),
      expect: { peerAsn: s.expectPeerAs, localRouterId: s.routerId, internal: s.asn === other.asn },
      clock,
      random: () => 0.5,
      connect,
      handler: handler(log),
    });
  const sessionA = make(a, b, logA, async () => {
    const [ca, cb] = memoryPair();
    sessionB.accept(cb);
    return ca;
  });
  sessionB = make(b, a, logB, () => Promise.reject(new Error('B never dials')));
  return { clock, sessionA, sessionB, logA, logB };
}

/** Let microtasks (memory transport deliveries) run. */
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}

const A: Side = {
  asn: 65001,
  routerId: '10.0.0.1',
  hold: 90,
  families: [
    [1, 1],
    [2, 1],
  ],
  expectPeerAs: 4200000000,
};
const B: Side = {
  asn: 4200000000,
  routerId: '10.0.0.2',
  hold: 30,
  families: [
    [1, 1],
    [1, 133],
  ],
  expectPeerAs: 65001,
  passive: true,
};

describe('Session over the memory transport', () => {
  it('establishes, negotiating hold time, families and 4-octet AS', async () => {
    const { sessionA, sessionB, logA, logB } = pair(A, B);
    sessionB.start();
    sessionA.start();
    await settle();
    assert.equal(sessionA.stateName, 'established');
    assert.equal(sessionB.stateName, 'established');
    const n = logA.established[0]!;
    assert.equal(n.holdTimeSeconds, 30);
    assert.deepEqual(n.families, [1 * 256 + 1]);
    assert.equal(n.asn4, true);
    assert.equal(n.peerAs, 4200000000);
    assert.equal(logB.established[0]!.peerAs, 65001);
    assert.deepEqual(logA.sentTypes.slice(0, 2), [1, 4], 'OPEN then KEEPALIVE');
  });

  it('keeps the session up with keepalives as manual time passes, then stops with Cease 6/2', async () => {
    const { clock, sessionA, sessionB, logA, logB } = pair(A, B);
    sessionB.start();
    sessionA.start();
    await settle();
    for (let i = 0; i < 30; i++) {
      clock.advance(5_000); // 150 s in all: five times the 30 s hold time
      await settle(5);
    }
    assert.equal(sessionA.stateName, 'established');
    assert.equal(sessionB.stateName, 'established');
    const keepalives = logA.sentTypes.filter((t) => t === 4).length;
    assert.ok(keepalives >= 150 / 10, `A sent ${keepalives} keepalives in 150 s with a 10 s interval`);
    sessionA.stop();
    await settle();
    assert.deepEqual(logA.down.at(-1), { reason: 'manual-stop', notification: '6/2' });
    assert.equal(logB.down.at(-1)?.reason, 'notification-received');
    assert.equal(logB.down.at(-1)?.notification, '6/2');
  });

  it('expires the hold timer when the peer goes silent (NOTIFICATION 4/0)', async () => {
    const { clock, sessionA, sessionB, logB } = pair(A, B);
    sessionB.start();
    sessionA.start();
    await settle();
    // Silence A without closing anything: its writes are swallowed from now on.
    (sessionA as unknown as { conn?: { write(b: Buffer): boolean } }).conn!.write = () => true;
    clock.advance(31_000);
    await settle();
    assert.equal(logB.down.at(-1)?.reason, 'hold-timer-expired');
    assert.equal(logB.down.at(-1)?.notification, '4/0');
    assert.notEqual(sessionB.stateName, 'established');
  });

  it('refuses a peer with the wrong AS with NOTIFICATION 2/2 (Bad Peer AS)', async () => {
    const { sessionA, sessionB, logA, logB } = pair(A, { ...B, asn: 65099 });
    sessionB.start();
    sessionA.start();
    await settle();
    assert.equal(logA.established.length, 0);
    assert.deepEqual(logA.down[0], { reason: 'notification-sent', notification: '2/2' });
    assert.equal(logB.down[0]?.notification, '2/2');
  });

  it('reconnects after the connection fails, with back-off', async () => {
    const { clock, sessionA, sessionB, logA } = pair(A, B);
    sessionB.start();
    sessionA.start();
    await settle();
    sessionB.stop();
    await settle();
    assert.equal(logA.down.length, 1);
    assert.notEqual(sessionA.stateName, 'established');
    sessionB.start();
    // Time moves in steps, as on a real clock, so each dial can complete between timers.
    for (let i = 0; i < 10 && sessionA.stateName !== 'established'; i++) {
      clock.advance(1_000);
      await settle();
    }
    assert.equal(sessionA.stateName, 'established', 'A dialled again after its connect-retry timer');
    assert.equal(logA.established.length, 2);
  });
});
