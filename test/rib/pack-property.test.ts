/**
 * Property: whatever routes are announced, replaced and withdrawn, a peer that applies the
 * packed UPDATEs in order (decoded with the UPDATE decoder) ends with exactly the desired set
 * of the Adj-RIB-Out: same NLRI, next hops and attributes. Every message stays within the
 * negotiated size.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import { type PackContext, pack } from '../../src/rib/pack.js';
import type { NextHop, Route } from '../../src/rib/route.js';
import type { Attribute } from '../../src/wire/attribute/types.js';
import { makeContext } from '../../src/wire/context.js';
import { decodeUpdate } from '../../src/wire/message/update.js';
import { formatIPv4, formatIPv6 } from '../../src/wire/nlri/prefix.js';
import type { Nlri } from '../../src/wire/nlri/types.js';
import { attributesFrom, packContext, V4U, V6U } from './builders.js';
import { updateRoutes } from './update-routes.js';

/** Attribute sets a route may have (none equal to a default the packer adds). */
const POOL: readonly (readonly Attribute[])[] = [
  [],
  attributesFrom('c00804 fde80001'),
  attributesFrom('800404 00000005 c00808 fde80001 fde80002'),
  attributesFrom('40010102'),
  attributesFrom('400212 0204 00000001 00000002 00000003 00000004'),
  attributesFrom('400504 000000c8 c0200c 00000001 00000002 00000003'),
];

function masked(bytes: number[], length: number): Buffer {
  const b = Buffer.from(bytes);
  for (let bit = length; bit < b.length * 8; bit++) b[bit >> 3]! &= ~(0x80 >> (bit & 7));
  return b;
}

const v4Prefix = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
    fc.integer({ min: 0, max: 32 }),
  )
  .map(([b, length]) => ({ ip: formatIPv4(masked(b, length)), length, family: V4U }));
const v6Prefix = fc
  .tuple(
    fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 }),
    fc.integer({ min: 0, max: 128 }),
  )
  .map(([b, length]) => ({ ip: formatIPv6(masked(b, length)), length, family: V6U }));

const v4Hop = fc
  .array(fc.integer({ min: 1, max: 254 }), { minLength: 4, maxLength: 4 })
  .map((b) => formatIPv4(Buffer.from(b)));
const v6Hop = fc
  .array(fc.integer({ min: 0, max: 255 }), { minLength: 16, maxLength: 16 })
  .map((b) => formatIPv6(Buffer.from(b)));
const nextHop: fc.Arbitrary<NextHop> = fc.oneof(
  v4Hop.map((ip) => ({ kind: 'ip' as const, ip })),
  v6Hop.map((ip) => ({ kind: 'ip' as const, ip })),
  fc.tuple(v6Hop, v6Hop).map(([ip, linkLocal]) => ({ kind: 'ip' as const, ip, linkLocal })),
);

const routeArb = (addPath: boolean): fc.Arbitrary<Route> =>
  fc
    .record({
      prefix: fc.oneof(v4Prefix, v6Prefix),
      pathId: addPath ? fc.integer({ min: 0, max: 3 }) : fc.constant(undefined),
      nextHop,
      attributes: fc.constantFrom(...POOL),
    })
    .map(({ prefix, pathId, nextHop, attributes }) => {
      const nlri: Nlri =
        pathId === undefined
          ? { kind: 'inet', family: prefix.family, ip: prefix.ip, length: prefix.length }
          : { kind: 'inet', family: prefix.family, pathId, ip: prefix.ip, length: prefix.length };
      return { nlri, nextHop, attributes };
    });

const DENSE_V4: NextHop = { kind: 'ip', ip: '192.0.2.1' };
const DENSE_V6: NextHop = { kind: 'ip', ip: '2001:db8::1' };

function densify(r: Route): Route {
  return { ...r, nextHop: r.nlri.family === V4U ? DENSE_V4 : DENSE_V6, attributes: POOL[1]! };
}

function keyOf(n: Nlri): string {
  return n.kind === 'inet' ? `${n.family}|${n.pathId ?? ''}|${n.ip}/${n.length}` : JSON.stringify(n);
}

function routeValue(r: Route, ebgp = false): string {
  // RFC 4271 §5.1.5: LOCAL_PREF never goes to an external peer.
  const attributes = ebgp ? r.attributes.filter((a) => a.kind !== 'local-preference') : r.attributes;
  return JSON.stringify([r.nextHop, attributes]);
}

/** Apply the messages as the peer would; `table` is what it holds afterwards. */
function apply(messages: readonly Buffer[], ctx: PackContext, table: Map<string, string>): void {
  for (const m of messages) {
    assert.ok(m.length <= (ctx.codec.extendedMessage ? 65535 : 4096));
    const found = updateRoutes(decodeUpdate(m.subarray(19), ctx.codec), ctx);
    for (const r of found.withdrawn) table.delete(keyOf(r.nlri));
    for (const r of found.announced) table.set(keyOf(r.nlri), routeValue(r));
  }
}

function desired(rib: AdjRibOut, ebgp: boolean): Map<string, string> {
  return new Map([...rib.routes()].map((r) => [keyOf(r.nlri), routeValue(r, ebgp)]));
}

describe('pack: property', () => {
  it('the peer ends with exactly the desired routes', () => {
    const scenario = fc.record({
      addPath: fc.boolean(),
      groupUpdates: fc.boolean(),
      groupAllFamilies: fc.boolean(),
      extended: fc.boolean(),
      ebgp: fc.boolean(),
      // Every route with the same attributes and next hop: large groups, split by size.
      dense: fc.boolean(),
    });
    fc.assert(
      fc.property(
        scenario.chain((s) =>
          fc.record({
            s: fc.constant(s),
            first: fc
              .array(routeArb(s.addPath), { maxLength: 3000, size: 'max' })
              .map((l) => (s.dense ? l.map(densify) : l)),
            second: fc.array(routeArb(s.addPath), { maxLength: 300, size: 'max' }),
            withdraw: fc.array(fc.nat(), { maxLength: 300, size: 'max' }),
          }),
        ),
        ({ s, first, second, withdraw }) => {
          const ctx = packContext({
            ...(s.ebgp ? { peerAs: 65001 } : {}),
            groupUpdates: s.groupUpdates,
            groupAllFamilies: s.groupAllFamilies,
            codec: makeContext({
              extendedMessage: s.extended,
              addPath: new Set(s.addPath ? [V4U, V6U] : []),
            }),
          });
          const rib = new AdjRibOut();
          const peer = new Map<string, string>();
          for (const r of first) rib.announce(r);
          apply(pack(rib.flush(), ctx), ctx, peer);
          assert.deepEqual(peer, desired(rib, s.ebgp));
          const held = [...rib.routes()];
          for (const i of withdraw) if (held.length > 0) rib.withdraw(held[i % held.length]!);
          for (const r of second) rib.announce(r);
          apply(pack(rib.flush(), ctx), ctx, peer);
          assert.deepEqual(peer, desired(rib, s.ebgp));
        },
      ),
      { numRuns: 60 },
    );
  });
});
