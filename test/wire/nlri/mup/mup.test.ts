import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader, SHORT_NLRI } from '../../../../src/wire/buf/reader.js';
import { EncodeError, NotifyError } from '../../../../src/wire/error.js';
import { DEFAULT_JSON_OPTIONS, type JsonValue, stringifyJson } from '../../../../src/wire/json.js';
import { type Family, familyOf } from '../../../../src/wire/nlri/family.js';
import { IPV4_MUP, IPV6_MUP, type MupNlri, mupCodec } from '../../../../src/wire/nlri/mup/index.js';
import { parseRd } from '../../../../src/wire/nlri/qualifier/rd.js';
import { nlriCodec } from '../../../../src/wire/nlri/registry.js';
import { checkValueOrNotify, decodeOne, encodeOne, mutated } from '../../../support/nlri-field.js';

const V4 = familyOf(IPV4_MUP);
const V6 = familyOf(IPV6_MUP);
const json = (n: MupNlri) => mupCodec.json(n, DEFAULT_JSON_OPTIONS);
const hex = (...fields: string[]) => Buffer.from(fields.join('').replace(/\s/g, ''), 'hex');
/** Architecture 1, the 2-octet route type, the length octet computed from the body, the body. */
function route(code: number, ...fields: string[]): Buffer {
  const body = hex(...fields);
  return Buffer.concat([Buffer.from([1, 0, code, body.length]), body]);
}
const notify = (e: unknown) => e instanceof NotifyError && e.code === 3 && e.subcode === 10;
const RD = '0000 0064 00000064'; // 100:100

