import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NotifyError } from '../../../src/wire/error.js';
import { familyKey } from '../../../src/wire/nlri/family.js';
import { labeledCodec } from '../../../src/wire/nlri/labeled.js';
import { parseRd } from '../../../src/wire/nlri/qualifier/rd.js';
import { vpnCodec } from '../../../src/wire/nlri/vpn.js';
import { assertNotify, decodeField, encodeField, hex, JSON_OPTS } from './helpers.js';

describe('labeled NLRI (RFC 8277)', () => {
  it('decodes one label with bottom of stack, and gives ExaBGP 5.0 JSON/text', () => {
    // length 48 = 24 (label 16: 0x000101) + /24; prefix 10.0.0.0/24
    const field = hex('30 000101 0a0000');
    const list = decodeField(field, 1, 4);
    assert.deepEqual(list, [
      { kind: 'labeled', family: familyKey(1, 4), labels: [0x101], ip: '10.0.0.0', length: 24 },
    ]);
    assert.deepEqual(encodeField(list), field);
    assert.deepEqual(labeledCodec.json(list[0] as never, JSON_OPTS), { nlri: '10.0.0.0/24', label: [[16]] });
    assert.equal(labeledCodec.text(list[0] as never), '10.0.0.0/24 label 16');
  });

  it('decodes a two-label stack and an IPv6 prefix', () => {
    const field = hex('70 000100 000111 20010db800000001');
    const [n] = decodeField(field, 2, 4);
    assert.deepEqual(n, {
      kind: 'labeled',
      family: familyKey(2, 4),
      labels: [0x100, 0x111],
      ip: '2001:db8:0:1::',
      length: 64,
    });
    assert.equal(labeledCodec.text(n as never), '2001:db8:0:1::/64 label [ 16 17 ]');
    assert.deepEqual(encodeField([n!]), field);
  });

  it('accepts the RFC 3107 withdraw label 0x800000 as a whole stack', () => {
    const [n] = decodeField(hex('30 800000 0a0000'), 1, 4);
    assert.deepEqual((n as { labels: readonly number[] }).labels, [0x800000]);
  });

  it('rejects a stack with no bottom of stack (3/10) and a length too long for the address', () => {
    assertNotify(() => decodeField(hex('30 000100 0a0000'), 1, 4), 3, 10);
    assertNotify(() => decodeField(hex('39 000101 0a000000 00'), 1, 4), 3, 10);
    assertNotify(() => decodeField(hex('30 0001'), 1, 4), 3, 10);
  });
});

describe('VPN NLRI (RFC 4364 §4.3.4)', () => {
  it("decodes ExaBGP's conf-addpath route (label 20012 rd 100:100 path-information 10)", () => {
    // From 5.0.13/encoding/conf-addpath.msg: path id, length 112 = 24 + 64 + 24, label, RD, prefix
    const field = hex('0000000a 70 04e2c1 0000006400000064 0a0000');
    const list = decodeField(field, 1, 128, true);
    assert.deepEqual(list, [
      {
        kind: 'vpn',
        family: familyKey(1, 128),
        pathId: 10,
        labels: [20012 * 16 + 1],
        rd: parseRd('100:100'),
        ip: '10.0.0.0',
        length: 24,
      },
    ]);
    assert.deepEqual(encodeField(list, true), field);
    assert.deepEqual(vpnCodec.json(list[0] as never, JSON_OPTS), {
      nlri: '10.0.0.0/24',
      'path-information': '0.0.0.10',
      label: [[20012]],
      rd: '100:100',
    });
    assert.equal(
      vpnCodec.text(list[0] as never),
      '10.0.0.0/24 path-information 0.0.0.10 label 20012 rd 100:100',
    );
  });

  it('decodes VPN-IPv6 with an IPv4-administrator RD', () => {
    // length 152 = 24 + 64 + 64; RD type 1 1.2.3.4:5
    const field = hex('98 000101 000101020304 0005 20010db800000001');
    const [n] = decodeField(field, 2, 128);
    assert.equal((n as { rd: { text: string } }).rd.text, '1.2.3.4:5');
    assert.equal((n as { ip: string }).ip, '2001:db8:0:1::');
    assert.deepEqual(encodeField([n!]), field);
  });

  it('rejects a length shorter than labels + RD (3/10)', () => {
    assertNotify(() => decodeField(hex('50 000101 0000006400000064'), 1, 128), 3, 10);
  });

  it('random bytes give NLRI or a NotifyError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.constantFrom(4, 128), fc.boolean(), (b, safi, v6) => {
        try {
          const list = decodeField(Buffer.from(b), v6 ? 2 : 1, safi);
          assert.deepEqual(decodeField(encodeField(list), v6 ? 2 : 1, safi), list);
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
        }
      }),
    );
  });
});
