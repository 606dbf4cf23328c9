import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader, SHORT_NLRI } from '../../../../src/wire/buf/reader.js';
import { EncodeError, NotifyError } from '../../../../src/wire/error.js';
import { DEFAULT_JSON_OPTIONS, type JsonValue, stringifyJson } from '../../../../src/wire/json.js';
import { type EvpnNlri, evpnCodec, L2VPN_EVPN } from '../../../../src/wire/nlri/evpn/index.js';
import { familyOf } from '../../../../src/wire/nlri/family.js';
import { parseRd, rdFromBytes } from '../../../../src/wire/nlri/qualifier/rd.js';
import { nlriCodec } from '../../../../src/wire/nlri/registry.js';
import { corpusPath } from '../../../support/corpus.js';
import { mpNlriOfUpdateBody } from '../../../support/mp-nlri.js';
import { decodeField, decodeOne, encodeOne } from '../../../support/nlri-field.js';

const FAMILY = familyOf(L2VPN_EVPN);
const json = (n: EvpnNlri) => evpnCodec.json(n, DEFAULT_JSON_OPTIONS);
/** Join hex fields written apart for reading; type and length are given by `route`. */
const hex = (...fields: string[]) => Buffer.from(fields.join('').replace(/\s/g, ''), 'hex');
/** Route type, then the length octet computed from the body, then the body. */
function route(type: number, ...fields: string[]): Buffer {
  const body = hex(...fields);
  return Buffer.concat([Buffer.from([type, body.length]), body]);
}

function notify(code: number, subcode: number) {
  return (e: unknown) => e instanceof NotifyError && e.code === code && e.subcode === subcode;
}

const RD_65000_1 = '0000 FDE8 00000001';
const ESI_SET = '00 11 22 33 44 55 66 77 88 99';
const ESI_ZERO = '00000000000000000000';

