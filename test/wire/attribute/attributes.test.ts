/**
 * Hand-built vectors for each path attribute (bytes written here from the RFC layouts, not by
 * the code under test): decode, byte-exact encode, ExaBGP JSON (both dialects where they
 * differ) and text.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ASN2, ASN4, decodeHex, encodeHex, jsonOf, textOf } from './helpers.js';

describe('ORIGIN, MED, LOCAL_PREF, ATOMIC_AGGREGATE, NEXT_HOP, ORIGINATOR_ID', () => {
  it('ORIGIN igp/egp/incomplete', () => {
    const a = decodeHex(1, '02');
    assert.deepEqual(a, { kind: 'origin', value: 2 });
    assert.equal(encodeHex(a), '40010102');
    assert.deepEqual(jsonOf(a), { origin: 'incomplete' });
    assert.equal(textOf(decodeHex(1, '00')), 'origin igp');
  });

  it('MED and LOCAL_PREF are JSON numbers', () => {
    const med = decodeHex(4, 'ffffffff');
    assert.deepEqual(med, { kind: 'med', value: 0xffffffff });
    assert.equal(encodeHex(med), '800404ffffffff');
    assert.deepEqual(jsonOf(med), { med: 4294967295 });
    const lp = decodeHex(5, '00000064');
    assert.equal(encodeHex(lp), '40050400000064');
    assert.deepEqual(jsonOf(lp), { 'local-preference': 100 });
    assert.equal(textOf(lp), 'local-preference 100');
  });

  it('ATOMIC_AGGREGATE is empty and prints true', () => {
    const a = decodeHex(6, '');
    assert.equal(encodeHex(a), '400600');
    assert.deepEqual(jsonOf(a), { 'atomic-aggregate': true });
    assert.equal(textOf(a), 'atomic-aggregate');
  });

  it('NEXT_HOP decodes but prints no JSON (ExaBGP shows it with the NLRI)', () => {
    const a = decodeHex(3, '0a000001');
    assert.deepEqual(a, { kind: 'next-hop', ip: '10.0.0.1' });
    assert.equal(encodeHex(a), '4003040a000001');
    assert.deepEqual(jsonOf(a), {});
    assert.equal(textOf(a), 'next-hop 10.0.0.1');
  });

  it('ORIGINATOR_ID and CLUSTER_LIST', () => {
    const o = decodeHex(9, 'c0a80001');
    assert.equal(encodeHex(o), '800904c0a80001');
    assert.deepEqual(jsonOf(o), { 'originator-id': '192.168.0.1' });
    const c = decodeHex(10, '01020304 05060708');
    assert.deepEqual(c, { kind: 'cluster-list', clusters: ['1.2.3.4', '5.6.7.8'] });
    assert.equal(encodeHex(c), '800a080102030405060708');
    assert.deepEqual(jsonOf(c), { 'cluster-list': ['1.2.3.4', '5.6.7.8'] });
    assert.equal(textOf(decodeHex(10, '01020304')), 'cluster-list [ 1.2.3.4 ]');
  });
});

describe('AS_PATH and AS4_PATH', () => {
  // AS_SEQUENCE 65000 65001, then AS_SET 3 4 (4-octet ASNs)
  const seqSet4 = '0202 0000fde8 0000fde9 0102 00000003 00000004';

  it('decodes 4-octet segments and re-encodes them', () => {
    const a = decodeHex(2, seqSet4);
    assert.deepEqual(a, {
      kind: 'as-path',
      segments: [
        { type: 2, asns: [65000, 65001] },
        { type: 1, asns: [3, 4] },
      ],
    });
    assert.equal(encodeHex(a), `400214${seqSet4.replace(/ /g, '')}`);
  });

  it('decodes 2-octet segments when the 4-octet capability is off', () => {
    const a = decodeHex(2, '0203 0001 0002 fde8', ASN2);
    assert.deepEqual(a, { kind: 'as-path', segments: [{ type: 2, asns: [1, 2, 65000] }] });
    assert.equal(encodeHex(a, ASN2), '400208020300010002fde8');
  });

  it('sends AS_TRANS for a 4-octet ASN to a 2-octet speaker (RFC 6793 §4.2.2)', () => {
    const a = { kind: 'as-path', segments: [{ type: 2, asns: [1, 4200000000] }] } as const;
    assert.equal(encodeHex(a, ASN2), '40020602020001' + '5ba0');
  });

  it('splits segments longer than 255 ASNs, as ExaBGP does', () => {
    const asns = Array.from({ length: 300 }, (_, i) => i + 1);
    const hex = encodeHex({ kind: 'as-path', segments: [{ type: 2, asns }] });
    // Flags 0x50 (extended length), 2 + 255*4 + 2 + 45*4 = 1204 bytes.
    assert.equal(hex.slice(0, 8), '500204b4');
    assert.equal(hex.slice(8, 12), '02ff');
    assert.equal(hex.slice(12 + 255 * 8, 16 + 255 * 8), '022d');
  });

  it('prints 5.0 JSON (segments by position), 4.x JSON (flattened) and text', () => {
    const a = decodeHex(2, seqSet4);
    assert.deepEqual(jsonOf(a), {
      'as-path': {
        '0': { element: 'as-sequence', value: [65000, 65001] },
        '1': { element: 'as-set', value: [3, 4] },
      },
    });
    assert.deepEqual(jsonOf(a, '4'), {
      'as-path': [65000, 65001],
      'as-set': [3, 4],
      'confederation-path': [],
    });
    assert.equal(textOf(a), 'as-path [ 65000 65001 ] ( 3 4 )');
  });

  it('confederation segments: 5.0 names them as-sequence, 4.x lists them apart', () => {
    const a = decodeHex(2, '0301 00000001 0401 00000002 0201 00000003');
    assert.deepEqual(jsonOf(a), {
      'as-path': {
        '0': { element: 'as-sequence', value: [1] },
        '1': { element: 'as-sequence', value: [2] },
        '2': { element: 'as-sequence', value: [3] },
      },
    });
    assert.deepEqual(jsonOf(a, '4'), {
      'as-path': [3],
      'confederation-path': [1],
      'confederation-set': [2],
    });
  });

  it('an empty AS_PATH is valid, re-encodes, and prints no JSON (ExaBGP drops it)', () => {
    const a = decodeHex(2, '');
    assert.deepEqual(a, { kind: 'as-path', segments: [] });
    assert.equal(encodeHex(a), '400200');
    assert.deepEqual(jsonOf(a), {});
    assert.equal(textOf(a), 'as-path [ ]');
  });

  it("AS4_PATH always has 4-octet ASNs and prints under ExaBGP's generic key", () => {
    const a = decodeHex(17, '0202 00000001 fa56ea00', ASN2);
    assert.deepEqual(a, { kind: 'as4-path', segments: [{ type: 2, asns: [1, 4200000000] }] });
    assert.equal(encodeHex(a, ASN2), 'c0110a02020000000 1fa56ea00'.replace(/ /g, ''));
    assert.deepEqual(jsonOf(a), { 'attribute-0x11-0xC0': '( 1 4200000000 )' });
    assert.deepEqual(jsonOf(a, '4'), { 'attribute-0x11-0xC0': '[ 1 4200000000 ]' });
  });
});

describe('AGGREGATOR and AS4_AGGREGATOR', () => {
  it('6 octets with 2-octet ASNs, 8 with 4-octet ASNs', () => {
    const a2 = decodeHex(7, 'fde8 0a000001', ASN2);
    assert.deepEqual(a2, { kind: 'aggregator', asn: 65000, speaker: '10.0.0.1' });
    assert.equal(encodeHex(a2, ASN2), 'c00706fde80a000001');
    const a4 = decodeHex(7, '00aa00aa 0a0a0a0a');
    assert.equal(encodeHex(a4), 'c0070800aa00aa0a0a0a0a');
    assert.deepEqual(jsonOf(a4), { aggregator: '11141290:10.10.10.10' });
    assert.equal(textOf(a4), 'aggregator ( 11141290:10.10.10.10 )');
    // Towards a 2-octet speaker a 4-octet ASN becomes AS_TRANS.
    assert.equal(encodeHex(a4, ASN2), 'c007065ba00a0a0a0a');
  });

  it('AS4_AGGREGATOR prints under "aggregator" like ExaBGP', () => {
    const a = decodeHex(18, 'fa56ea00 01020304', ASN2);
    assert.equal(encodeHex(a, ASN2), 'c01208fa56ea0001020304');
    assert.deepEqual(jsonOf(a), { aggregator: '4200000000:1.2.3.4' });
  });
});

describe('COMMUNITIES and LARGE_COMMUNITY', () => {
  it('keeps wire order, prints sorted like ExaBGP, names the well-known ones in text', () => {
    const a = decodeHex(8, 'ffffff01 fde80001 0002 0001');
    assert.deepEqual(a, { kind: 'community', communities: [0xffffff01, 0xfde80001, 0x00020001] });
    assert.equal(encodeHex(a), 'c0080cffffff01fde8000100020001');
    assert.deepEqual(jsonOf(a), {
      community: [
        [2, 1],
        [65000, 1],
        [65535, 65281],
      ],
    });
    assert.equal(textOf(a), 'community [ 2:1 65000:1 no-export ]');
    assert.equal(textOf(decodeHex(8, 'ffff029a')), 'community blackhole');
    assert.equal(textOf(decodeHex(8, 'ffffff04')), 'community no-peer');
  });

  it('large communities print sorted and without duplicates', () => {
    const a = decodeHex(
      32,
      '00000002 00000003 00000004  00000001 00000002 00000003  00000002 00000003 00000004',
    );
    assert.equal(a.kind === 'large-community' && a.communities.length, 3);
    assert.equal(encodeHex(a).slice(0, 6), 'c02024');
    assert.deepEqual(jsonOf(a), {
      'large-community': [
        [1, 2, 3],
        [2, 3, 4],
      ],
    });
    assert.equal(textOf(a), 'large-community [ 1:2:3 2:3:4 ]');
  });
});

describe('AIGP and PMSI_TUNNEL', () => {
  it("AIGP metric is a bigint, printed as ExaBGP's quoted hex", () => {
    const a = decodeHex(26, '01 000b 000000000000000a');
    assert.deepEqual(a, { kind: 'aigp', metric: 10n, otherTlvs: [] });
    assert.equal(encodeHex(a), '801a0b01000b000000000000000a');
    assert.deepEqual(jsonOf(a), { aigp: '0x000000000000000a' });
    const big = decodeHex(26, '01 000b ffffffffffffffff');
    assert.equal(big.kind === 'aigp' && big.metric, 0xffffffffffffffffn);
  });

  it('AIGP keeps TLVs of other types', () => {
    const a = decodeHex(26, '01 000b 0000000000000001 07 0005 abcd');
    assert.equal(encodeHex(a), '801a1001000b000000000000000107 0005abcd'.replace(/ /g, ''));
  });

  it('PMSI ingress replication prints as ExaBGP does', () => {
    // flags 0, type 6, label 100 (field 0x000640), tunnel endpoint 10.0.0.1
    const a = decodeHex(22, '00 06 000640 0a000001');
    assert.equal(encodeHex(a), 'c016090006000640 0a000001'.replace(/ /g, ''));
    assert.deepEqual(jsonOf(a), { pmsi: 'pmsi:ingressreplication:0:100(1600):10.0.0.1' });
    assert.equal(textOf(decodeHex(22, '01 00 000000')), 'pmsi pmsi:notunnel:1:0:');
    assert.deepEqual(jsonOf(decodeHex(22, '00 03 000010 c0a80001 e8000001')), {
      pmsi: 'pmsi:pim-ssmtree:0:1:0xC0A80001E8000001',
    });
  });
});

describe('unknown attributes', () => {
  it('print as ExaBGP: flags as received plus Partial, lower-case hex; re-encode exactly', () => {
    const a = decodeHex(153, 'abcdef', ASN4, 0xc0);
    assert.deepEqual(a, { kind: 'unknown', code: 153, flags: 0xc0, raw: Buffer.from('abcdef', 'hex') });
    assert.equal(encodeHex(a), 'c09903abcdef');
    assert.deepEqual(jsonOf(a), { 'attribute-0x99-0xE0': '0xabcdef' });
    assert.equal(textOf(a), 'attribute [ 0x99 0xE0 0xabcdef ]');
  });

  it('keep the extended-length bit ExaBGP prints, and drop it on encode when not needed', () => {
    const a = decodeHex(200, '01', ASN4, 0xd0);
    assert.deepEqual(jsonOf(a), { 'attribute-0xC8-0xF0': '0x01' });
    assert.equal(encodeHex(a), 'c0c80101');
  });

  it('non-transitive unknown attributes print nothing (ExaBGP ignores them)', () => {
    assert.deepEqual(jsonOf(decodeHex(201, '01', ASN4, 0x80)), {});
  });
});
