/**
 * The Adj-RIB-Out: desired routes, pending changes in ExaBGP's order, watchdogs, resend,
 * refresh, bounds. Messages are read back with the UPDATE decoder.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import { type Change, isWithdrawal, type Outgoing } from '../../src/rib/change.js';
import { pack } from '../../src/rib/pack.js';
import type { Route } from '../../src/rib/route.js';
import { decodeUpdate } from '../../src/wire/message/update.js';
import { attributesFrom, hex, inet, ip, MARKER, packContext, route, V4U, V6U } from './builders.js';

const A = attributesFrom('c00804 fde80001');
const B = attributesFrom('c00804 fde80002');

function describeChange(c: Change): string {
  const r: Route = isWithdrawal(c) ? c.withdraw : c;
  const n = r.nlri;
  const text = n.kind === 'inet' ? `${n.ip}/${n.length}` : n.kind;
  return `${isWithdrawal(c) ? '-' : '+'}${text}`;
}

function summary(work: Iterable<Outgoing>): string[] {
  const out: string[] = [];
  for (const o of work) {
    if (o.kind === 'route-refresh') out.push(`refresh ${o.subtype}`);
    else out.push(o.changes.map(describeChange).join(' '));
  }
  return out;
}

describe('AdjRibOut', () => {
  it('announce: a new route is pending once; the same route again changes nothing', () => {
    const rib = new AdjRibOut();
    assert.equal(rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A)), true);
    assert.equal(rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), [...A])), false);
    assert.equal(rib.pendingSize, 1);
    assert.deepEqual(summary(rib.flush()), ['+10.0.0.0/8']);
    assert.equal(rib.hasPending(), false);
    assert.equal(rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A)), false);
    assert.equal(rib.size, 1);
  });

  it('groups by attributes + next hop in first-seen order, then family, then route', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A));
    rib.announce(route(inet('2001:db8::/32'), ip('2001:db8::1'), B));
    rib.announce(route(inet('11.0.0.0/8'), ip('192.0.2.1'), A));
    rib.announce(route(inet('12.0.0.0/8'), ip('192.0.2.2'), A));
    assert.deepEqual(summary(rib.flush()), ['+10.0.0.0/8 +11.0.0.0/8', '+2001:db8::/32', '+12.0.0.0/8']);
  });

  it('replaced before the flush: the earlier change still goes first, so the latest wins', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A));
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), B));
    const work = [...rib.flush()];
    assert.deepEqual(summary(work), ['+10.0.0.0/8', '+10.0.0.0/8']);
    const last = pack(work, packContext()).at(-1)!;
    const u = decodeUpdate(last.subarray(19), packContext().codec);
    assert.ok(u.attributes.some((a) => a.kind === 'community' && JSON.stringify(a).includes('2')));
    assert.equal(rib.size, 1);
  });

  it('replaced into an earlier group: only the latest change goes out', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('11.0.0.0/8'), ip('192.0.2.1'), B));
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A));
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), B));
    assert.deepEqual(summary(rib.flush()), ['+11.0.0.0/8 +10.0.0.0/8']);
  });

  it('withdraw: replaces a pending announcement; a withdrawal goes out even for an unsent route', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A));
    assert.equal(rib.withdraw(route(inet('10.0.0.0/8'), undefined, A)), true);
    assert.equal(rib.size, 0);
    assert.deepEqual(summary(rib.flush()), ['-10.0.0.0/8']);
  });

  it('watchdog: held back until announced, withdrawn and announced again by name', () => {
    const rib = new AdjRibOut();
    rib.announce({ ...route(inet('10.0.0.0/8'), ip('192.0.2.1')), watchdog: 'dog', startWithdrawn: true });
    rib.announce({ ...route(inet('11.0.0.0/8'), ip('192.0.2.1')), watchdog: 'dog' });
    assert.deepEqual(summary(rib.flush()), ['+11.0.0.0/8']);
    assert.equal(rib.announceWatchdog('dog'), 1);
    assert.deepEqual(summary(rib.flush()), ['+10.0.0.0/8']);
    assert.equal(rib.withdrawWatchdog('dog'), 2);
    assert.deepEqual(summary(rib.flush()), ['-11.0.0.0/8 -10.0.0.0/8']);
    assert.equal(rib.announceWatchdog('dog'), 2);
    assert.equal(rib.size, 2);
    assert.equal(rib.announceWatchdog('nobody'), 0);
  });

  it('resendAll: after a reconnection every desired route is pending again, nothing else', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A));
    rib.announce(route(inet('2001:db8::/32'), ip('2001:db8::1'), A));
    rib.flush();
    rib.withdraw(route(inet('10.0.0.0/8'), undefined));
    rib.resendAll();
    assert.deepEqual(summary(rib.flush()), ['+2001:db8::/32']);
  });

  it('refresh: each route in its own UPDATE, between RFC 7313 markers when enhanced', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A));
    rib.announce(route(inet('11.0.0.0/8'), ip('192.0.2.1'), A));
    rib.flush();
    rib.refresh(V4U, true);
    rib.announce(route(inet('12.0.0.0/8'), ip('192.0.2.1'), A));
    const work = [...rib.flush()];
    assert.deepEqual(summary(work), ['refresh 1', '+10.0.0.0/8', '+11.0.0.0/8', 'refresh 2', '+12.0.0.0/8']);
    const messages = pack(work, packContext()).map((b) => b.toString('hex'));
    assert.equal(messages.length, 5);
    assert.equal(messages[0], hex(`${MARKER} 0017 05 0001 01 01`));
    assert.equal(messages[3], hex(`${MARKER} 0017 05 0001 02 01`));
  });

  it('withdrawAll: every desired route of the given families', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), A));
    rib.announce(route(inet('2001:db8::/32'), ip('2001:db8::1'), A));
    rib.flush();
    assert.equal(rib.withdrawAll([V6U]), 1);
    assert.deepEqual(summary(rib.flush()), ['-2001:db8::/32']);
    assert.deepEqual([...rib.routes()].length, 1);
  });

  it('bounds: new routes refused and unknown withdrawals dropped once the table is full', () => {
    const rib = new AdjRibOut(2);
    assert.equal(rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'))), true);
    assert.equal(rib.announce(route(inet('11.0.0.0/8'), ip('192.0.2.1'))), true);
    assert.equal(rib.announce(route(inet('12.0.0.0/8'), ip('192.0.2.1'))), false);
    assert.equal(rib.announce(route(inet('11.0.0.0/8'), ip('192.0.2.9'))), true, 'a replacement is allowed');
    assert.equal(rib.withdraw(route(inet('13.0.0.0/8'), undefined)), false);
    assert.equal(rib.withdraw(route(inet('10.0.0.0/8'), undefined)), true);
    assert.deepEqual(rib.stats, { refused: 1, droppedWithdrawals: 1 });
    assert.ok(rib.pendingSize <= 2 * 2);
  });

  it('ADD-PATH: routes differing only by path identifier are distinct', () => {
    const rib = new AdjRibOut();
    rib.announce(route({ ...inet('10.0.0.0/8'), pathId: 1 }, ip('192.0.2.1')));
    rib.announce(route({ ...inet('10.0.0.0/8'), pathId: 2 }, ip('192.0.2.1')));
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1')));
    assert.equal(rib.size, 3);
  });
});
