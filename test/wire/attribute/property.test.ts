/**
 * Properties over every attribute descriptor: random bytes decode to a value or a NotifyError
 * (nothing else); a decoded value's JSON parses back; what was decoded re-encodes to the same
 * bytes; and generated values survive encode then decode.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeExtCommunity } from '../../../src/wire/attribute/ext-community/registry.js';
import { attributeCodec } from '../../../src/wire/attribute/registry.js';
import type { Attribute } from '../../../src/wire/attribute/types.js';
import { Reader } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import type { CodecContext } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { stringifyJson } from '../../../src/wire/json.js';
import { ASN2, ASN4, jsonOf, textOf } from './helpers.js';

const CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 17, 18, 22, 25, 26, 32, 40];
// AIGP re-orders TLVs (the AIGP TLV first), so its bytes round-trip only when canonical.
const NOT_BYTE_EXACT = new Set([26]);

function decodeValue(code: number, bytes: Uint8Array, ctx: CodecContext): Attribute | NotifyError {
  const codec = attributeCodec(code)!;
  try {
    return codec.decode(Reader.of(bytes), ctx, codec.flags) as Attribute;
  } catch (e) {
    if (e instanceof NotifyError) return e;
    throw e;
  }
}

function encodeValue(a: Attribute, ctx: CodecContext): Buffer {
  const w = new Writer();
  attributeCodec(code(a))!.encode(w, a, ctx);
  return w.toBuffer();
}

function code(a: Attribute): number {
  return CODES.find((c) => attributeCodec(c)!.kind === a.kind)!;
}

/** Bytes that often look like the attribute: TLV-ish and segment-ish prefixes, short lengths. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 48 }),
  fc
    .array(fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 0x0b, 0x0c, 0x80), { maxLength: 40 })
    .map((a) => Uint8Array.from(a)),
);

describe('every attribute descriptor (properties)', () => {
  for (const c of CODES) {
    it(`attribute ${c}: random bytes give a value or a NotifyError; values print and re-encode`, () => {
      fc.assert(
        fc.property(bytes, fc.boolean(), (b, four) => {
          const ctx = four ? ASN4 : ASN2;
          const v = decodeValue(c, b, ctx);
          if (v instanceof NotifyError) {
            assert.equal(v.code, 3);
            return;
          }
          assert.doesNotThrow(() => JSON.parse(stringifyJson(jsonOf(v))));
          assert.equal(typeof textOf(v), 'string');
          const again = encodeValue(v, ctx);
          if (!NOT_BYTE_EXACT.has(c)) assert.equal(again.toString('hex'), Buffer.from(b).toString('hex'));
          assert.deepEqual(decodeValue(c, again, ctx), v);
        }),
        { numRuns: 400 },
      );
    });
  }
});

const asn4 = fc.integer({ min: 0, max: 0xffffffff });
const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const segments = fc.array(
  fc
    .tuple(
      fc.constantFrom(1, 2, 3, 4) as fc.Arbitrary<1 | 2 | 3 | 4>,
      fc.array(asn4, { minLength: 1, maxLength: 255 }),
    )
    .map(([type, asns]) => ({ type, asns })),
  { maxLength: 6 },
);

const values: fc.Arbitrary<Attribute> = fc.oneof(
  fc.constantFrom(0, 1, 2).map((value) => ({ kind: 'origin', value }) as Attribute),
  segments.map((s) => ({ kind: 'as-path', segments: s }) as Attribute),
  fc.integer({ min: 0, max: 0xffffffff }).map((value) => ({ kind: 'med', value }) as Attribute),
  fc.integer({ min: 0, max: 0xffffffff }).map((value) => ({ kind: 'local-preference', value }) as Attribute),
  fc.tuple(asn4, ipv4).map(([asn, speaker]) => ({ kind: 'aggregator', asn, speaker }) as Attribute),
  fc
    .array(asn4, { minLength: 1, maxLength: 20 })
    .map((communities) => ({ kind: 'community', communities }) as Attribute),
  fc
    .array(fc.tuple(asn4, asn4, asn4), { minLength: 1, maxLength: 10 })
    .map((communities) => ({ kind: 'large-community', communities }) as Attribute),
  fc
    .array(ipv4, { minLength: 1, maxLength: 8 })
    .map((clusters) => ({ kind: 'cluster-list', clusters }) as Attribute),
  fc.array(fc.uint8Array({ minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 8 }).map(
    (l) =>
      ({
        kind: 'extended-community',
        communities: l.map((b) => decodeExtCommunity(Buffer.from(b))),
      }) as Attribute,
  ),
  fc
    .bigInt({ min: 0n, max: 0xffffffffffffffffn })
    .map((metric) => ({ kind: 'aigp', metric, otherTlvs: [] }) as Attribute),
  fc
    .tuple(
      asn4,
      fc.array(
        fc.tuple(fc.nat(0xffffff), fc.nat(0xffffff)).map(([base, range]) => ({ base, range })),
        { minLength: 1, maxLength: 4 },
      ),
    )
    .map(
      ([labelIndex, ranges]) =>
        ({
          kind: 'prefix-sid',
          tlvs: [
            { kind: 'label-index', reserved: 0, flags: 0, labelIndex },
            { kind: 'originator-srgb', flags: 0, ranges },
          ],
        }) as Attribute,
    ),
);

describe('generated values (mirror)', () => {
  it('decode(encode(v)) equals v', () => {
    fc.assert(
      fc.property(values, (v) => {
        assert.deepEqual(decodeValue(code(v), encodeValue(v, ASN4), ASN4), v);
        assert.doesNotThrow(() => JSON.parse(stringifyJson(jsonOf(v))));
      }),
      { numRuns: 500 },
    );
  });
});
