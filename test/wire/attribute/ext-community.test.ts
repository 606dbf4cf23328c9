/**
 * Extended communities: each sub-type decoded, re-encoded, and printed with the JSON value and
 * string ExaBGP 5.0.13 prints for the same 8 bytes (expected values recorded from ExaBGP).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  encapsulation,
  redirect,
  redirectToNextHop,
  redirectToNextHopIetf,
  routeTarget,
  trafficAction,
  trafficMark,
  trafficRate,
} from '../../../src/wire/attribute/ext-community/build.js';
import { decodeExtCommunity } from '../../../src/wire/attribute/ext-community/registry.js';
import { decodeHex, encodeHex, jsonOf, textOf } from './helpers.js';

/** [8 bytes hex, ExaBGP JSON value, ExaBGP string, kind] */
const EXABGP: ReadonlyArray<readonly [string, string, string, string]> = [
  ['0002fde800000001', '842122827661313', 'target:65000:1', 'target'],
  ['0102c0a800010064', '', 'target:192.168.0.1:100', 'target'],
  ['0202000100000064', '', 'target:65536:100', 'target'],
  ['0003fde80a000001', '1123597972144129', 'origin:65000:10.0.0.1', 'origin'],
  ['01030a000001fde8', '72913014084468200', 'origin:10.0.0.1:65000', 'origin'],
  ['020300010000002a', '144959617300955178', 'origin:65536:42', 'origin'],
  ['0013fde800000001', '5627197431742465', 'rtrecord:65000:1', 'rt-record'],
  ['8208fa56ea000064', '9370014275944317028', '0x8208FA56EA000064', 'redirect'],
  ['8008fde800000064', '9225903009542701156', 'redirect:65000:100', 'redirect'],
  ['8108010203040064', '9297682538858545252', '', 'redirect'],
  ['800900000000002e', '9225905311645171758', 'mark 46', 'traffic-mark'],
  ['8007000000000003', '9225342361691750403', 'action sample-terminal', 'traffic-action'],
  ['8007000000000000', '9225342361691750400', 'action ', 'traffic-action'],
  [
    '010c0a0000010001',
    '75446288874799105',
    'copy-to-nexthop-ietf 10.0.0.1 (with copy)',
    'redirect-to-nexthop-ietf',
  ],
  ['010c0a0000010000', '75446288874799104', 'redirect-to-nexthop-ietf 10.0.0.1', 'redirect-to-nexthop-ietf'],
  ['0800000000000001', '576460752303423489', 'copy-to-nexthop', 'redirect-to-nexthop'],
  ['0800000000000000', '576460752303423488', 'redirect-to-nexthop', 'redirect-to-nexthop'],
  ['030c000000000008', '219550481834311688', 'encap:VXLAN', 'encapsulation'],
  ['030c000000000063', '219550481834311779', 'encap:encap:UNKNOWN-99', 'encapsulation'],
  ['0600010000000005', '432346663739195397', 'mac-mobility:5:sticky', 'mac-mobility'],
  // ExaBGP rebuilds MAC mobility from its fields: the JSON value is not the received bytes.
  ['46000200000000ff', '432345564227567871', 'mac-mobility:255', 'mac-mobility'],
  ['400400014e6e6b28', '4612811923945057064', '', 'bandwidth'],
  ['03140000000a0000', '221802281648652288', 'consistentHashSortOrder:10', 'consistent-hash-sort-order'],
  ['0c00000a0000000b', '864691171404808203', 'mup:10:11', 'mup'],
  ['4702fde8000a4001', '5116931299521216513', 'interface-set:input:4259840010:1', 'interface-set'],
  ['0702000000000000', '504966108218916864', 'interface-set:0:0:0', 'interface-set'],
  ['800afe0105dc0000', '', 'l2info:254:1:1500:0', 'l2info'],
  ['8006fde84f000000', '', 'rate-limit:2147483648', 'traffic-rate'],
  ['800c00004f000000', '', '', 'traffic-rate-packets'],
  ['00ff0000000000ff', '', '', 'unknown'],
  // ExaBGP matches on the low nibble of the type: 0x0007 reads as a traffic-action.
  ['00070000000000ff', '', 'action sample-terminal', 'traffic-action'],
];

