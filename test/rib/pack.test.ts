/**
 * The UPDATE packer, against messages written out by hand from RFC 4271 / 4760 / 2545 / 4364 /
 * 8955 / 6793 and ExaBGP's rules (which defaults, which order), never from the packer itself.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import type { Outgoing } from '../../src/rib/change.js';
import { endOfRibMessages, newPackStats, type PackContext, pack } from '../../src/rib/pack.js';
import type { Route } from '../../src/rib/route.js';
import { decodeUpdate } from '../../src/wire/message/update.js';
import type { Nlri } from '../../src/wire/nlri/types.js';
import {
  attributesFrom,
  hex,
  inet,
  ip,
  MARKER,
  nlriFrom,
  packContext,
  route,
  V4_FLOW,
  V4_VPN,
  V4U,
  V6U,
} from './builders.js';
import { updateRoutes } from './update-routes.js';

function packRoutes(routes: readonly Route[], ctx: PackContext): string[] {
  const rib = new AdjRibOut();
  for (const r of routes) rib.announce(r);
  return pack(rib.flush(), ctx).map((b) => b.toString('hex'));
}

function withdrawn(routes: readonly Route[], ctx: PackContext): string[] {
  const rib = new AdjRibOut();
  for (const r of routes) rib.withdraw(r);
  return pack(rib.flush(), ctx).map((b) => b.toString('hex'));
}

/** iBGP defaults: ORIGIN IGP, empty AS_PATH, LOCAL_PREF 100. */
const IBGP_DEFAULTS = '40010100 400200 40050400000064';

describe('pack: next hops', () => {
  it('IPv6 with a link-local address: 32-octet next hop (RFC 2545 §3)', () => {
    const ctx = packContext({ families: [V6U] });
    const r = route(inet('2001:db8::/32'), ip('2001:db8::1', 'fe80::1'));
    const mp =
      '800e2a 0002 01 20 20010db8000000000000000000000001 fe800000000000000000000000000001 00 2020010db8';
    assert.deepEqual(packRoutes([r], ctx), [
      hex(`${MARKER} 0052 02 0000 003b 40010100 400200 40050400000064 ${mp}`),
    ]);
  });

  it('VPN-IPv4: next hop with a zero route distinguisher, NEXT_HOP too (RFC 4364 §4.3.2)', () => {
    const ctx = packContext({ families: [V4_VPN] });
    const nlri = nlriFrom(V4_VPN, '70 003e81 0000fde800000001 0a0000')[0]!; // 10/24 label 1000 rd 65000:1
    const mp = '800e20 0001 80 0c 0000000000000000 c0000201 00 70003e810000fde8000000010a0000';
    const want = `${MARKER} 004f 02 0000 0038 40010100 400200 400304c0000201 40050400000064 ${mp}`;
    assert.deepEqual(packRoutes([route(nlri, ip('192.0.2.1'))], ctx), [hex(want)]);
  });

  it('next-hop self: the local address, or the router-id for IPv4 over an IPv6 session', () => {
    const v4 = route(inet('10.0.0.0/8'), { kind: 'self' });
    const want = (nh: string) =>
      hex(`${MARKER} 002e 02 0000 0015 40010100 400200 400304${nh} 40050400000064 080a`);
    assert.deepEqual(packRoutes([v4], packContext()), [want('7f000001')]);
    assert.deepEqual(packRoutes([v4], packContext({ localAddress: '::1' })), [want('0a000001')]);
  });
});

describe('pack: FlowSpec (RFC 8955)', () => {
  const flow = nlriFrom(V4_FLOW, '06 01 20 0a000001')[0]!; // destination 10.0.0.1/32
  const ctx = packContext({ families: [V4_FLOW] });

  it('no next hop: a zero-length next hop, no NEXT_HOP', () => {
    const discard = attributesFrom('c01008 8006000000000000'); // traffic-rate 0
    const mp = '800e0c 0001 85 00 00 0601200a000001';
    const want = `${MARKER} 003f 02 0000 0028 ${IBGP_DEFAULTS} c010088006000000000000 ${mp}`;
    assert.deepEqual(packRoutes([route(flow, undefined, discard)], ctx), [hex(want)]);
  });

  it('redirect to IP: the address in MP_REACH_NLRI only', () => {
    const redirect = attributesFrom('c01008 0800000000000000'); // redirect-to-nexthop
    const mp = '800e10 0001 85 04 01020304 00 0601200a000001';
    const want = `${MARKER} 0043 02 0000 002c ${IBGP_DEFAULTS} c010080800000000000000 ${mp}`;
    assert.deepEqual(packRoutes([route(flow, ip('1.2.3.4'), redirect)], ctx), [hex(want)]);
  });
});

