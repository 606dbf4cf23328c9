/**
 * The Adj-RIB-Out's compact storage (rib/number-table.ts, rib/route-store.ts, rib/pack-ipv4.ts):
 * the table behaves as a Map, plain routes come back equal to what was stored, and the packer's
 * path over route keys gives the same bytes as its general path over Route values.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import type { ChangeGroup, Outgoing } from '../../src/rib/change.js';
import { routeKey } from '../../src/rib/keys.js';
import { NO_VALUE, NumberTable } from '../../src/rib/number-table.js';
import { pack } from '../../src/rib/pack.js';
import { ipv4Order } from '../../src/rib/pack-ipv4.js';
import { ipv6Order, v6Prefixes } from '../../src/rib/pack-ipv6.js';
import type { Route } from '../../src/rib/route.js';
import { isPlain, isPlainV6, keyPrefix } from '../../src/rib/route-store.js';
import { WideTable, wideKey } from '../../src/rib/wide-table.js';
import { makeContext } from '../../src/wire/context.js';
import { formatIPv4, formatIPv4Number, formatIPv6, parseIPv6Into } from '../../src/wire/nlri/prefix.js';
import { attributesFrom, ip, packContext, route, V4U, V6U } from './builders.js';

const A = attributesFrom('c00804 fde80001');
const B = attributesFrom('400504 000000c8 c0200c 00000001 00000002 00000003');
const HOP1 = ip('192.0.2.1');
const HOP2 = ip('192.0.2.2');
/** One object, as the parser's interned next hops: the store keeps plain routes by identity. */
const HOP6 = ip('2001:db8::ff');

type Op = { op: 'set'; key: number; value: number } | { op: 'delete'; key: number };

/** Keys as routeKey makes them: /32s in the int32 range, other lengths from 2^32 up. */
const keyArb = fc.oneof(
  fc.integer({ min: -(2 ** 31), max: -(2 ** 31) + 200 }),
  fc.integer({ min: 2 ** 31 - 50, max: 2 ** 31 - 1 }),
  fc
    .tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 100 }))
    .map(([l, ip]) => (l + 1) * 2 ** 32 + ip),
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('set' as const),
    key: keyArb,
    value: fc.integer({ min: -1000, max: 2 ** 31 - 1 }),
  }),
  fc.record({ op: fc.constant('delete' as const), key: keyArb }),
);

function entries(t: NumberTable): [number, number][] {
  const out: [number, number][] = [];
  t.forEach((k, v) => {
    out.push([k, v]);
  });
  return out;
}

const PREFIX = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([b, length]) => ({ ip: formatIPv4(Buffer.from(b)), length }));

function plain(p: { ip: string; length: number }, attributes = A, nextHop = HOP1): Route {
  return route({ kind: 'inet', family: V4U, ip: p.ip, length: p.length }, nextHop, attributes);
}

/** The same work with the route keys removed: the packer must take its general path. */
function general(work: readonly Outgoing[]): Outgoing[] {
  return work.map((o) => {
    if (o.kind !== 'changes') return o;
    const { packed: _, packedV6: __, ...rest } = o;
    return { ...rest, changes: o.changes } satisfies ChangeGroup;
  });
}

const V6_PREFIX = fc
  .tuple(
    fc.constantFrom('2001:db8:', '2001:db8:0:1:', 'fe80::', '::'),
    fc.integer({ min: 0, max: 0xffff }),
    fc.constantFrom(128, 64, 48, 127, 0),
  )
  .map(([head, word, length]) => {
    const bytes = Buffer.alloc(16);
    const text = head.endsWith('::') ? `${head}${word.toString(16)}` : `${head}:${word.toString(16)}`;
    assert.ok(parseIPv6Into(text, bytes), text);
    bytes.fill(0, (length + 7) >>> 3);
    return { ip: formatIPv6(bytes), length };
  });

