/**
 * A reload that changes only a neighbor's routes (Peer.replaceRoutes): routes no longer
 * configured (by family and NLRI, path identifier included) are withdrawn, new and changed ones
 * announced, unchanged ones left alone, and a route now flagged `withdraw` is not re-announced.
 * The Peer is never started: its Adj-RIB-Out's pending changes are what a session would send.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Peer } from '../../src/daemon/peer.js';
import { changeRoute, isWithdrawal } from '../../src/rib/change.js';
import type { Route } from '../../src/rib/route.js';
import { neighborOf } from '../support/knife-peer.js';

function neighbor(routes: readonly string[]) {
  return neighborOf(`neighbor 127.0.0.1 { router-id 10.0.0.1; local-address 127.0.0.1; local-as 65000;
    peer-as 65001; passive true; family { ipv4 unicast; ipv6 unicast; }
    static {
${routes.map((r) => `      route ${r};`).join('\n')}
    } }\n`);
}

function text(r: Route): string {
  const n = r.nlri;
  if (n.kind !== 'inet') return n.kind;
  const hop = r.nextHop?.kind === 'ip' ? r.nextHop.ip : (r.nextHop?.kind ?? '-');
  return `${n.ip}/${n.length}${n.pathId === undefined ? '' : `#${n.pathId}`} via ${hop}`;
}

/** The pending changes, as `+route` and `-route`, in the order they would go out. */
function pending(peer: Peer): string[] {
  const out: string[] = [];
  for (const o of peer.rib.flush())
    if (o.kind === 'changes')
      for (const c of o.changes) out.push(`${isWithdrawal(c) ? '-' : '+'}${text(changeRoute(c))}`);
  return out;
}

function newPeer(routes: readonly string[]): Peer {
  return new Peer(neighbor(routes), {
    clock: { nowMs: () => 0, schedule: () => ({ cancel: () => {} }) },
    random: () => 0.5,
    open: { softwareVersion: 'bgpknife/test', hostName: 'test', domainName: '', restarted: false },
    connect: () => Promise.reject(new Error('never started')),
    connectRetrySeconds: 1,
    attempts: 0,
    finished: () => {},
  });
}

describe('reloading the routes of a neighbor', () => {
  it('withdraws what is gone, announces what is new or changed, leaves the rest', () => {
    const peer = newPeer([
      '10.0.0.1/32 next-hop 192.0.2.1',
      '10.0.1.0/24 next-hop 192.0.2.1',
      '10.0.2.0/24 next-hop 192.0.2.1 path-information 7',
      '10.0.2.0/24 next-hop 192.0.2.1 path-information 8',
      '10.0.3.0/24 next-hop 192.0.2.1 watchdog w',
      '2001:db8::/32 next-hop 2001:db8::1',
      '10.0.4.0/24 next-hop 192.0.2.1',
    ]);
    assert.equal(peer.rib.size, 7);
    pending(peer);
    peer.replaceRoutes(
      neighbor([
        '10.0.0.1/32 next-hop 192.0.2.1',
        '10.0.2.0/24 next-hop 192.0.2.1 path-information 8',
        '10.0.3.0/24 next-hop 192.0.2.1',
        '2001:db8::/32 next-hop 2001:db8::2',
        '10.0.5.0/24 next-hop 192.0.2.1',
        '10.0.4.0/24 next-hop 192.0.2.1 watchdog w withdraw',
      ]),
    );
    assert.deepEqual(pending(peer).sort(), [
      '+10.0.5.0/24 via 192.0.2.1',
      '+2001:db8::/32 via 2001:db8::2',
      '-10.0.1.0/24 via 192.0.2.1',
      '-10.0.2.0/24#7 via 192.0.2.1',
    ]);
    assert.deepEqual([...peer.rib.routes()].map(text).sort(), [
      '10.0.0.1/32 via 192.0.2.1',
      '10.0.2.0/24#8 via 192.0.2.1',
      '10.0.3.0/24 via 192.0.2.1',
      '10.0.4.0/24 via 192.0.2.1',
      '10.0.5.0/24 via 192.0.2.1',
      '2001:db8::/32 via 2001:db8::2',
    ]);
  });

  it('compares IPv6 routes by their prefix, however it is written', () => {
    const peer = newPeer([
      '2001:db8::/32 next-hop 2001:db8::1',
      '2001:db8:1::/48 next-hop 2001:db8::1',
      '2001:db8:2::1/64 next-hop 2001:db8::1',
      '2001:db8:3::/48 next-hop 2001:db8::1 path-information 1',
      '::ffff:10.0.0.0/120 next-hop 2001:db8::1',
    ]);
    assert.equal(peer.rib.size, 5);
    pending(peer);
    peer.replaceRoutes(
      neighbor([
        '2001:DB8:0::/32 next-hop 2001:db8::1',
        '2001:db8:2::/64 next-hop 2001:db8::1',
        '2001:db8:3::/48 next-hop 2001:db8::1',
        '2001:db8:4::/48 next-hop 2001:db8::1',
        '::ffff:a00:0/120 next-hop 2001:db8::1',
      ]),
    );
    assert.deepEqual(pending(peer).sort(), [
      '+2001:db8:3::/48 via 2001:db8::1',
      '+2001:db8:4::/48 via 2001:db8::1',
      '-2001:db8:1::/48 via 2001:db8::1',
      '-2001:db8:3::/48#1 via 2001:db8::1',
    ]);
    assert.equal(peer.rib.size, 5);
  });

  it('a route given twice and then once is kept', () => {
    const peer = newPeer(['10.0.1.0/24 next-hop 192.0.2.1', '10.0.1.0/24 next-hop 192.0.2.2']);
    pending(peer);
    peer.replaceRoutes(neighbor(['10.0.1.0/24 next-hop 192.0.2.2']));
    assert.deepEqual(pending(peer), []);
    peer.replaceRoutes(neighbor([]));
    assert.deepEqual(pending(peer), ['-10.0.1.0/24 via 192.0.2.2']);
    assert.equal(peer.rib.size, 0);
  });
});