// Bytes from ExaBGP's conf-srv6-mup.msg / conf-srv6-mup-v3.msg (the routes of
// conf-srv6-mup*.conf); text and JSON are ExaBGP 5.0.13's, except where marked INTEROP.
const VECTORS: {
  name: string;
  family: Family;
  bytes: Buffer;
  text: string;
  json: Record<string, JsonValue>;
}[] = [
  {
    name: 'ISD mup-isd 10.0.1.0/24 rd 100:100',
    family: V4,
    bytes: hex('0100010C0000006400000064180A0001'),
    text: 'mup:isd::100:100:10.0.1.0/24',
    json: {
      name: 'InterworkSegmentDiscoveryRoute',
      arch: 1,
      code: 1,
      prefix_ip_len: 24,
      prefix_ip: '10.0.1.0',
      rd: '100:100',
      raw: '0100010C0000006400000064180A0001',
    },
  },
  {
    name: 'DSD mup-dsd 10.0.0.1 rd 100:100',
    family: V4,
    bytes: hex('0100020C00000064000000640A000001'),
    text: 'mup:dsd::100:100:10.0.0.1',
    json: {
      name: 'DirectSegmentDiscoveryRoute',
      arch: 1,
      code: 2,
      ip: '10.0.0.1',
      rd: '100:100',
      raw: '0100020C00000064000000640A000001',
    },
  },
  {
    // INTEROP: ExaBGP writes no comma after endpoint_ip and "b''" for the absent source.
    name: 'T1ST mup-t1st 192.168.0.1/32 rd 100:100 teid 12345 qfi 9 endpoint 10.0.0.1',
    family: V4,
    bytes: hex('01000317000000640000006420C0A800010000303909200A000001'),
    text: 'mup:t1st::100:100:192.168.0.1/32:12345:9:10.0.0.1/32',
    json: {
      name: 'Type1SessionTransformedRoute',
      arch: 1,
      code: 3,
      prefix_ip_len: 32,
      prefix_ip: '192.168.0.1',
      teid: '12345',
      qfi: '9',
      rd: '100:100',
      endpoint_ip_len: 32,
      endpoint_ip: '10.0.0.1',
      source_ip_len: 0,
      source_ip: '',
      raw: '01000317000000640000006420C0A800010000303909200A000001',
    },
  },
  {
    name: 'T1ST with source 10.0.1.1',
    family: V4,
    bytes: hex('0100031C000000640000006420C0A800020000303909200A000001200A000101'),
    text: 'mup:t1st::100:100:192.168.0.2/32:12345:9:10.0.0.1/32:10.0.1.1/32',
    json: {
      name: 'Type1SessionTransformedRoute',
      arch: 1,
      code: 3,
      prefix_ip_len: 32,
      prefix_ip: '192.168.0.2',
      teid: '12345',
      qfi: '9',
      rd: '100:100',
      endpoint_ip_len: 32,
      endpoint_ip: '10.0.0.1',
      source_ip_len: 32,
      source_ip: '10.0.1.1',
      raw: '0100031C000000640000006420C0A800020000303909200A000001200A000101',
    },
  },
  {
    name: 'T2ST mup-t2st 10.0.0.1 rd 100:100 teid 0/0',
    family: V4,
    bytes: hex('0100040D0000006400000064200A000001'),
    text: 'mup:t2st::100:100:32:10.0.0.1:0:',
    json: {
      name: 'Type2SessionTransformedRoute',
      arch: 1,
      code: 4,
      endpoint_len: 32,
      endpoint_ip: '10.0.0.1',
      rd: '100:100',
      teid: '0',
      raw: '0100040D0000006400000064200A000001',
    },
  },
  {
    name: 'T2ST teid 12345/23 (3 octets of TEID)',
    family: V4,
    bytes: hex('010004100000006400000064370A000001003039'),
    text: 'mup:t2st::100:100:55:10.0.0.1:12345:',
    json: {
      name: 'Type2SessionTransformedRoute',
      arch: 1,
      code: 4,
      endpoint_len: 55,
      endpoint_ip: '10.0.0.1',
      rd: '100:100',
      teid: '12345',
      raw: '010004100000006400000064370A000001003039',
    },
  },
  {
    name: 'ISD mup-isd 2001::/64',
    family: V6,
    bytes: hex('010001110000006400000064402001000000000000'),
    text: 'mup:isd::100:100:2001::/64',
    json: {
      name: 'InterworkSegmentDiscoveryRoute',
      arch: 1,
      code: 1,
      prefix_ip_len: 64,
      prefix_ip: '2001::',
      rd: '100:100',
      raw: '010001110000006400000064402001000000000000',
    },
  },
  {
    name: 'T1ST IPv6 with source 2002::2',
    family: V6,
    bytes: hex(
      '0100034000000064000000648020010DB8000100010000000000000002000030390980200100000000000000000000000000018020020000000000000000000000000002',
    ),
    text: 'mup:t1st::100:100:2001:db8:1:1::2/128:12345:9:2001::1/128:2002::2/128',
    json: {
      name: 'Type1SessionTransformedRoute',
      arch: 1,
      code: 3,
      prefix_ip_len: 128,
      prefix_ip: '2001:db8:1:1::2',
      teid: '12345',
      qfi: '9',
      rd: '100:100',
      endpoint_ip_len: 128,
      endpoint_ip: '2001::1',
      source_ip_len: 128,
      source_ip: '2002::2',
      raw: '0100034000000064000000648020010DB8000100010000000000000002000030390980200100000000000000000000000000018020020000000000000000000000000002',
    },
  },
  {
    name: 'T2ST IPv6 teid 12345/32',
    family: V6,
    bytes: hex('0100041D0000006400000064A02001000000000000000000000000000100003039'),
    text: 'mup:t2st::100:100:160:2001::1:12345:',
    json: {
      name: 'Type2SessionTransformedRoute',
      arch: 1,
      code: 4,
      endpoint_len: 160,
      endpoint_ip: '2001::1',
      rd: '100:100',
      teid: '12345',
      raw: '0100041D0000006400000064A02001000000000000000000000000000100003039',
    },
  },
  {
    // INTEROP: ExaBGP 5.0.13 reports the AFI as the architecture of an unknown route.
    name: 'unknown architecture 2 kept raw',
    family: V4,
    bytes: hex('02000503AABBCC'),
    text: 'mup:unknown:0xaabbcc',
    json: { arch: 2, code: 5, raw: '02000503AABBCC' },
  },
];

describe('MUP NLRI: ExaBGP vectors', () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      const n = decodeOne(mupCodec, v.family, v.bytes);
      assert.deepEqual(json(n), v.json);
      assert.equal(mupCodec.text(n), v.text);
      assert.deepEqual(encodeOne(mupCodec, n), v.bytes);
      assert.deepEqual(decodeOne(mupCodec, v.family, encodeOne(mupCodec, n)), n);
    });
  }

  it('is registered for ipv4 mup and ipv6 mup', () => {
    assert.equal(nlriCodec(IPV4_MUP), mupCodec);
    assert.equal(nlriCodec(IPV6_MUP), mupCodec);
  });

  it('encodes a T2ST built by hand with the TEID in the low octets', () => {
    const n: MupNlri = {
      kind: 'mup',
      family: IPV4_MUP,
      route: 't2st',
      rd: parseRd('100:100'),
      endpointLength: 48,
      endpoint: '10.0.0.1',
      teid: 0x1234,
    };
    assert.deepEqual(encodeOne(mupCodec, n), route(4, RD, '30', '0A000001', '1234'));
    assert.throws(() => encodeOne(mupCodec, { ...n, teid: 0x10000 }), EncodeError);
    assert.throws(() => encodeOne(mupCodec, { ...n, endpoint: '2001::1' }), EncodeError);
  });
});

