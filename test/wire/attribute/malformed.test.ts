/**
 * RFC 7606 malformed attributes: each gives the UPDATE Message Error (3/x) NOTIFICATION the
 * UPDATE decoder acts on, and each descriptor carries the RFC 7606 §7 (or attribute RFC) action.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_AS_PATH_SEGMENTS } from '../../../src/wire/attribute/as-path-segments.js';
import { attributeCodec } from '../../../src/wire/attribute/registry.js';
import { EncodeError } from '../../../src/wire/error.js';
import { ASN2, ASN4, decodeHex, encodeHex, notify } from './helpers.js';

const LENGTH = 5;
const INVALID_ORIGIN = 6;
const OPTIONAL_ATTRIBUTE = 9;
const MALFORMED_AS_PATH = 11;

describe('RFC 7606 actions per attribute', () => {
  const expected: Record<number, string> = {
    1: 'treat-as-withdraw', // §7.1
    2: 'treat-as-withdraw', // §7.2
    3: 'treat-as-withdraw', // §7.3
    4: 'treat-as-withdraw', // §7.4
    5: 'treat-as-withdraw', // §7.5
    6: 'attribute-discard', // §7.6
    7: 'attribute-discard', // §7.7
    8: 'treat-as-withdraw', // §7.8
    9: 'treat-as-withdraw', // §7.9
    10: 'treat-as-withdraw', // §7.10
    16: 'treat-as-withdraw', // §7.14
    17: 'attribute-discard', // RFC 6793 §6
    18: 'attribute-discard', // RFC 6793 §6
    22: 'treat-as-withdraw',
    25: 'treat-as-withdraw', // §7.15
    26: 'attribute-discard', // RFC 7311 §3.2
    32: 'treat-as-withdraw', // RFC 8092 §6
    40: 'attribute-discard', // RFC 8669 §6
  };
  for (const [code, action] of Object.entries(expected)) {
    it(`attribute ${code}: ${action}`, () => assert.equal(attributeCodec(Number(code))?.onError, action));
  }
});

describe('malformed values', () => {
  const cases: Array<[string, number, string, number, typeof ASN4?]> = [
    ['ORIGIN empty', 1, '', LENGTH],
    ['ORIGIN of 2 bytes', 1, '0000', LENGTH],
    ['ORIGIN value 3', 1, '03', INVALID_ORIGIN],
    ['AS_PATH segment overrun', 2, '0203 00000001 00000002', MALFORMED_AS_PATH],
    ['AS_PATH unknown segment type', 2, '0501 00000001', MALFORMED_AS_PATH],
    ['AS_PATH zero-length segment', 2, '0200', MALFORMED_AS_PATH],
    ['AS_PATH underrun (1 byte left)', 2, '0201 00000001 02', MALFORMED_AS_PATH],
    ['AS_PATH 2-octet overrun', 2, '0202 0001', MALFORMED_AS_PATH, ASN2],
    ['NEXT_HOP of 5 bytes', 3, '0a00000100', LENGTH],
    ['NEXT_HOP empty', 3, '', LENGTH],
    ['MED of 3 bytes', 4, '000001', LENGTH],
    ['LOCAL_PREF of 5 bytes', 5, '0000006400', LENGTH],
    ['ATOMIC_AGGREGATE with a value', 6, '00', LENGTH],
    ['AGGREGATOR of 6 bytes with 4-octet ASNs', 7, 'fde80a000001', LENGTH],
    ['AGGREGATOR of 8 bytes with 2-octet ASNs', 7, '0000fde80a000001', LENGTH, ASN2],
    ['COMMUNITIES not a multiple of 4', 8, 'fde8000100', LENGTH],
    ['COMMUNITIES empty', 8, '', LENGTH],
    ['ORIGINATOR_ID of 3 bytes', 9, '010203', LENGTH],
    ['CLUSTER_LIST of 6 bytes', 10, '010203040506', LENGTH],
    ['EXTENDED_COMMUNITIES of 7 bytes', 16, '00020000000001', LENGTH],
    ['EXTENDED_COMMUNITIES empty', 16, '', LENGTH],
    ['AS4_PATH empty', 17, '', MALFORMED_AS_PATH],
    ['AS4_PATH overrun', 17, '0202 00000001', MALFORMED_AS_PATH],
    ['AS4_AGGREGATOR of 6 bytes', 18, 'fde80a000001', LENGTH],
    ['PMSI_TUNNEL of 4 bytes', 22, '00060000', LENGTH],
    ['IPv6 EXTENDED_COMMUNITIES of 19 bytes', 25, '00'.repeat(19), LENGTH],
    ['AIGP empty', 26, '', OPTIONAL_ATTRIBUTE],
    ['AIGP TLV of wrong length', 26, '01000a0000000000000001', OPTIONAL_ATTRIBUTE],
    ['AIGP TLV overrun', 26, '01000b00000000', OPTIONAL_ATTRIBUTE],
    ['AIGP TLV length below its header', 26, '070002', OPTIONAL_ATTRIBUTE],
    ['LARGE_COMMUNITY of 13 bytes', 32, '00'.repeat(13), LENGTH],
  ];
  for (const [name, code, hex, subcode, ctx] of cases) {
    it(`${name} -> 3/${subcode}`, () => {
      assert.throws(() => decodeHex(code, hex, ctx ?? ASN4), notify(3, subcode));
    });
  }

  it(`AS_PATH with more than ${MAX_AS_PATH_SEGMENTS} segments -> 3/11`, () => {
    const segment = '0201 0001';
    assert.throws(
      () => decodeHex(2, segment.repeat(MAX_AS_PATH_SEGMENTS + 1), ASN2),
      notify(3, MALFORMED_AS_PATH),
    );
    assert.doesNotThrow(() => decodeHex(2, segment.repeat(MAX_AS_PATH_SEGMENTS), ASN2));
  });
});

describe('encoders refuse what a peer would find malformed', () => {
  it('empty lists throw EncodeError instead of sending a zero-length attribute', () => {
    const empty = [
      { kind: 'community', communities: [] },
      { kind: 'large-community', communities: [] },
      { kind: 'extended-community', communities: [] },
      { kind: 'extended-community-ipv6', communities: [] },
      { kind: 'cluster-list', clusters: [] },
      { kind: 'as4-path', segments: [] },
      { kind: 'prefix-sid', tlvs: [] },
    ] as const;
    for (const a of empty) assert.throws(() => encodeHex(a), EncodeError, a.kind);
  });

  it('out-of-range numbers throw EncodeError', () => {
    assert.throws(() => encodeHex({ kind: 'med', value: 2 ** 32 }), EncodeError);
    assert.throws(() => encodeHex({ kind: 'origin', value: 3 as 0 }), EncodeError);
    assert.throws(
      () => encodeHex({ kind: 'as-path', segments: [{ type: 2, asns: [2 ** 32] }] }),
      EncodeError,
    );
    assert.throws(() => encodeHex({ kind: 'next-hop', ip: 'not-an-ip' }), EncodeError);
  });
});