describe('NumberTable', () => {
  it('behaves as a Map: values, size and insertion order, through growth, holes and compaction', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 2000 }), (ops) => {
        const t = new NumberTable();
        const model = new Map<number, number>();
        for (const o of ops) {
          if (o.op === 'set') {
            t.set(o.key, o.value);
            model.set(o.key, o.value);
          } else assert.equal(t.delete(o.key), model.delete(o.key));
          assert.equal(t.size, model.size);
        }
        assert.deepEqual(entries(t), [...model]);
        for (const k of model.keys()) assert.equal(t.get(k), model.get(k));
        assert.equal(t.get(12345.5), NO_VALUE);
        const snap = t.snapshot();
        assert.deepEqual([...snap.keys], [...model.keys()]);
        assert.deepEqual([...snap.values], [...model.values()]);
      }),
      { numRuns: 200 },
    );
  });

  it('holds 200,000 keys, then forgets them all', () => {
    const t = new NumberTable();
    for (let i = 0; i < 200_000; i++) t.set(i - 2 ** 31, i);
    assert.equal(t.size, 200_000);
    assert.equal(t.get(-(2 ** 31) + 123_456), 123_456);
    for (let i = 0; i < 200_000; i += 2) t.delete(i - 2 ** 31);
    assert.equal(t.size, 100_000);
    assert.equal(t.get(-(2 ** 31) + 123_456), NO_VALUE);
    assert.equal(t.get(-(2 ** 31) + 123_457), 123_457);
    for (let i = 1; i < 200_000; i += 2) t.delete(i - 2 ** 31);
    assert.equal(t.size, 0);
    assert.deepEqual(entries(t), []);
  });
});

describe('WideTable', () => {
  it('behaves as a Map keyed by prefix: values, size and insertion order, through growth and compaction', () => {
    const prefix = fc.tuple(
      fc.constantFrom(0x20010db8, 0x20010db9, 0, -1),
      fc.integer({ min: 0, max: 3 }),
      fc.integer({ min: -20, max: 40 }),
      fc.constantFrom(128, 64, 48, 0),
    );
    const op = fc.record({ set: fc.boolean(), p: prefix, value: fc.integer({ min: -5, max: 1000 }) });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 2000 }), (ops) => {
        const t = new WideTable();
        const model = new Map<string, number>();
        const key = ([w0, w2, w3, len]: readonly number[]) => Int32Array.from([w0!, 0, w2!, w3!, len!]);
        for (const o of ops) {
          const text = o.p.join(',');
          if (o.set) {
            assert.equal(t.put(key(o.p), o.value), model.get(text) ?? NO_VALUE);
            model.set(text, o.value);
          } else assert.equal(t.delete(key(o.p)), model.delete(text));
          assert.equal(t.size, model.size);
        }
        const seen: [string, number][] = [];
        t.forEach((words, at, v) => {
          seen.push([[words[at], words[at + 2], words[at + 3], words[at + 4]].join(','), v]);
        });
        assert.deepEqual(seen, [...model]);
        for (const [text, v] of model) assert.equal(t.get(key(text.split(',').map(Number))), v);
      }),
      { numRuns: 200 },
    );
  });
});

describe('NLRI order by radix sort', () => {
  it('IPv4 and IPv6: the stable order by (length, prefix octets) that a comparison sort gives', () => {
    fc.assert(
      fc.property(fc.array(PREFIX, { minLength: 4096, maxLength: 6000 }), (list) => {
        const keys = Float64Array.from(list, (p) => routeKey(plain(p).nlri) as number);
        const parts = list.map((p) => {
          const n = p.ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
          const kept = 256 ** (4 - ((p.length + 7) >>> 3));
          return [p.length, n - (n % kept)] as const;
        });
        const expected = [...keys.keys()].sort(
          (a, b) => parts[a]![0] - parts[b]![0] || parts[a]![1] - parts[b]![1] || a - b,
        );
        assert.deepEqual([...ipv4Order(keys)], expected);
      }),
      { numRuns: 5 },
    );
    fc.assert(
      fc.property(fc.array(V6_PREFIX, { minLength: 4096, maxLength: 6000 }), (list) => {
        const bytes = list.map((p) => {
          const b = Buffer.alloc(16);
          parseIPv6Into(p.ip, b);
          return b;
        });
        const keys = new Int32Array(list.length * 5);
        for (let i = 0; i < list.length; i++) keys.set(wideKey(bytes[i]!, 0, list[i]!.length), i * 5);
        const prefixes = v6Prefixes({ keys, withdrawn: new Uint8Array(list.length) });
        const expected = [...list.keys()].sort(
          (a, b) => list[a]!.length - list[b]!.length || Buffer.compare(bytes[a]!, bytes[b]!) || a - b,
        );
        assert.deepEqual([...ipv6Order(prefixes)], expected);
      }),
      { numRuns: 5 },
    );
  });
});