// Expected text and JSON are ExaBGP 5.0.13's for the same bytes (its __str__ and json()).
const VECTORS: { name: string; bytes: Buffer; text: string; json: Record<string, JsonValue> }[] = [
  {
    name: 'type 1 Ethernet A-D with a label',
    bytes: route(1, RD_65000_1, ESI_SET, '00000064', '000641'),
    text: 'evpn:ethernetad::65000:1:00:11:22:33:44:55:66:77:88:99:100: label 100 (1601)',
    json: {
      code: 1,
      parsed: true,
      raw: '01190000FDE8000000010011223344556677889900000064000641',
      name: 'Ethernet Auto-Discovery',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 100,
      label: [[100, 1601]],
    },
  },
  {
    name: 'type 1 Ethernet A-D without a label',
    bytes: route(1, RD_65000_1, ESI_SET, '00000064'),
    text: 'evpn:ethernetad::65000:1:00:11:22:33:44:55:66:77:88:99:100:',
    json: {
      code: 1,
      parsed: true,
      raw: '01160000FDE8000000010011223344556677889900000064',
      name: 'Ethernet Auto-Discovery',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 100,
    },
  },
  {
    name: 'type 2 MAC/IP with IPv6 and two labels (RD type 1)',
    bytes: route(
      2,
      '0001 C0A80001 0005',
      ESI_ZERO,
      '00000000',
      '30 00112AABBCC0',
      '80 20010DB8000000000000000000000001',
      '000641 0007D1',
    ),
    text: 'evpn:macadv::192.168.0.1:5:-:0:00:11:2A:AB:BC:C0/48:2001:db8::1: label 100 (1601)',
    json: {
      code: 2,
      parsed: true,
      raw: '02340001C0A80001000500000000000000000000000000003000112AABBCC08020010DB80000000000000000000000010006410007D1',
      name: 'MAC/IP advertisement',
      rd: '192.168.0.1:5',
      esi: '-',
      'ethernet-tag': 0,
      mac: '00:11:2A:AB:BC:C0',
      label: [[100, 1601]],
      ip: '2001:db8::1',
    },
  },
  {
    name: 'type 2 MAC/IP with IPv4',
    bytes: route(2, RD_65000_1, ESI_SET, '0000000A', '30 00112AABBCC0', '20 C0000201', '000641'),
    text: 'evpn:macadv::65000:1:00:11:22:33:44:55:66:77:88:99:10:00:11:2A:AB:BC:C0/48:192.0.2.1: label 100 (1601)',
    json: {
      code: 2,
      parsed: true,
      raw: '02250000FDE800000001001122334455667788990000000A3000112AABBCC020C0000201000641',
      name: 'MAC/IP advertisement',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 10,
      mac: '00:11:2A:AB:BC:C0',
      label: [[100, 1601]],
      ip: '192.0.2.1',
    },
  },
  {
    name: 'type 3 Inclusive Multicast, IPv4 (RD type 2)',
    bytes: route(3, '0002 00010000 0007', '00000000', '20 0A000001'),
    text: 'evpn:multicast::65536:7:0:10.0.0.1',
    json: {
      code: 3,
      parsed: true,
      raw: '0311000200010000000700000000200A000001',
      name: 'Inclusive Multicast Ethernet Tag',
      rd: '65536:7',
      'ethernet-tag': 0,
      ip: '10.0.0.1',
    },
  },
  {
    name: 'type 3 Inclusive Multicast, IPv6',
    bytes: route(3, RD_65000_1, '0000000A', '80 20010DB8000000000000000000000002'),
    text: 'evpn:multicast::65000:1:10:2001:db8::2',
    json: {
      code: 3,
      parsed: true,
      raw: '031D0000FDE8000000010000000A8020010DB8000000000000000000000002',
      name: 'Inclusive Multicast Ethernet Tag',
      rd: '65000:1',
      'ethernet-tag': 10,
      ip: '2001:db8::2',
    },
  },
  {
    name: 'type 4 Ethernet Segment, IPv4',
    bytes: route(4, RD_65000_1, '0102030405060708090A', '20 0A000002'),
    text: 'evpn:segment::65000:1:01:02:03:04:05:06:07:08:09:0a:10.0.0.2',
    json: {
      code: 4,
      parsed: true,
      raw: '04170000FDE8000000010102030405060708090A200A000002',
      name: 'Ethernet Segment',
      rd: '65000:1',
      esi: '01:02:03:04:05:06:07:08:09:0a',
      ip: '10.0.0.2',
    },
  },
  {
    name: 'type 4 Ethernet Segment, IPv6',
    bytes: route(4, RD_65000_1, ESI_ZERO, '80 20010DB8000000000000000000000003'),
    text: 'evpn:segment::65000:1:-:2001:db8::3',
    json: {
      code: 4,
      parsed: true,
      raw: '04230000FDE800000001000000000000000000008020010DB8000000000000000000000003',
      name: 'Ethernet Segment',
      rd: '65000:1',
      esi: '-',
      ip: '2001:db8::3',
    },
  },
  {
    name: 'type 5 IP Prefix, IPv4',
    bytes: route(5, RD_65000_1, ESI_ZERO, '00000000', '18', '0A010000', '0A000001', '000641'),
    text: 'evpn:prfxadv::65000:1:-:0:10.1.0.0/24:10.0.0.1: label 100 (1601)',
    json: {
      code: 5,
      parsed: true,
      raw: '05220000FDE8000000010000000000000000000000000000180A0100000A000001000641',
      name: 'IP Prefix Advertisement',
      rd: '65000:1',
      esi: '-',
      'ethernet-tag': 0,
      label: [[100, 1601]],
      ip: '10.1.0.0',
      iplen: 24,
      gateway: '10.0.0.1',
    },
  },
  {
    name: 'type 5 IP Prefix, IPv6 with label 0',
    bytes: route(
      5,
      RD_65000_1,
      ESI_SET,
      '00000005',
      '40',
      '20010DB8000100000000000000000000',
      '00000000000000000000000000000000',
      '000000',
    ),
    text: 'evpn:prfxadv::65000:1:00:11:22:33:44:55:66:77:88:99:5:2001:db8:1::/64:::: label 0',
    json: {
      code: 5,
      parsed: true,
      raw: '053A0000FDE80000000100112233445566778899000000054020010DB800010000000000000000000000000000000000000000000000000000000000',
      name: 'IP Prefix Advertisement',
      rd: '65000:1',
      esi: '00:11:22:33:44:55:66:77:88:99',
      'ethernet-tag': 5,
      label: [[0]],
      ip: '2001:db8:1::',
      iplen: 64,
      gateway: '::',
    },
  },
  {
    name: 'unknown route type 9',
    bytes: route(9, 'AABBCC'),
    text: 'evpn:unknown:0xaabbcc',
    json: { code: 9, parsed: false, raw: '0903AABBCC' },
  },
];

describe('EVPN NLRI: ExaBGP decoding vector bgp-evpn-1', () => {
  it('decodes every withdrawn route to ExaBGP 5.0.13 JSON and re-encodes the field byte for byte', (t) => {
    const path = corpusPath('exabgp', '5.0.13', 'decoding', 'bgp-evpn-1');
    if (!path) return t.skip('corpus missing');
    const [kind, hexLine, expected] = readFileSync(path, 'utf8').split('\n');
    assert.equal(kind, 'update l2vpn evpn');
    const fields = mpNlriOfUpdateBody(Buffer.from(hexLine!.trim(), 'hex'));
    assert.equal(fields.length, 1);
    const field = fields[0]!;
    assert.deepEqual([field.afi, field.safi, field.reach], [25, 70, false]);
    const decoded = decodeField(evpnCodec, FAMILY, field.nlri);
    const want = JSON.parse(expected!).neighbor.message.update.withdraw['l2vpn evpn'];
    assert.deepEqual(
      decoded.map((d) => JSON.parse(stringifyJson(json(d.value)))),
      want,
    );
    assert.deepEqual(Buffer.concat(decoded.map((d) => encodeOne(evpnCodec, d.value))), field.nlri);
  });
});

