/**
 * ExaBGP's neighbor `rate-limit N`: at most N UPDATEs a second reach the peer; the rest follow
 * second by second. A bgpknife Peer and a collecting Session over the memory transport, on a
 * manual clock: nothing sleeps.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadConfigText } from '../../src/daemon/load.js';
import { Peer } from '../../src/daemon/peer.js';
import { DEFAULT_FSM_CONFIG } from '../../src/fsm/types.js';
import { ManualClock } from '../../src/session/clock.js';
import { Session } from '../../src/session/session.js';
import { memoryPair } from '../../src/transport/memory.js';
import { makeOpen } from '../../src/wire/message/open.js';
import { isEndOfRib } from '../../src/wire/message/update.js';

const settle = async (rounds = 30) => {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
};

function config(rateLimit: number): string {
  // Ten routes with ten different MEDs: ten UPDATEs.
  const routes = Array.from(
    { length: 10 },
    (_, i) => `    route 10.0.${i}.0/24 next-hop 192.0.2.1 med ${i};`,
  ).join('\n');
  return `neighbor 192.0.2.2 {\n  router-id 192.0.2.1;\n  local-address 192.0.2.1;\n  local-as 65001;\n  peer-as 65002;\n  rate-limit ${rateLimit};\n  family { ipv4 unicast; }\n  static {\n${routes}\n  }\n}\n`;
}

async function run(rateLimit: number, seconds: number): Promise<number[]> {
  const n = loadConfigText(config(rateLimit), 't.conf').config!.neighbors[0]!;
  const clock = new ManualClock();
  const [a, b] = memoryPair();
  let updates = 0;
  let collector!: Session;
  const peer = new Peer(n, {
    clock,
    random: () => 0.5,
    open: { softwareVersion: 't', hostName: 't', domainName: '', restarted: false },
    connect: async () => {
      collector.accept(b);
      return a;
    },
    connectRetrySeconds: 5,
    attempts: 1,
    finished: () => {},
  });
  collector = new Session({
    name: 'collector',
    fsm: { ...DEFAULT_FSM_CONFIG, passive: true },
    localOpen: makeOpen({
      asn: 65002,
      holdTimeSeconds: 180,
      routerId: '192.0.2.2',
      capabilities: [
        { kind: 'multiprotocol', afi: 1, safi: 1 },
        { kind: 'asn4', asn: 65002 },
      ],
    }),
    expect: { peerAsn: 65001, localRouterId: '192.0.2.2' },
    clock,
    random: () => 0.5,
    connect: () => Promise.reject(new Error('listens only')),
    handler: {
      established: () => {},
      message: (m) => {
        if (m.kind === 'update' && isEndOfRib(m) === undefined) updates++;
      },
      down: () => {},
      drain: () => {},
    },
  });
  collector.start();
  peer.start();
  const perSecond: number[] = [];
  await settle();
  for (let s = 0; s < seconds; s++) {
    const before = updates;
    clock.advance(1000);
    await settle();
    perSecond.push(updates - before);
  }
  peer.stop();
  collector.stop();
  return [updates, ...perSecond];
}

describe('neighbor rate-limit (ExaBGP)', () => {
  it('sends at most N UPDATEs a second, then the rest second by second', async () => {
    const [total, ...perSecond] = await run(3, 5);
    assert.equal(total, 10);
    // 3 in the first second (before the clock moves), then 3, 3, 1.
    assert.deepEqual(perSecond, [3, 3, 1, 0, 0]);
  });

  it('sends everything at once without a limit', async () => {
    const [total, ...perSecond] = await run(0, 1);
    assert.equal(total, 10);
    assert.deepEqual(perSecond, [0]);
  });
});