describe('route store', () => {
  it('a plain route key gives back its prefix, host bits included', () => {
    fc.assert(
      fc.property(PREFIX, (p) => {
        const key = routeKey(plain(p).nlri) as number;
        const back = keyPrefix(key);
        assert.equal(formatIPv4Number(back.ip), p.ip);
        assert.equal(back.length, p.length);
      }),
    );
  });

  it('routes come back from the Adj-RIB-Out equal to those announced, plain or not, in order', () => {
    const rib = new AdjRibOut();
    const withPath = route({ kind: 'inet', family: V4U, pathId: 7, ip: '10.9.0.0', length: 16 }, HOP1, A);
    const watched: Route = { ...plain({ ip: '10.8.0.0', length: 16 }), watchdog: 'w' };
    const v6 = route({ kind: 'inet', family: V6U, ip: '2001:db8::1', length: 128 }, HOP6, A);
    const v6b = route({ kind: 'inet', family: V6U, ip: '2001:db8:1::', length: 48 }, HOP6, B);
    const v6Path = route({ kind: 'inet', family: V6U, pathId: 2, ip: '2001:db8:2::', length: 48 }, HOP6, A);
    // A family's plain routes come back first, then its ADD-PATH ones (route-store.ts).
    const list = [
      plain({ ip: '10.0.0.1', length: 24 }),
      plain({ ip: '10.0.0.2', length: 32 }, B, HOP2),
      watched,
      plain({ ip: '0.0.0.0', length: 0 }),
      withPath,
      v6,
      v6b,
      v6Path,
    ];
    for (const r of list) rib.announce(r);
    assert.deepEqual([...rib.routes()], list);
    assert.equal(isPlainV6(v6), true);
    assert.equal(isPlainV6(v6Path), false);
    // Replaced and withdrawn: what comes back, and what goes out, is the latest.
    const v6New = { ...v6, attributes: B };
    rib.announce(v6New);
    rib.withdraw(v6b);
    assert.deepEqual([...rib.routes(V6U)], [v6New, v6Path]);
    const changes = [...rib.flush()].flatMap((o) =>
      o.kind === 'changes' && o.family === V6U ? o.changes : [],
    );
    assert.deepEqual(changes, [v6, v6Path, v6New, { withdraw: v6b }]);
    assert.equal(isPlain(list[0]!), true);
    assert.equal(isPlain(watched), false);
    assert.equal(isPlain(withPath), false);
  });

  it('the IPv4 path over route keys gives the bytes of the general path', () => {
    const changeArb = fc.record({
      p: PREFIX,
      withdraw: fc.boolean(),
      b: fc.boolean(),
      hop2: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 3000, size: 'max' }),
        fc.boolean(),
        fc.boolean(),
        (changes, extended, pathInFront) => {
          const rib = new AdjRibOut();
          if (pathInFront)
            rib.announce(route({ kind: 'inet', family: V4U, pathId: 1, ip: '10.0.0.0', length: 8 }, HOP1, A));
          for (const c of changes) {
            const r = plain(c.p, c.b ? B : A, c.hop2 ? HOP2 : HOP1);
            if (c.withdraw) rib.withdraw(r);
            else rib.announce(r);
          }
          const ctx = packContext({ codec: makeContext({ extendedMessage: extended }) });
          const work = [...rib.flush()];
          assert.deepEqual(pack(work, ctx), pack(general(work), ctx));
          assert.equal(
            pathInFront || changes.length === 0 || work.some((o) => o.kind === 'changes' && o.packed),
            true,
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the IPv6 path over route keys gives the bytes of the general path, grouped or not', () => {
    const changeArb = fc.record({ p: V6_PREFIX, withdraw: fc.boolean(), b: fc.boolean() });
    fc.assert(
      fc.property(
        fc.array(changeArb, { maxLength: 6000, size: 'max' }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (changes, extended, groupAllFamilies, groupUpdates) => {
          const rib = new AdjRibOut();
          for (const c of changes) {
            const r = route({ kind: 'inet', family: V6U, ...c.p }, HOP6, c.b ? B : A);
            if (c.withdraw) rib.withdraw(r);
            else rib.announce(r);
          }
          const ctx = packContext({
            groupAllFamilies,
            groupUpdates,
            codec: makeContext({ extendedMessage: extended }),
          });
          const work = [...rib.flush()];
          assert.deepEqual(pack(work, ctx), pack(general(work), ctx));
          assert.equal(changes.length === 0 || work.some((o) => o.kind === 'changes' && o.packedV6), true);
        },
      ),
      { numRuns: 40 },
    );
  });
});
