/**
 * The run-time Adj-RIB-In of one peer: UPDATEs applied (announce, withdraw, RFC 7606
 * treat-as-withdraw), graceful restart as helper (RFC 4724 §4.2) driven by a manual clock, and
 * enhanced route refresh markers (RFC 7313 §4.2). Updates are built from hand-written bytes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventNeighbor } from '../../src/api/json/envelope.js';
import { PeerRibIn } from '../../src/daemon/peer-rib-in.js';
import type { ReceivedSink } from '../../src/daemon/received-log.js';
import type { Negotiated } from '../../src/fsm/negotiate.js';
import { AdjRibIn } from '../../src/rib/adj-rib-in.js';
import { ManualClock } from '../../src/session/clock.js';
import type { GracefulRestartCapability } from '../../src/wire/capability/graceful-restart.js';
import { makeContext } from '../../src/wire/context.js';
import { decodeUpdate, endOfRib, type Update } from '../../src/wire/message/update.js';
import { IPV4_UNICAST } from '../../src/wire/nlri/family.js';

/** An UPDATE body: withdrawn /24s, ORIGIN IGP + AS_PATH empty + NEXT_HOP 192.0.2.1, announced /24s. */
function update(announce: number[], withdraw: number[] = []): Update {
  const prefix = (third: number) => [24, 10, 0, third];
  const w = withdraw.flatMap(prefix);
  const attrs = announce.length ? [0x40, 1, 1, 0, 0x40, 2, 0, 0x40, 3, 4, 192, 0, 2, 1] : [];
  const body = [
    w.length >> 8,
    w.length & 255,
    ...w,
    attrs.length >> 8,
    attrs.length & 255,
    ...attrs,
    ...announce.flatMap(prefix),
  ];
  return decodeUpdate(Buffer.from(body), makeContext());
}

const WHO: EventNeighbor = { localAddress: '192.0.2.9', peerAddress: '192.0.2.1', localAs: 1, peerAs: 2 };

function negotiated(gr?: GracefulRestartCapability): Negotiated {
  return { peerGracefulRestart: gr } as unknown as Negotiated;
}

const GR_F: GracefulRestartCapability = {
  kind: 'graceful-restart',
  restartFlags: 0,
  restartTimeSeconds: 60,
  families: [{ afi: 1, safi: 1, flags: 0x80 }],
};

function setup(helper = true) {
  const clock = new ManualClock();
  const removed: string[] = [];
  const sink: ReceivedSink = {
    update: () => {},
    removed: (_who, nlri, reason) => removed.push(`${nlri.length} ${reason}`),
  };
  const rib = new PeerRibIn({ name: 'p', clock, helper, sink });
  const prefixes = () =>
    [...rib.rib.routes()].map((r) => (r.nlri.kind === 'inet' ? `${r.nlri.ip}/${r.nlri.length}` : '?')).sort();
  return { clock, removed, rib, prefixes };
}

describe('AdjRibIn', () => {
  it('applies announcements and withdrawals; treat-as-withdraw removes', () => {
    const rib = new AdjRibIn();
    rib.apply(update([1, 2, 3]));
    rib.apply(update([], [2]));
    assert.equal(rib.size, 2);
    rib.apply({ ...update([3]), action: 'treat-as-withdraw' });
    assert.deepEqual(
      [...rib.routes()].map((r) => r.nlri.kind === 'inet' && r.nlri.ip),
      ['10.0.1.0'],
    );
    assert.deepEqual([...rib.routes()][0]!.nextHop, ['192.0.2.1']);
  });

  it('refuses new routes past its bound', () => {
    const rib = new AdjRibIn(2);
    rib.apply(update([1, 2, 3]));
    assert.equal(rib.size, 2);
    assert.equal(rib.refused, 1);
  });
});

describe('PeerRibIn: graceful restart helper (RFC 4724 §4.2)', () => {
  it('keeps routes stale for the restart time after a TCP failure, then purges them', () => {
    const { clock, removed, rib, prefixes } = setup();
    rib.established(negotiated(GR_F), WHO);
    rib.update(update([1, 2]));
    rib.down('tcp-failure', true);
    assert.deepEqual(prefixes(), ['10.0.1.0/24', '10.0.2.0/24']);
    clock.advance(59_999);
    assert.equal(rib.rib.size, 2);
    clock.advance(1);
    assert.equal(rib.rib.size, 0);
    assert.deepEqual(removed, ['2 graceful-restart: restart time over']);
  });

  it('with the Forwarding State bit, the stale routes not re-sent go on End-of-RIB', () => {
    const { clock, removed, rib, prefixes } = setup();
    rib.established(negotiated(GR_F), WHO);
    rib.update(update([1, 2]));
    rib.down('tcp-failure', true);
    clock.advance(5_000);
    rib.established(negotiated(GR_F), WHO);
    rib.update(update([1]));
    assert.equal(rib.rib.size, 2, 'stale 10.0.2.0 kept until End-of-RIB');
    rib.update(endOfRib(IPV4_UNICAST));
    assert.deepEqual(prefixes(), ['10.0.1.0/24']);
    assert.deepEqual(removed, ['1 graceful-restart: End-of-RIB']);
    clock.advance(600_000);
    assert.deepEqual(prefixes(), ['10.0.1.0/24'], 'no timer left to purge fresh routes');
  });

  it('without the Forwarding State bit, the stale routes go at once', () => {
    const { removed, rib } = setup();
    rib.established(negotiated(GR_F), WHO);
    rib.update(update([1, 2]));
    rib.down('tcp-failure', true);
    rib.established(negotiated({ ...GR_F, families: [{ afi: 1, safi: 1, flags: 0 }] }), WHO);
    assert.equal(rib.rib.size, 0);
    assert.deepEqual(removed, ['2 graceful-restart: forwarding state not kept']);
  });

  it('drops everything at once after a NOTIFICATION, or when we did not advertise graceful restart', () => {
    for (const [helper, reason] of [
      [true, 'notification-received'],
      [false, 'tcp-failure'],
    ] as const) {
      const { rib } = setup(helper);
      rib.established(negotiated(GR_F), WHO);
      rib.update(update([1]));
      rib.down(reason, true);
      assert.equal(rib.rib.size, 0, `${helper} ${reason}`);
    }
  });
});

describe('PeerRibIn: enhanced route refresh (RFC 7313 §4.2)', () => {
  it('BoRR marks the family stale, EoRR removes what was not re-sent', () => {
    const { removed, rib, prefixes } = setup();
    rib.established(negotiated(), WHO);
    rib.update(update([1, 2]));
    rib.refreshMarker({ kind: 'route-refresh', afi: 1, safi: 1, subtype: 1 });
    rib.update(update([2]));
    rib.refreshMarker({ kind: 'route-refresh', afi: 1, safi: 1, subtype: 2 });
    assert.deepEqual(prefixes(), ['10.0.2.0/24']);
    assert.deepEqual(removed, ['1 route refresh: EoRR']);
  });
});
