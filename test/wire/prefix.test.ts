import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader } from '../../src/wire/buf/reader.js';
import { Writer } from '../../src/wire/buf/writer.js';
import { NotifyError } from '../../src/wire/error.js';
import {
  decodePrefix,
  encodePrefix,
  formatIPv6,
  IPV6_CANONICAL,
  IPV6_OTHER,
  NOT_IPV6,
  parseIPv4,
  parseIPv6,
  scanIPv6,
} from '../../src/wire/nlri/prefix.js';
import { ipv6Text } from './ipv6-text.js';

const v6 = (hex: string) => formatIPv6(Buffer.from(hex.replace(/ /g, ''), 'hex'));

describe('IP text', () => {
  it('prints IPv6 as RFC 5952 and as inet_ntop does for embedded IPv4', () => {
    assert.equal(v6('20010db8 00000000 00000000 00000001'), '2001:db8::1');
    assert.equal(v6('20010db8 00000001 00000000 00000001'), '2001:db8:0:1::1');
    assert.equal(v6('20010db8 00000000 00010000 00000000'), '2001:db8:0:0:1::');
    assert.equal(v6('20010db8 00000000 00010000 00000001'), '2001:db8::1:0:0:1');
    assert.equal(v6('00000000 00000000 00000000 00000000'), '::');
    assert.equal(v6('00000000 00000000 00000000 00000001'), '::1');
    assert.equal(v6('00000000 00000000 0000ffff 0a000001'), '::ffff:10.0.0.1');
    assert.equal(v6('00000000 00000000 00000000 0a000001'), '::10.0.0.1');
    assert.equal(v6('00000000 00000000 00000000 00000002'), '::0.0.0.2');
    assert.equal(v6('2a020b80 00150000 7aca39ff feaea87a'), '2a02:b80:15:0:7aca:39ff:feae:a87a');
  });

  it('parses what it prints (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIPv6(bytes);
        assert.deepEqual([...parseIPv6(text)!], [...bytes], text);
      }),
    );
  });

  it('rejects malformed addresses', () => {
    for (const bad of ['1.2.3', '1.2.3.256', '1..2.3', '01.2.3.4.5', 'a.b.c.d', ''])
      assert.equal(parseIPv4(bad), undefined, bad);
    for (const bad of ['1::2::3', '12345::', ':::', '1:2:3:4:5:6:7:8:9', 'g::1', '1:2:3:4:5:6:7']) {
      assert.equal(parseIPv6(bad), undefined, bad);
    }
    assert.deepEqual([...parseIPv6('::ffff:1.2.3.4')!].slice(10), [0xff, 0xff, 1, 2, 3, 4]);
  });

  it('scanIPv6 reads what parseIPv6 reads, inside a longer text, and says when it is the RFC 5952 text', () => {
    fc.assert(
      fc.property(
        ipv6Text,
        fc.string({ maxLength: 3 }),
        fc.string({ maxLength: 3 }),
        (text, before, after) => {
          const out = new Uint8Array(18).fill(0xaa);
          const line = before + text + after;
          const scanned = scanIPv6(line, before.length, before.length + text.length, out, 1);
          const expected = parseIPv6(text);
          if (!expected) {
            assert.equal(scanned, NOT_IPV6, text);
            return;
          }
          assert.deepEqual([...out.subarray(1, 17)], [...expected], text);
          assert.deepEqual([out[0], out[17]], [0xaa, 0xaa], 'nothing written outside the 16 octets');
          const canonical = formatIPv6(expected) === text;
          // A dotted quad is left to formatIPv6: the caller prints it, as it does other texts.
          if (text.includes('.')) assert.equal(scanned, IPV6_OTHER, text);
          else assert.equal(scanned, canonical ? IPV6_CANONICAL : IPV6_OTHER, text);
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('scanIPv6 finds the RFC 5952 text of any 16 octets canonical', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), (bytes) => {
        const text = formatIPv6(bytes);
        const out = new Uint8Array(16);
        const scanned = scanIPv6(text, 0, text.length, out);
        assert.equal(scanned, text.includes('.') ? IPV6_OTHER : IPV6_CANONICAL, text);
        assert.deepEqual([...out], [...bytes], text);
      }),
    );
    for (const [text, result] of [
      ['2001:db8::1', IPV6_CANONICAL],
      ['2001:DB8::1', IPV6_OTHER],
      ['2001:0db8::1', IPV6_OTHER],
      ['2001:db8:0:0:0:0:0:1', IPV6_OTHER],
      ['2001:db8::0:1', IPV6_OTHER],
      ['2001:db8:0::1', IPV6_OTHER],
      ['2001:0:0:1::1', IPV6_CANONICAL],
      ['2001::1:0:0:0:1', IPV6_OTHER],
      ['2001::1:0:0:1', IPV6_CANONICAL],
      ['1::1:1:1:1:1:1', IPV6_OTHER],
      ['1:0:1:1:1:1:1:1', IPV6_CANONICAL],
      ['::', IPV6_CANONICAL],
      ['::1', IPV6_CANONICAL],
      ['::2', IPV6_OTHER],
      ['::ffff:a00:1', IPV6_OTHER],
      ['::ffff:10.0.0.1', IPV6_OTHER],
      ['2001:db8::/32', NOT_IPV6],
    ] as const)
      assert.equal(scanIPv6(text, 0, text.length, new Uint8Array(16)), result, text);
  });
});

describe('RFC 4271 prefixes', () => {
  it('decodes and encodes the minimal number of octets', () => {
    const r = Reader.of(Buffer.from('18c0a801' + '00' + '20' + '0a000001', 'hex'));
    assert.deepEqual(decodePrefix(r, 1), { ip: '192.168.1.0', length: 24 });
    assert.deepEqual(decodePrefix(r, 1), { ip: '0.0.0.0', length: 0 });
    assert.deepEqual(decodePrefix(r, 1), { ip: '10.0.0.1', length: 32 });
    const w = new Writer();
    encodePrefix(w, 1, '192.168.1.0', 24);
    encodePrefix(w, 2, '2001:db8::', 32);
    assert.equal(w.toBuffer().toString('hex'), '18c0a801' + '2020010db8');
  });

  it('rejects a length beyond the address size with 3/10', () => {
    assert.throws(
      () => decodePrefix(Reader.of(Buffer.from('21ffffffffff', 'hex')), 1),
      (e: unknown) => e instanceof NotifyError && e.code === 3 && e.subcode === 10,
    );
  });
});