describe('pack: withdrawals', () => {
  const community = attributesFrom('c00804 fde80001');

  it('IPv4: the Withdrawn Routes field and no attributes at all', () => {
    const r = route(inet('10.0.0.0/8'), ip('192.0.2.1'), community);
    assert.deepEqual(withdrawn([r], packContext()), [hex(`${MARKER} 0019 02 0002 080a 0000`)]);
  });

  it('IPv6 unicast: only MP_UNREACH_NLRI (RFC 4760 §4)', () => {
    const r = route(inet('2001:db8::/32'), ip('2001:db8::1'), community);
    assert.deepEqual(withdrawn([r], packContext()), [
      hex(`${MARKER} 0022 02 0000 000b 800f08 0002 01 20 20010db8`),
    ]);
  });

  it('VPN: ExaBGP keeps the attributes and defaults beside MP_UNREACH_NLRI', () => {
    const nlri = nlriFrom(V4_VPN, '70 003e81 0000fde800000001 0a0000')[0]!;
    const mp = '800f12 0001 80 70003e810000fde8000000010a0000';
    const want = `${MARKER} 003a 02 0000 0023 ${IBGP_DEFAULTS} ${mp}`;
    assert.deepEqual(withdrawn([route(nlri, undefined)], packContext({ families: [V4_VPN] })), [hex(want)]);
  });

  it('IPv4 withdrawals and announcements of one attribute group share an UPDATE', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1'), community));
    rib.flush();
    rib.withdraw(route(inet('10.0.0.0/8'), ip('192.0.2.1'), community));
    rib.announce(route(inet('11.0.0.0/8'), ip('192.0.2.1'), community));
    const attrs = `40010100 400200 400304c0000201 40050400000064 c00804fde80001`;
    const want = `${MARKER} 0037 02 0002 080a 001c ${attrs} 080b`;
    assert.deepEqual(
      pack(rib.flush(), packContext()).map((b) => b.toString('hex')),
      [hex(want)],
    );
  });
});

describe('pack: End-of-RIB (RFC 4724 §2)', () => {
  it('IPv4 unicast: an empty UPDATE; others: an empty MP_UNREACH_NLRI with Extended Length', () => {
    const eor = endOfRibMessages(packContext({ families: [V4U, V6U] })).map((b) => b.toString('hex'));
    assert.deepEqual(eor, [
      hex(`${MARKER} 0017 02 00000000`),
      hex(`${MARKER} 001e 02 0000 0007 900f0003 000201`),
    ]);
  });

  it('no family negotiated: a KEEPALIVE, as ExaBGP sends', () => {
    assert.deepEqual(
      endOfRibMessages(packContext({ families: [] })).map((b) => b.toString('hex')),
      [hex(`${MARKER} 0013 04`)],
    );
  });
});

describe('pack: 2-octet AS peers (RFC 6793 §4.2.2)', () => {
  it('AS_TRANS in AS_PATH and AGGREGATOR, each followed by its AS4 companion', () => {
    const ctx = packContext({ localAs: 4200000001, peerAs: 65000, asn4: false });
    const aggregator = attributesFrom('c00708 fa56ea01 01020304');
    const attrs = [
      '40010100',
      '400204 0201 5ba0',
      'c01106 0201 fa56ea01',
      '400304 c0000201',
      'c00706 5ba0 01020304',
      'c01208 fa56ea01 01020304',
    ].join('');
    const want = `${MARKER} 0048 02 0000 002f ${attrs} 080a`;
    assert.deepEqual(packRoutes([route(inet('10.0.0.0/8'), ip('192.0.2.1'), aggregator)], ctx), [hex(want)]);
  });

  it('eBGP: no LOCAL_PREF even when the route has one', () => {
    const ctx = packContext({ localAs: 65001, peerAs: 65000 });
    const pref = attributesFrom('400504 000000c8');
    const want = `${MARKER} 002d 02 0000 0014 40010100 400206 0201 0000fde9 400304c0000201 080a`;
    assert.deepEqual(packRoutes([route(inet('10.0.0.0/8'), ip('192.0.2.1'), pref)], ctx), [hex(want)]);
  });
});

function nlriOf(messages: readonly Buffer[]): Nlri[][] {
  return messages.map((m) => [...decodeUpdate(m.subarray(19), packContext().codec).nlri]);
}