describe('MUP NLRI: malformed input is Invalid Network Field (3/10)', () => {
  const cases: [string, Family, Buffer][] = [
    ['header cut short', V4, hex('010001')],
    ['length runs past the field', V4, hex('01000120', RD, '18 0A0001')],
    ['ISD prefix length 33 in IPv4', V4, route(1, RD, '21 0A000100 00')],
    ['ISD prefix shorter than its length', V4, route(1, RD, '18 0A00')],
    ['ISD with a trailing octet', V4, route(1, RD, '18 0A0001 FF')],
    ['DSD address of 5 octets', V4, route(2, RD, '0A00000100')],
    ['T1ST endpoint length 24', V4, route(3, RD, '20 C0A80001 00003039 09 18 0A0000')],
    ['T1ST source cut short', V4, route(3, RD, '20 C0A80001 00003039 09 20 0A000001 20 0A00')],
    ['T1ST cut before QFI', V4, route(3, RD, '20 C0A80001 00003039')],
    ['T2ST endpoint length 31', V4, route(4, RD, '1F 0A000001')],
    ['T2ST endpoint length 65 for IPv4', V4, route(4, RD, '41 0A000001 0000303900')],
    ['T2ST TEID octets missing', V6, route(4, RD, 'A0 20010000000000000000000000000001 0000')],
  ];
  for (const [name, family, bytes] of cases) {
    it(name, () => {
      assert.throws(() => mupCodec.decode(Reader.of(bytes, SHORT_NLRI), family, undefined), notify);
    });
  }
});

const hexOf = (n: number) =>
  fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const byte = (n: number) => n.toString(16).padStart(2, '0');

/** Random well-formed routes for one family width, built as bytes from the draft's layouts. */
function routeBytes(width: 4 | 16) {
  const prefix = fc
    .integer({ min: 0, max: width * 8 })
    .chain((len) => hexOf((len + 7) >>> 3).map((p) => byte(len) + p));
  const sized = fc.oneof(
    hexOf(4).map((a) => `20${a}`),
    hexOf(16).map((a) => `80${a}`),
  );
  return fc.oneof(
    fc.tuple(hexOf(8), prefix).map(([rd, p]) => route(1, rd, p)),
    fc.tuple(hexOf(8), fc.oneof(hexOf(4), hexOf(16))).map(([rd, a]) => route(2, rd, a)),
    fc
      .tuple(hexOf(8), prefix, hexOf(4), hexOf(1), sized, fc.option(sized))
      .map(([rd, p, teid, qfi, ep, src]) => route(3, rd, p, teid, qfi, ep, src ?? '')),
    fc
      .tuple(hexOf(8), fc.integer({ min: 0, max: 32 }), hexOf(width), hexOf(4))
      .map(([rd, bits, ep, teid]) =>
        route(4, rd, byte(width * 8 + bits), ep, teid.slice(0, ((bits + 7) >>> 3) * 2)),
      ),
    fc
      .tuple(
        fc.integer({ min: 2, max: 255 }),
        fc.integer({ min: 0, max: 0xffff }),
        fc.uint8Array({ maxLength: 30 }),
      )
      .map(([arch, code, body]) =>
        Buffer.concat([Buffer.from([arch, code >> 8, code & 0xff, body.length]), body]),
      ),
  );
}

describe('MUP NLRI: properties', () => {
  it('random bytes give values or NotifyError, and what decodes re-encodes to its bytes', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 80 }), (v6, data) => {
        checkValueOrNotify(mupCodec, v6 ? V6 : V4, Buffer.from(data));
      }),
      { numRuns: 2000 },
    );
  });

  it('damaged well-formed routes give values or NotifyError', () => {
    fc.assert(
      fc.property(fc.boolean(), mutated(routeBytes(4)), mutated(routeBytes(16)), (v6, a, b) => {
        checkValueOrNotify(mupCodec, v6 ? V6 : V4, v6 ? b : a);
      }),
      { numRuns: 2000 },
    );
  });

  for (const [name, family, width] of [
    ['ipv4', V4, 4],
    ['ipv6', V6, 16],
  ] as const) {
    it(`well-formed ${name} routes mirror: encode(decode(b)) = b and decode(encode(v)) = v`, () => {
      fc.assert(
        fc.property(routeBytes(width), (bytes) => {
          const n = decodeOne(mupCodec, family, bytes);
          assert.deepEqual(encodeOne(mupCodec, n), bytes);
          assert.deepEqual(decodeOne(mupCodec, family, encodeOne(mupCodec, n)), n);
          assert.deepEqual(JSON.parse(stringifyJson(json(n))), json(n));
        }),
        { numRuns: 1000 },
      );
    });
  }
});
