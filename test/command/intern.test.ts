import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createInterner, lowerAttributes } from '../../src/command/lower/attributes.js';
import type { AttributeValue } from '../../src/config/model.js';

const NOT_PATH = new Set([
  'next-hop',
  'rd',
  'label',
  'path-information',
  'split',
  'watchdog',
  'withdraw',
  'field',
  'name',
]);

/** The definition: the path-attribute values, in order, as JSON. */
function referenceKey(values: readonly AttributeValue[]): string {
  return JSON.stringify(values.filter((v) => !NOT_PATH.has(v.kind)));
}

const value: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom('igp', 'egp', 'incomplete').map((origin) => ({ kind: 'origin', origin }) as const),
  fc.integer({ min: 0, max: 3 }).map((value) => ({ kind: 'med', value }) as const),
  fc.constantFrom(100, 4294967295).map((value) => ({ kind: 'local-preference', value }) as const),
  fc
    .array(fc.constantFrom(1, 65536, 4294967041), { minLength: 1, maxLength: 2 })
    .map((values) => ({ kind: 'community', values }) as const),
  fc
    .array(fc.constantFrom(1, 2), { minLength: 1, maxLength: 2 })
    .map((asns) => ({ kind: 'as-path', segments: [{ type: 'sequence', asns }] }) as const),
  fc.constant({ kind: 'atomic-aggregate' } as const),
  fc.constantFrom('192.0.2.1', '192.0.2.2').map((address) => ({ kind: 'next-hop', address }) as const),
);

describe('attribute list interning', () => {
  it('gives one list to routes exactly when their path attributes are equal (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(value, { maxLength: 4 }), { minLength: 2, maxLength: 12 }), (routes) => {
        const interner = createInterner();
        const lists = routes.map((r) => lowerAttributes(interner, r).attributes);
        for (let i = 0; i < routes.length; i++)
          for (let j = 0; j < routes.length; j++)
            assert.equal(
              lists[i] === lists[j],
              referenceKey(routes[i]!) === referenceKey(routes[j]!),
              `${referenceKey(routes[i]!)} / ${referenceKey(routes[j]!)}`,
            );
      }),
      { numRuns: 300 },
    );
  });
});