describe('EVPN NLRI: route types 1-5 and unknown', () => {
  for (const v of VECTORS) {
    it(v.name, () => {
      const n = decodeOne(evpnCodec, FAMILY, v.bytes);
      assert.deepEqual(json(n), v.json);
      assert.equal(evpnCodec.text(n), v.text);
      assert.deepEqual(encodeOne(evpnCodec, n), v.bytes);
      assert.deepEqual(decodeOne(evpnCodec, FAMILY, encodeOne(evpnCodec, n)), n);
    });
  }

  it('is registered for l2vpn evpn', () => {
    assert.equal(nlriCodec(L2VPN_EVPN), evpnCodec);
  });

  it('keeps the path identifier the caller read', () => {
    const n = evpnCodec.decode(Reader.of(VECTORS[4]!.bytes, SHORT_NLRI), FAMILY, 7);
    assert.equal(n.pathId, 7);
  });

  it('keys routes on what RFC 7432 makes the prefix, not on labels or the MAC/IP ESI', () => {
    const a = decodeOne(evpnCodec, FAMILY, VECTORS[3]!.bytes);
    const b = { ...a, esi: '-', labels: [0x000011] } as EvpnNlri;
    assert.equal(evpnCodec.key(a), evpnCodec.key(b));
    assert.notEqual(evpnCodec.key(a), evpnCodec.key({ ...a, etag: 11 } as EvpnNlri));
  });
});

describe('EVPN NLRI: values built by hand encode as RFC 7432 lays them out', () => {
  it('MAC/IP without IP', () => {
    const n: EvpnNlri = {
      kind: 'evpn',
      family: L2VPN_EVPN,
      route: 'mac-ip',
      rd: parseRd('65000:1'),
      esi: '-',
      etag: 1901,
      macLength: 48,
      mac: 'FC:15:B4:78:7B:8F',
      labels: [0x000641],
    };
    const bytes = route(2, RD_65000_1, ESI_ZERO, '0000076D', '30 FC15B4787B8F', '00', '000641');
    assert.deepEqual(encodeOne(evpnCodec, n), bytes);
    assert.deepEqual(decodeOne(evpnCodec, FAMILY, bytes), n);
  });

  it('refuses values that cannot be put on the wire', () => {
    const base = decodeOne(evpnCodec, FAMILY, VECTORS[8]!.bytes);
    const bad: unknown[] = [
      { ...base, labels: [] },
      { ...base, gateway: '2001::1' },
      { ...base, prefixLength: 33 },
      { ...base, esi: '00:11' },
      { kind: 'evpn', family: L2VPN_EVPN, route: 'unknown', code: 2, raw: Buffer.alloc(0) },
    ];
    for (const n of bad) assert.throws(() => encodeOne(evpnCodec, n as EvpnNlri), EncodeError);
  });
});

describe('EVPN NLRI: malformed input is Invalid Network Field (3/10)', () => {
  const cases: [string, Buffer][] = [
    ['header cut short', hex('02')],
    ['route length runs past the field', hex('03 20', RD_65000_1, '00000000', '20 0A000001')],
    [
      'MAC/IP with IP length 24',
      route(2, RD_65000_1, ESI_ZERO, '00000000', '30 FC15B4787B8F', '18 0A0000', '000641'),
    ],
    [
      'MAC/IP with MAC length 64',
      route(2, RD_65000_1, ESI_ZERO, '00000000', '40 FC15B4787B8F', '00', '000641'),
    ],
    ['MAC/IP with no label', route(2, RD_65000_1, ESI_ZERO, '00000000', '30 FC15B4787B8F', '00')],
    [
      'MAC/IP with three labels',
      route(2, RD_65000_1, ESI_ZERO, '00000000', '30 FC15B4787B8F', '00', '000640 000640 000641'),
    ],
    ['MAC/IP cut inside the IP', route(2, RD_65000_1, ESI_ZERO, '00000000', '30 FC15B4787B8F', '80 2001')],
    ['Multicast with IP length 0', route(3, RD_65000_1, '00000000', '00')],
    ['Multicast with a trailing octet', route(3, RD_65000_1, '00000000', '20 0A000001 FF')],
    ['Segment with IP length 16', route(4, RD_65000_1, ESI_ZERO, '10 0A00')],
    ['Ethernet A-D with a partial label', route(1, RD_65000_1, ESI_ZERO, '00000000', '0006')],
    ['Ethernet A-D cut inside the ESI', route(1, RD_65000_1, '0011')],
    ['IP Prefix of 35 octets', route(5, RD_65000_1, ESI_ZERO, '00000000', '18 0A010000 0A000001 000641 00')],
    [
      'IP Prefix length 33 for IPv4',
      route(5, RD_65000_1, ESI_ZERO, '00000000', '21 0A010000 0A000001 000641'),
    ],
  ];
  for (const [name, bytes] of cases) {
    it(name, () => {
      assert.throws(() => evpnCodec.decode(Reader.of(bytes, SHORT_NLRI), FAMILY, undefined), notify(3, 10));
    });
  }
});

