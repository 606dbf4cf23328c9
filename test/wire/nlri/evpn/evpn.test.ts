import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader, SHORT_NLRI } from '../../../../src/wire/buf/reader.js';
import { EncodeError, NotifyError } from '../../../../src/wire/error.js';
import { DEFAULT_JSON_OPTIONS, stringifyJson } from '../../../../src/wire/json.js';
import { type EvpnNlri, evpnCodec, L2VPN_EVPN } from '../../../../src/wire/nlri/evpn/index.js';
import { familyOf } from '../../../../src/wire/nlri/family.js';
import { parseRd, rdFromBytes } from '../../../../src/wire/nlri/qualifier/rd.js';
import { nlriCodec } from '../../../../src/wire/nlri/registry.js';
import { corpusPath } from '../../../support/corpus.js';
import { mpNlriOfUpdateBody } from '../../../support/mp-nlri.js';
import {
  checkValueOrNotify,
  decodeField,
  decodeOne,
  encodeOne,
  mutated,
} from '../../../support/nlri-field.js';
import { ESI_ZERO, hex, RD_65000_1, route, VECTORS } from './vectors.js';

const FAMILY = familyOf(L2VPN_EVPN);
const json = (n: EvpnNlri) => evpnCodec.json(n, DEFAULT_JSON_OPTIONS);
function notify(code: number, subcode: number) {
  return (e: unknown) => e instanceof NotifyError && e.code === code && e.subcode === subcode;
}

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
        checkValueOrNotify(evpnCodec, FAMILY, Buffer.from(data));
      }),
      { numRuns: 2000 },
    );
  });

  it('damaged well-formed routes give values or NotifyError', () => {
    fc.assert(
      fc.property(mutated(routeBytes), (bytes) => {
        checkValueOrNotify(evpnCodec, FAMILY, bytes);
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
