/**
 * Nothing blocks the event loop (ARCHITECTURE §2.12): one bgpknife Peer sends 500,000 routes
 * while a second Peer in the same process keeps a session with a 3 s hold time. Both Peers are
 * the daemon's own (src/daemon/peer.ts, real clock); their neighbors are Sessions over the
 * memory transport in this process, so the receiving side shares the loop too. The only timed
 * assertion is the protocol's own: no hold timer expires anywhere, and every gap between the
 * KEEPALIVEs the second neighbor receives is shorter than the hold time.
 */
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import type { NeighborConfig } from '../../src/config/lower/model.js';
import { SYSTEM_CLOCK } from '../../src/daemon/clock.js';
import { loadConfigText } from '../../src/daemon/load.js';
import { Peer } from '../../src/daemon/peer.js';
import { DEFAULT_FSM_CONFIG, type DownReason } from '../../src/fsm/types.js';
import { RouteList } from '../../src/rib/route-list.js';
import { Session } from '../../src/session/session.js';
import { memoryPair } from '../../src/transport/memory.js';
import { makeOpen } from '../../src/wire/message/open.js';
import { isEndOfRib } from '../../src/wire/message/update.js';

const ROUTES = 500_000;
const HOLD_SECONDS = 3;
/** Bound on the whole test: the transfer must end well before it. */
const TEST_TIMEOUT_MS = 90_000;

const CONFIG = `
neighbor 10.0.0.2 { router-id 10.0.0.1; local-address 10.0.0.1; local-as 65000; peer-as 65001;
  family { ipv4 unicast; }
  static { route 1.0.0.0/24 next-hop 192.0.2.1 community [ 65000:1 ] med 10; } }
neighbor 10.0.0.3 { router-id 10.0.0.1; local-address 10.0.0.1; local-as 65000; peer-as 65002;
  hold-time ${HOLD_SECONDS}; family { ipv4 unicast; } }
`;

/** 500,000 distinct /24s sharing one attribute set (as a big configuration interns them). */
function bulk(n: NeighborConfig): NeighborConfig {
  const template = n.routes.at(0)!;
  const routes = new RouteList();
  for (let i = 0; i < ROUTES; i++) {
    const ip = `${1 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.0`;
    routes.push({ ...template, nlri: { kind: 'inet', family: template.nlri.family, ip, length: 24 } });
  }
  routes.trim();
  return { ...n, routes };
}

interface Receiver {
  prefixes: number;
  eor: boolean;
  keepalives: number[];
  down: DownReason[];
}

function receiver(asn: number, hold: number, rec: Receiver): Session {
  return new Session({
    name: `receiver-${asn}`,
    fsm: { ...DEFAULT_FSM_CONFIG, passive: true, holdTimeSeconds: hold },
    localOpen: makeOpen({
      asn,
      holdTimeSeconds: hold,
      routerId: `10.0.1.${asn - 65000}`,
      capabilities: [
        { kind: 'multiprotocol', afi: 1, safi: 1 },
        { kind: 'asn4', asn },
      ],
    }),
    expect: { peerAsn: 65000, localRouterId: `10.0.1.${asn - 65000}`, internal: false },
    clock: SYSTEM_CLOCK,
    random: Math.random,
    connect: () => Promise.reject(new Error('passive')),
    handler: {
      established: () => {},
      message: (m) => {
        if (m.kind !== 'update') return;
        rec.prefixes += m.nlri.length;
        if (isEndOfRib(m) !== undefined) rec.eor = true;
      },
      down: (reason) => rec.down.push(reason),
      drain: () => {},
      received: (m) => {
        if (m.kind === 'keepalive') rec.keepalives.push(performance.now());
      },
    },
  });
}

describe('never blocking', () => {
  it(`keeps a ${HOLD_SECONDS} s hold-time session alive while another peer takes ${ROUTES} routes`, {
    timeout: TEST_TIMEOUT_MS,
  }, async (t) => {
    const loaded = loadConfigText(CONFIG, 'never-block.conf');
    assert.ok(loaded.config, loaded.messages.join('\n'));
    const [bigConfig, smallConfig] = loaded.config.neighbors;
    const big: Receiver = { prefixes: 0, eor: false, keepalives: [], down: [] };
    const small: Receiver = { prefixes: 0, eor: false, keepalives: [], down: [] };
    const receivers = [receiver(65001, 180, big), receiver(65002, HOLD_SECONDS, small)];
    const knifeDown: string[] = [];
    const peers = [bulk(bigConfig!), smallConfig!].map(
      (config, i) =>
        new Peer(config, {
          clock: SYSTEM_CLOCK,
          random: Math.random,
          open: { softwareVersion: 'bgpknife/test', hostName: 'h', domainName: 'd', restarted: false },
          connect: async () => {
            const [mine, theirs] = memoryPair();
            receivers[i]!.accept(theirs);
            return mine;
          },
          connectRetrySeconds: 1,
          attempts: 0,
          finished: () => {},
        }),
    );
    const onDown = (m: unknown) => {
      const e = m as { peer: string; from: string; to: string };
      if (e.from === 'established') knifeDown.push(`${e.peer}: ${e.to}`);
    };
    const { CHANNELS } = await import('../../src/observe/channels.js');
    CHANNELS.sessionState.subscribe(onDown);
    for (const r of receivers) r.start();
    const started = performance.now();
    for (const p of peers) p.start();
    try {
      // Wait (bounded by the test timeout) for every route and End-of-RIB, and at least two
      // hold times, so that several keepalives are measured whatever the machine's speed.
      while (!big.eor || performance.now() - started < 2 * HOLD_SECONDS * 1000) {
        await new Promise((r) => setTimeout(r, 50));
        if (small.down.length > 0 || big.down.length > 0) break;
      }
      assert.equal(big.prefixes, ROUTES);
      assert.deepEqual(small.down, [], 'the small session never went down');
      assert.deepEqual(big.down, []);
      assert.deepEqual(knifeDown, [], 'no bgpknife session left Established');
      assert.ok(small.keepalives.length >= 2, `keepalives seen: ${small.keepalives.length}`);
      const gaps = small.keepalives.slice(1).map((t, i) => t - small.keepalives[i]!);
      const worst = Math.max(...gaps);
      t.diagnostic(`${small.keepalives.length} keepalives, worst gap ${Math.round(worst)} ms`);
      assert.ok(
        worst < HOLD_SECONDS * 1000,
        `a keepalive gap of ${Math.round(worst)} ms reached the hold time`,
      );
    } finally {
      CHANNELS.sessionState.unsubscribe(onDown);
      for (const p of peers) p.stop();
      for (const r of receivers) r.stop();
    }
  });
});
