/**
 * The compact route list of a configured neighbor (rib/route-list.ts): it gives back exactly the
 * routes pushed, in order, duplicates included, whatever mix of plain and other routes; and its
 * identity comparison (used by a reload) agrees with comparing Route values one by one.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { routeKey } from '../../src/rib/keys.js';
import type { NextHop, Route } from '../../src/rib/route.js';
import { RouteList } from '../../src/rib/route-list.js';
import { familyKey } from '../../src/wire/nlri/family.js';
import { formatIPv4, formatIPv6, parseIPv6 } from '../../src/wire/nlri/prefix.js';
import type { Nlri } from '../../src/wire/nlri/types.js';
import { ipv6Spelling } from '../wire/ipv6-text.js';
import { attributesFrom, ip, V4_FLOW, V4U, V6U } from './builders.js';

const V6_MULTICAST = familyKey(2, 2);

/** A few attribute arrays: routes share them, as the lowering's interner makes them share. */
const ATTRIBUTES = [
  attributesFrom('40010100'),
  attributesFrom('c00804 fde80001'),
  attributesFrom('400504 000000c8 c0200c 00000001 00000002 00000003'),
  [],
];
/** Equal content to ATTRIBUTES[1] in another array: a set of its own. */
const ATTRIBUTES_COPY = attributesFrom('c00804 fde80001');
const NEXT_HOPS: (NextHop | undefined)[] = [
  ip('192.0.2.1'),
  ip('192.0.2.2'),
  { kind: 'self' },
  undefined,
  ip('2001:db8::1'),
];

const octets = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 });
const v4Text = octets.map((b) => formatIPv4(Buffer.from(b)));
/** RFC 5952 texts, few distinct (so that lists repeat them), dotted-quad forms included. */
const v6Text = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIPv6(b)),
  fc.constantFrom(
    '2001:db8::',
    '2001:db8::1',
    '::',
    '::1',
    '::ffff:192.0.2.1',
    '::10.0.0.1',
    'fe80::1:0:0:1',
  ),
);
const v6Length = fc.integer({ min: 0, max: 128 });