const rdArb = fc.uint8Array({ minLength: 8, maxLength: 8 }).map((b) => {
  const buf = Buffer.from(b);
  buf.writeUInt16BE(buf[0]! % 3, 0);
  return rdFromBytes(buf);
});
const hexOf = (n: number) =>
  fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const ipHex = fc.oneof(hexOf(4), hexOf(16));

/** Random well-formed routes, built as bytes from the RFC layouts. */
const routeBytes = fc.oneof(
  fc
    .tuple(rdArb, hexOf(10), hexOf(4), fc.array(hexOf(3), { maxLength: 3 }))
    .map(([rd, esi, tag, labels]) => route(1, rd.raw.toString('hex'), esi, tag, ...labels)),
  fc
    .tuple(
      rdArb,
      hexOf(10),
      hexOf(4),
      fc.integer({ min: 0, max: 48 }),
      hexOf(6),
      fc.option(ipHex),
      hexOf(3),
      fc.option(hexOf(3)),
    )
    .map(([rd, esi, tag, ml, mac, ip, l1, l2]) =>
      route(
        2,
        rd.raw.toString('hex'),
        esi,
        tag,
        ml.toString(16).padStart(2, '0'),
        mac,
        ip ? (ip.length === 8 ? '20' : '80') + ip : '00',
        l1,
        l2 ?? '',
      ),
    ),
  fc
    .tuple(rdArb, hexOf(4), ipHex)
    .map(([rd, tag, ip]) => route(3, rd.raw.toString('hex'), tag, (ip.length === 8 ? '20' : '80') + ip)),
  fc
    .tuple(rdArb, hexOf(10), ipHex)
    .map(([rd, esi, ip]) => route(4, rd.raw.toString('hex'), esi, (ip.length === 8 ? '20' : '80') + ip)),
  fc
    .tuple(
      rdArb,
      hexOf(10),
      hexOf(4),
      fc.boolean(),
      fc.integer({ min: 0, max: 128 }),
      hexOf(16),
      hexOf(16),
      hexOf(3),
    )
    .map(([rd, esi, tag, v6, len, ip, gw, l]) =>
      v6
        ? route(5, rd.raw.toString('hex'), esi, tag, len.toString(16).padStart(2, '0'), ip, gw, l)
        : route(
            5,
            rd.raw.toString('hex'),
            esi,
            tag,
            (len % 33).toString(16).padStart(2, '0'),
            ip.slice(0, 8),
            gw.slice(0, 8),
            l,
          ),
    ),
  fc
    .tuple(fc.integer({ min: 6, max: 255 }), fc.uint8Array({ maxLength: 40 }))
    .map(([code, body]) => route(code, Buffer.from(body).toString('hex'))),
);

describe('EVPN NLRI: properties', () => {
  it('random bytes give values or NotifyError, and what decodes re-encodes to its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        const buf = Buffer.from(data);
        const r = Reader.of(buf, SHORT_NLRI);
        try {
          while (!r.done) {
            const start = r.pos;
            const n = evpnCodec.decode(r, FAMILY, undefined);
            assert.deepEqual(encodeOne(evpnCodec, n), buf.subarray(start, r.pos));
            const j = json(n);
            assert.deepEqual(JSON.parse(stringifyJson(j)), j);
            evpnCodec.text(n);
          }
        } catch (e) {
          if (!(e instanceof NotifyError)) throw e;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('well-formed routes of every type mirror: encode(decode(b)) = b and decode(encode(v)) = v', () => {
    fc.assert(
      fc.property(routeBytes, (bytes) => {
        const n = decodeOne(evpnCodec, FAMILY, bytes);
        assert.deepEqual(encodeOne(evpnCodec, n), bytes);
        assert.deepEqual(decodeOne(evpnCodec, FAMILY, encodeOne(evpnCodec, n)), n);
        assert.deepEqual(JSON.parse(stringifyJson(json(n))), json(n));
      }),
      { numRuns: 1000 },
    );
  });
});
