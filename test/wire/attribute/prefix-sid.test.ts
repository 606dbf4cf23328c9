/**
 * BGP Prefix-SID (RFC 8669, RFC 9252): vectors from ExaBGP's corpus (conf-prefix-sid,
 * conf-srv6-mup) and hand-built ones, with the JSON ExaBGP prints (SRv6 SID information as
 * ExaBGP 6 prints it: 5.0.13 leaves its placeholders unformatted).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeHex, encodeHex, jsonOf, notify, textOf } from './helpers.js';

const LABEL_INDEX = '010007 00 0000 00000309';
const LABEL_AND_SRGB = '010007 00 0000 0000012c  03000e 0000 0c3500 001000 0f4240 001388';
const L3_SERVICE = '050022 00 01001e 00 20010db8000100010000000000000000 00 0048 00 010006 40 18 10 00 00 00';
const L2_SERVICE = '060022 00 01001e 00 20010db8000400000000000000000000 00 0015 00 010006 30 10 00 00 10 40';

describe('BGP Prefix-SID', () => {
  it('label index', () => {
    const a = decodeHex(40, LABEL_INDEX);
    assert.deepEqual(a, {
      kind: 'prefix-sid',
      tlvs: [{ kind: 'label-index', reserved: 0, flags: 0, labelIndex: 777 }],
    });
    assert.equal(encodeHex(a), `c0280a${LABEL_INDEX.replace(/ /g, '')}`);
    assert.deepEqual(jsonOf(a), { 'bgp-prefix-sid': { 'sr-label-index': 777 } });
    assert.equal(textOf(a), 'bgp-prefix-sid [ 777 ]');
  });

  it('label index with originator SRGB', () => {
    const a = decodeHex(40, LABEL_AND_SRGB);
    assert.equal(encodeHex(a), `c0281b${LABEL_AND_SRGB.replace(/ /g, '')}`);
    assert.deepEqual(jsonOf(a), {
      'bgp-prefix-sid': {
        'sr-label-index': 300,
        'sr-srgbs': [
          [800000, 4096],
          [1000000, 5000],
        ],
      },
    });
    assert.equal(textOf(a), 'bgp-prefix-sid [ 300, [ ( 800000,4096 ), ( 1000000,5000 ) ] ]');
  });

  it('SRv6 L3 service with SID structure', () => {
    const a = decodeHex(40, L3_SERVICE);
    assert.equal(encodeHex(a), `c02825${L3_SERVICE.replace(/ /g, '')}`);
    assert.deepEqual(jsonOf(a), {
      'bgp-prefix-sid': {
        'l3-service': [
          {
            sid: '2001:db8:1:1::',
            flags: 0,
            endpoint_behavior: 72,
            structure: {
              'locator-block-length': 64,
              'locator-node-length': 24,
              'function-length': 16,
              'argument-length': 0,
              'transposition-length': 0,
              'transposition-offset': 0,
            },
          },
        ],
      },
    });
    assert.equal(textOf(a), 'bgp-prefix-sid-srv6 ( l3-service 2001:db8:1:1:: 0x48 [64,24,16,0,0,0] )');
  });

  it('SRv6 L2 service', () => {
    const a = decodeHex(40, L2_SERVICE);
    assert.equal(encodeHex(a), `c02825${L2_SERVICE.replace(/ /g, '')}`);
    const sid = (jsonOf(a)['bgp-prefix-sid'] as Record<string, Array<Record<string, unknown>>>)[
      'l2-service'
    ]![0]!;
    assert.equal(sid.sid, '2001:db8:4::');
    assert.equal(sid.endpoint_behavior, 21);
  });

  it('unknown TLVs, sub-TLVs and sub-sub-TLVs keep their bytes', () => {
    const b = decodeHex(40, '09000201ff');
    assert.deepEqual(jsonOf(b), { 'bgp-prefix-sid': { 'attribute-not-implemented-9': '0x01FF' } });
    assert.equal(encodeHex(b), 'c0280509000201ff');
    // L3 service: a SID information sub-TLV holding an unknown sub-sub-TLV (7), then an unknown sub-TLV (8).
    const hex = '050021 00 010019 00 20010db8000000000000000000000001 00 0011 00 07000101 08000100';
    const c = decodeHex(40, hex);
    assert.equal(encodeHex(c), `c02824${hex.replace(/ /g, '')}`);
    assert.deepEqual(jsonOf(c), {
      'bgp-prefix-sid': { 'l3-service': [{ sid: '2001:db8::1', flags: 0, endpoint_behavior: 17 }] },
    });
  });

  it('malformed: empty, wrong label-index length, TLV overrun, ragged SRGB (3/9, attribute-discard)', () => {
    for (const hex of ['', '010006000000000003', '0100ff00', '03000900000c3500001000ff', '05000100 01']) {
      assert.throws(() => decodeHex(40, hex), notify(3, 9), hex);
    }
  });
});