const nlriArb: fc.Arbitrary<Nlri> = fc.oneof(
  // Plain prefixes, weighted as a configuration is: mostly these.
  {
    weight: 6,
    arbitrary: fc
      .tuple(v4Text, fc.integer({ min: 0, max: 32 }))
      .map(([ip, length]): Nlri => ({ kind: 'inet', family: V4U, ip, length })),
  },
  fc
    .tuple(v4Text, fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
    .map(([ip, length, pathId]): Nlri => ({ kind: 'inet', family: V4U, pathId, ip, length })),
  // An octet with a leading zero reads as the same address but would not print back the same.
  fc
    .tuple(octets, fc.integer({ min: 8, max: 32 }))
    .map(([b, length]): Nlri => ({ kind: 'inet', family: V4U, ip: `0${b.join('.')}`, length })),
  {
    weight: 4,
    arbitrary: fc
      .tuple(v6Text, v6Length)
      .map(([ip, length]): Nlri => ({ kind: 'inet', family: V6U, ip, length })),
  },
  // IPv6 in any spelling: only the RFC 5952 one prints back the same.
  fc.tuple(ipv6Spelling, v6Length).map(([ip, length]): Nlri => ({ kind: 'inet', family: V6U, ip, length })),
  fc
    .tuple(v6Text, v6Length, fc.integer({ min: 0, max: 2 ** 32 - 1 }))
    .map(([ip, length, pathId]): Nlri => ({ kind: 'inet', family: V6U, pathId, ip, length })),
  fc
    .tuple(v6Text, v6Length)
    .map(([ip, length]): Nlri => ({ kind: 'inet', family: V6_MULTICAST, ip, length })),
  fc.constantFrom<Nlri>(
    { kind: 'inet', family: V6U, ip: '2001:db8::', length: 32 },
    { kind: 'inet', family: V6U, ip: '2001:DB8::', length: 32 },
    { kind: 'inet', family: V6U, ip: '2001:db8::', length: 129 },
    { kind: 'inet', family: V6U, pathId: undefined, ip: '2001:db8::', length: 32 },
    { kind: 'inet', family: V4U, pathId: undefined, ip: '10.0.0.0', length: 8 },
    { kind: 'unknown', family: V4_FLOW, raw: Buffer.from('0501180a0000', 'hex') },
  ),
);

const routeArb: fc.Arbitrary<Route> = fc
  .record({
    nlri: nlriArb,
    a: fc.integer({ min: 0, max: ATTRIBUTES.length }),
    h: fc.integer({ min: 0, max: NEXT_HOPS.length - 1 }),
    extra: fc.constantFrom('none', 'none', 'none', 'watchdog', 'withdrawn', 'undefined-next-hop'),
  })
  .map(({ nlri, a, h, extra }) => {
    const attributes = ATTRIBUTES[a] ?? ATTRIBUTES_COPY;
    const nextHop = NEXT_HOPS[h];
    const r: Route = nextHop ? { nlri, nextHop, attributes } : { nlri, attributes };
    if (extra === 'watchdog') return { ...r, watchdog: 'dog' };
    if (extra === 'withdrawn') return { ...r, watchdog: 'dog', startWithdrawn: true };
    if (extra === 'undefined-next-hop' && !nextHop) return { nlri, nextHop: undefined, attributes };
    return r;
  });

/** Routes with repeats: some drawn again from those already made. */
const routesArb = fc
  .tuple(fc.array(routeArb, { minLength: 1, maxLength: 200 }), fc.array(fc.nat(), { maxLength: 100 }))
  .map(([routes, repeats]) => {
    const out = [...routes];
    for (const r of repeats) out.splice(r % (out.length + 1), 0, routes[r % routes.length]!);
    return out;
  });

/** The identity a reload compares routes by, from the Route value. */
function identity(r: Route): string {
  const key = routeKey(r.nlri);
  return `${r.nlri.family}|${typeof key}|${key}`;
}

describe('RouteList', () => {
  it('gives back exactly the routes pushed, in order, duplicates and all', () => {
    fc.assert(
      fc.property(routesArb, fc.boolean(), (routes, trim) => {
        const list = new RouteList();
        for (const r of routes) list.push(r);
        if (trim) list.trim();
        assert.equal(list.length, routes.length);
        assert.deepStrictEqual([...list], routes);
        routes.forEach((r, i) => {
          const back = list.at(i)!;
          assert.deepStrictEqual(back, r);
          // Shared values stay shared: the Adj-RIB-Out and the packer group by identity first.
          assert.equal(back.attributes, r.attributes);
          assert.equal(back.nextHop, r.nextHop);
        });
        assert.deepStrictEqual(list.at(-1), routes.at(-1));
        assert.equal(list.at(routes.length), undefined);
        assert.equal(list.at(-routes.length - 1), undefined);
      }),
      { numRuns: 200 },
    );
  });

  it('append() gives the routes of both lists, as pushing them one by one does', () => {
    fc.assert(
      fc.property(routesArb, routesArb, (a, b) => {
        const list = RouteList.from(a);
        list.append(RouteList.from(b));
        list.append(new RouteList());
        assert.equal(list.length, a.length + b.length);
        assert.deepStrictEqual([...list], [...a, ...b]);
      }),
      { numRuns: 100 },
    );
  });

  it('notIn(ids()) gives the routes whose family and route key the other list lacks', () => {
    fc.assert(
      fc.property(routesArb, routesArb, (before, after) => {
        const next = new Set(after.map(identity));
        const expected = before.filter((r) => !next.has(identity(r)));
        const old = RouteList.from(before);
        assert.deepStrictEqual([...old.notIn(RouteList.from(after).ids())], expected);
        assert.deepStrictEqual([...old.notIn(old.ids())], []);
      }),
      { numRuns: 100 },
    );
  });

  it('a route with a watchdog has the identity of the plain route with its prefix', () => {
    const attributes = ATTRIBUTES[0]!;
    const nlri: Nlri = { kind: 'inet', family: V4U, ip: '10.1.2.0', length: 24 };
    const plain = RouteList.from([{ nlri, attributes }]);
    const watched = RouteList.from([{ nlri: { ...nlri }, attributes, watchdog: 'w' }]);
    assert.deepStrictEqual([...plain.notIn(watched.ids())], []);
    assert.deepStrictEqual([...watched.notIn(plain.ids())], []);
    const other = RouteList.from([{ nlri: { ...nlri, family: V6U, ip: '::', length: 24 }, attributes }]);
    assert.equal([...plain.notIn(other.ids())].length, 1);
  });

  it('keeps plain IPv6 routes with RFC 5952 text compactly, and other IPv6 routes as they are', () => {
    const attributes = ATTRIBUTES[0]!;
    const nextHop = NEXT_HOPS[4];
    const route = (ip: string, extra: object = {}): Route => ({
      nlri: { kind: 'inet', family: V6U, ip, length: 64, ...extra },
      nextHop,
      attributes,
    });
    const compact = [route('2001:db8::'), route('::ffff:192.0.2.1'), route('::')];
    const kept = [
      route('2001:DB8::'),
      route('2001:db8:0::'),
      route('::ffff:c000:201'),
      route('2001:db8::', { pathId: 1 }),
      route('2001:db8::', { pathId: undefined }),
    ];
    const list = RouteList.from([...compact, ...kept]);
    compact.forEach((r, i) => {
      // Made again from octets: equal, not the same object.
      assert.notEqual(list.at(i), r);
      assert.deepStrictEqual(list.at(i), r);
    });
    kept.forEach((r, i) => {
      assert.equal(list.at(compact.length + i), r);
    });
  });

  it('holds 200,000 plain routes and reads any of them back', () => {
    const list = new RouteList();
    const attributes = ATTRIBUTES[1]!;
    const nextHop = NEXT_HOPS[0];
    for (let i = 0; i < 200_000; i++)
      list.push({
        nlri: {
          kind: 'inet',
          family: V4U,
          ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
          length: 32,
        },
        nextHop,
        attributes,
      });
    list.trim();
    assert.equal(list.length, 200_000);
    assert.deepStrictEqual(list.at(123_456), {
      nlri: { kind: 'inet', family: V4U, ip: '10.1.226.64', length: 32 },
      nextHop,
      attributes,
    });
  });

  it('holds 200,000 plain IPv6 routes and reads any of them back', () => {
    const list = new RouteList();
    const attributes = ATTRIBUTES[1]!;
    const nextHop = NEXT_HOPS[4];
    const text = (i: number) => `2001:db8::${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}`;
    for (let i = 0; i < 200_000; i++)
      list.push({
        nlri: { kind: 'inet', family: V6U, ip: formatIPv6(parseIPv6(text(i))!), length: 128 },
        nextHop,
        attributes,
      });
    list.trim();
    assert.equal(list.length, 200_000);
    assert.deepStrictEqual(list.at(123_456), {
      nlri: { kind: 'inet', family: V6U, ip: '2001:db8::1:e240', length: 128 },
      nextHop,
      attributes,
    });
    assert.deepStrictEqual(list.at(5), {
      nlri: { kind: 'inet', family: V6U, ip: '2001:db8::5', length: 128 },
      nextHop,
      attributes,
    });
  });
});
