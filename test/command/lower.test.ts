/**
 * Lowering to wire values: extended community text -> the 8 bytes (written by hand here from
 * RFC 4360 / RFC 8955 / ExaBGP's encodings), and one grammar: the same route text through a
 * configuration and through an API command gives the same Route.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseExtendedCommunity } from '../../src/command/grammar/attribute.js';
import { lowerExtCommunity } from '../../src/command/lower/ext-community.js';
import { parseCommand } from '../../src/command/parse/index.js';
import { lowerConfig } from '../../src/config/lower/index.js';
import { parseConfig } from '../../src/config/parser.js';

function bytes(text: string): string {
  const parsed = parseExtendedCommunity(text);
  assert.ok(parsed, text);
  return lowerExtCommunity(parsed).raw.toString('hex');
}

describe('extended communities from text', () => {
  const table: [string, string][] = [
    // type 0x00 subtype 0x02, ASN 65000 (0xfde8), local 1
    ['target:65000:1', '0002fde800000001'],
    // two numbers alone are a route target
    ['65000:1', '0002fde800000001'],
    // IPv4 administrator: type 0x01, 192.0.2.1, local 5
    ['target:192.0.2.1:5', '0102c000020100 05'.replace(' ', '')],
    // origin: subtype 0x03
    ['origin:65000:7', '0003fde800000007'],
    // target4: 4-byte ASN 71200 (0x00011620), local 12000 (0x2ee0), written with type 0x01 as ExaBGP does
    ['target4:71200:12000', '0102000116202ee0'],
    // FlowSpec redirect 0x8008: ASN 65500 (0xffdc), target 12345 (0x3039)
    ['redirect:65500:12345', '8008ffdc00003039'],
    // traffic-rate 0x8006, ASN 0, IEEE 754 9600.0 = 0x46160000
    ['rate-limit:9600', '8006000046160000'],
    // l2info 0x800a: encaps 19, control 0, MTU 1500 (0x05dc), reserved 111 (0x6f)
    ['l2info:19:0:1500:111', '800a130005dc006f'],
    // interface-set 0x0702, ASN 1234 (0x04d2), input (1 << 14) | group 10
    ['interface-set:transitive:input:1234:10', '07020000 04d2400a'.replace(' ', '')],
    ['interface-set:non-transitive:output:1:1', '4702000000018001'],
    // bandwidth 0x4004: ASN 1, IEEE 754 1000.0 = 0x447a0000
    ['bandwidth:1:1000', '40040001447a0000'],
    ['redirect-to-nexthop', '0800000000000000'],
    ['0x0002fde800000001', '0002fde800000001'],
  ];
  for (const [text, hex] of table) it(text, () => assert.equal(bytes(text), hex));

  it('an unknown type or a bad field is refused', () => {
    for (const bad of [
      'bogus:1:2',
      'target:1',
      'target:70000:70000',
      'interface-set:sideways:1:1',
      'l2info:1:2',
    ]) {
      const parsed = parseExtendedCommunity(bad);
      assert.ok(parsed);
      assert.throws(() => lowerExtCommunity(parsed), /invalid extended community/, bad);
    }
  });
});

describe('one grammar for configuration and API', () => {
  const lines = [
    '10.1.0.0/16 next-hop 192.0.2.1 origin egp as-path [ 65001 65002 ( 65003 65004 ) ] med 7 local-preference 50 community [ 65000:1 no-export ] large-community [ 1:2:3 ] extended-community [ target:65000:9 ] atomic-aggregate aggregator ( 65001:192.0.2.9 ) originator-id 1.1.1.1 cluster-list [ 2.2.2.2 ]',
    '10.2.0.0/16 next-hop self rd 65000:1 label [ 100 ] path-information 7',
    '2001:db8::/32 next-hop 2001:db8::1 attribute [ 0x63 0xc0 0xabcd ]',
  ];
  for (const line of lines) {
    it(line.slice(0, 40), () => {
      const conf = parseConfig(
        `neighbor 192.0.2.2 { local-as 1; peer-as 1; static { route ${line}; } }`,
        'one.conf',
      );
      const lowered = lowerConfig(conf.config);
      assert.deepEqual(lowered.diagnostics, []);
      const api = parseCommand(`announce route ${line}`);
      assert.ok('command' in api && api.command.kind === 'routes', JSON.stringify(api));
      assert.deepEqual(api.command.routes, [...lowered.config.neighbors[0]!.routes]);
    });
  }
});
