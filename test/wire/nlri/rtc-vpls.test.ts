import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NotifyError } from '../../../src/wire/error.js';
import { familyKey } from '../../../src/wire/nlri/family.js';
import { parseRd } from '../../../src/wire/nlri/qualifier/rd.js';
import { rtcCodec } from '../../../src/wire/nlri/rtc.js';
import { vplsCodec } from '../../../src/wire/nlri/vpls.js';
import { assertNotify, decodeField, encodeField, hex, JSON_OPTS } from './helpers.js';

describe('RTC NLRI (RFC 4684 §4)', () => {
  it('decodes origin AS + route target, and the zero-length default', () => {
    // 96 bits: origin 65000, route target 0x0002 (2-octet AS) 65000:100; then the wildcard.
    const field = hex('60 0000fde8 0002fde800000064 00');
    const list = decodeField(field, 1, 132);
    assert.deepEqual(list, [
      {
        kind: 'rtc',
        family: familyKey(1, 132),
        length: 96,
        origin: 65000,
        routeTarget: hex('0002fde800000064'),
      },
      { kind: 'rtc', family: familyKey(1, 132), length: 0, origin: 0, routeTarget: Buffer.alloc(0) },
    ]);
    assert.deepEqual(encodeField(list), field);
    assert.deepEqual(rtcCodec.json(list[0] as never, JSON_OPTS), {
      origin: 65000,
      'route-target': 'target:65000:100',
    });
    assert.deepEqual(rtcCodec.json(list[1] as never, JSON_OPTS), { origin: 0, 'route-target': null });
    assert.equal(rtcCodec.text(list[0] as never), 'rtc 65000:target:65000:100');
    assert.equal(rtcCodec.text(list[1] as never), 'rtc wildcard');
  });

  it('honours a route-target prefix shorter than 64 bits', () => {
    // 48 bits: origin + the first 16 bits of the route target
    const field = hex('30 0000fde8 0102');
    const [n] = decodeField(field, 1, 132);
    assert.deepEqual((n as { routeTarget: Buffer }).routeTarget, hex('0102'));
    assert.deepEqual(encodeField([n!]), field);
  });

  it('rejects lengths between 1 and 31 or above 96 (3/10), and truncation (3/10)', () => {
    assertNotify(() => decodeField(hex('10 0000fde8'), 1, 132), 3, 10);
    assertNotify(() => decodeField(hex('61 0000fde8 0002fde80000006400'), 1, 132), 3, 10);
    assertNotify(() => decodeField(hex('60 0000fde8 0002'), 1, 132), 3, 10);
  });
});

describe('VPLS NLRI (RFC 4761 §3.2.2)', () => {
  // From main/api/api-vpls.ci: vpls rd 192.168.201.1:123 endpoint 5 base 10702 offset 1 size 8
  const field = hex('0011 0001c0a8c901007b 0005 0001 0008 029ce1');

  it("decodes ExaBGP's api-vpls route with ExaBGP's JSON", () => {
    const list = decodeField(field, 25, 65);
    assert.deepEqual(list, [
      {
        kind: 'vpls',
        family: familyKey(25, 65),
        rd: parseRd('192.168.201.1:123'),
        endpoint: 5,
        offset: 1,
        size: 8,
        labelBase: (10702 << 4) | 1,
      },
    ]);
    assert.deepEqual(encodeField(list), field);
    // The JSON line that follows in api-vpls.ci
    assert.deepEqual(vplsCodec.json(list[0] as never, JSON_OPTS), {
      rd: '192.168.201.1:123',
      endpoint: 5,
      base: 10702,
      offset: 1,
      size: 8,
    });
    assert.equal(
      vplsCodec.text(list[0] as never),
      'vpls rd 192.168.201.1:123 endpoint 5 base 10702 offset 1 size 8',
    );
  });

  it('keeps octets beyond the 17 of RFC 4761 and rejects fewer (3/10)', () => {
    const longer = hex('0012 0001c0a8c901007b 0005 0001 0008 029ce1 ff');
    const list = decodeField(longer, 25, 65);
    assert.deepEqual((list[0] as { trailing?: Buffer }).trailing, hex('ff'));
    assert.deepEqual(encodeField(list), longer);
    assertNotify(() => decodeField(hex('0010 0001c0a8c901007b 0005 0001 0008 029c'), 25, 65), 3, 10);
    assertNotify(() => decodeField(field.subarray(0, 18), 25, 65), 3, 10);
  });

  it('random bytes give NLRI or a NotifyError, and what decodes re-encodes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.constantFrom([1, 132], [25, 65]), (b, [afi, safi]) => {
        try {
          const bytes = Buffer.from(b);
          const list = decodeField(bytes, afi!, safi!);
          assert.deepEqual(encodeField(list), bytes);
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
        }
      }),
    );
  });
});