describe('pack: grouping', () => {
  const shared = attributesFrom('c00804 fde80001');
  // 2000 distinct /24s in a scrambled order (7919 is prime, so i -> i * 7919 mod 2000 permutes).
  const unique: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const j = (i * 7919) % 2000;
    unique.push(`10.${j >> 8}.${j & 255}.0/24`);
  }
  const routes = unique.map((p) => route(inet(p), ip('192.0.2.1'), shared));

  it('routes with the same attributes share UPDATEs filled up to 4096 octets, NLRI sorted', () => {
    const messages = pack(
      (() => {
        const rib = new AdjRibOut();
        for (const r of routes) rib.announce(r);
        return rib.flush();
      })(),
      packContext(),
    );
    // 4096 - 23 (header, two lengths) - 28 (attributes) = 4045 octets: 1011 /24 prefixes.
    assert.ok(messages.every((m) => m.length <= 4096));
    const lists = nlriOf(messages);
    assert.deepEqual(
      lists.map((l) => l.length),
      [1011, unique.length - 1011],
    );
    const flat = lists.flat().map((n) => (n.kind === 'inet' ? n.ip : ''));
    const numeric = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
    assert.deepEqual(
      flat,
      [...flat].sort((a, b) => numeric(a) - numeric(b)),
    );
    assert.equal(new Set(flat).size, unique.length);
  });

  it('extended messages hold them all; group-updates off gives one UPDATE per route', () => {
    const rib = new AdjRibOut();
    for (const r of routes) rib.announce(r);
    const work: Outgoing[] = [...rib.flush()];
    assert.equal(pack(work, packContext({ extended: true })).length, 1);
    assert.equal(pack(work, packContext({ groupUpdates: false })).length, unique.length);
  });

  it('different attributes or next hops: different UPDATEs; IPv6 unicast never grouped', () => {
    const other = attributesFrom('c00804 fde80002');
    const mixed = [
      route(inet('10.0.0.0/8'), ip('192.0.2.1'), shared),
      route(inet('11.0.0.0/8'), ip('192.0.2.1'), other),
      route(inet('12.0.0.0/8'), ip('192.0.2.2'), shared),
      route(inet('13.0.0.0/8'), ip('192.0.2.1'), [...shared]),
      route(inet('2001:db8::/32'), ip('2001:db8::1'), shared),
      route(inet('2001:db9::/32'), ip('2001:db8::1'), shared),
    ];
    assert.equal(packRoutes(mixed, packContext()).length, 5);
  });

  it('group-all-families: IPv6 unicast announcements and withdrawals share MP UPDATEs up to 4096 octets', () => {
    const v6 = Array.from({ length: 700 }, (_, i) =>
      route(inet(`2001:db8:${i.toString(16)}::/48`), ip('2001:db8::1'), shared),
    );
    const ctx = packContext({ groupAllFamilies: true });
    const rib = new AdjRibOut();
    for (const r of v6) rib.announce(r);
    const work = [...rib.flush()];
    assert.equal(pack(work, packContext()).length, 700, 'ExaBGP: one UPDATE per route');
    const announced = pack(work, ctx);
    // 4096 - 23 (header, two lengths) - 21 (attributes, no NEXT_HOP) - 4 (MP_REACH_NLRI header,
    // extended length) - 21 (AFI, SAFI, next hop, reserved) = 4027 octets: 575 /48s of 7.
    assert.deepEqual(
      announced.map((m) => updateRoutes(decodeUpdate(m.subarray(19), ctx.codec), ctx).announced.length),
      [575, 125],
    );
    assert.ok(announced.every((m) => m.length <= 4096));
    for (const r of v6.slice(0, 100)) rib.withdraw(r);
    const withdrawn = pack(rib.flush(), ctx);
    assert.deepEqual(
      withdrawn.map((m) => updateRoutes(decodeUpdate(m.subarray(19), ctx.codec), ctx).withdrawn.length),
      [100],
    );
  });

  it('families the peer did not negotiate are dropped and counted', () => {
    const rib = new AdjRibOut();
    rib.announce(route(inet('2001:db8::/32'), ip('2001:db8::1')));
    rib.announce(route(inet('10.0.0.0/8'), ip('192.0.2.1')));
    const stats = newPackStats();
    assert.equal(pack(rib.flush(), packContext({ families: [V4U] }), stats).length, 1);
    assert.equal(stats.droppedFamily, 1);
  });
});