describe('extended communities as ExaBGP prints them', () => {
  for (const [hex, value, string, kind] of EXABGP) {
    it(`${hex} -> ${string || '(no name)'}`, () => {
      const a = decodeHex(16, hex);
      assert.equal(a.kind === 'extended-community' && a.communities[0]!.kind, kind);
      assert.equal(encodeHex(a), `c01008${hex}`);
      const expectedValue = value || BigInt(`0x${hex}`).toString();
      const printed = jsonOf(a)['extended-community'] as Array<{ value: number; string: string }>;
      assert.deepEqual(printed, [{ value: Number(expectedValue), string }]);
      // The exact 64-bit integer survives in the serialized text.
      assert.equal(textOf(a), `extended-community ${string || `0x${hex.toUpperCase()}`}`);
    });
  }

  it('prints the exact 64-bit value, not a rounded double', async () => {
    const { stringifyJson } = await import('../../../src/wire/json.js');
    const { attributeJson } = await import('../../../src/wire/attribute/registry.js');
    const out = {};
    attributeJson(decodeHex(16, '8208fa56ea000064'), out, { dialect: '5.0' });
    assert.match(stringifyJson(out), /"value":9370014275944317028,/);
  });

  it('sorts JSON and text by bytes, keeps wire order in the value', () => {
    const a = decodeHex(16, '8006000000000000 0002fde800000001');
    assert.equal(a.kind === 'extended-community' && a.communities[0]!.kind, 'traffic-rate');
    assert.equal(textOf(a), 'extended-community [ target:65000:1 rate-limit:0 ]');
  });

  it('IPv6 address-specific communities (type 25)', () => {
    const a = decodeHex(25, '000c20010db80000000000000000000000010001');
    assert.equal(encodeHex(a), 'c01914000c20010db80000000000000000000000010001');
    assert.deepEqual(jsonOf(a), {
      'extended-community-ipv6': [
        {
          value: Number('270396894049897293703898678829571923249266689'),
          string: 'copy-to-nexthop-ietf 2001:db8::1 (with copy)',
        },
      ],
    });
    const r = decodeHex(25, '800b20010db80000000000000000000000010064');
    assert.equal(textOf(r), 'extended-community-ipv6 0x800B20010DB80000000000000000000000010064');
    const rt6 = decodeHex(25, '000220010db80000000000000000000000010064');
    assert.equal((jsonOf(rt6)['extended-community-ipv6'] as Array<{ string: string }>)[0]!.string, '');
  });
});

describe('extended community builders', () => {
  it('write the bytes ExaBGP writes for the same text', () => {
    const hex = (e: { raw: Buffer }) => e.raw.toString('hex');
    assert.equal(hex(routeTarget(65000, 1)), '0002fde800000001');
    assert.equal(hex(routeTarget('192.168.0.1', 100)), '0102c0a800010064');
    assert.equal(hex(routeTarget(65536, 100)), '0202000100000064');
    assert.equal(hex(trafficRate(0, 0)), '8006000000000000');
    assert.equal(hex(trafficAction(true, false)), '8007000000000002');
    assert.equal(hex(redirect(65000, 100)), '8008fde800000064');
    assert.equal(hex(redirect(4200000000, 100)), '8208fa56ea000064');
    assert.equal(hex(trafficMark(46)), '800900000000002e');
    assert.equal(hex(redirectToNextHop(false)), '0800000000000000');
    assert.equal(hex(redirectToNextHopIetf('10.0.0.1', true)), '010c0a0000010001');
    assert.equal(hex(encapsulation(8)), '030c000000000008');
  });

  it('decode to the same entry as the bytes', () => {
    const e = routeTarget(65000, 1);
    assert.deepEqual(e, decodeExtCommunity(Buffer.from('0002fde800000001', 'hex')));
    assert.deepEqual(e, { kind: 'target', format: 'as2', global: 65000, local: 1, raw: e.raw });
  });
});
