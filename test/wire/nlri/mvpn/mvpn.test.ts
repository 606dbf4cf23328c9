import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader, SHORT_NLRI } from '../../../../src/wire/buf/reader.js';
import { EncodeError, NotifyError } from '../../../../src/wire/error.js';
import { DEFAULT_JSON_OPTIONS, stringifyJson } from '../../../../src/wire/json.js';
import { type Family, familyName, familyOf } from '../../../../src/wire/nlri/family.js';
import { IPV4_MVPN, IPV6_MVPN, type MvpnNlri, mvpnCodec } from '../../../../src/wire/nlri/mvpn/index.js';
import { parseRd } from '../../../../src/wire/nlri/qualifier/rd.js';
import { nlriCodec } from '../../../../src/wire/nlri/registry.js';
import { cleanHex, corpusPath } from '../../../support/corpus.js';
import { mpNlriFields } from '../../../support/mp-nlri.js';
import {
  checkValueOrNotify,
  decodeField,
  decodeOne,
  encodeOne,
  mutated,
} from '../../../support/nlri-field.js';

const V4 = familyOf(IPV4_MVPN);
const V6 = familyOf(IPV6_MVPN);
const json = (n: MvpnNlri) => mvpnCodec.json(n, DEFAULT_JSON_OPTIONS);
const hex = (...fields: string[]) => Buffer.from(fields.join('').replace(/\s/g, ''), 'hex');
function route(type: number, ...fields: string[]): Buffer {
  const body = hex(...fields);
  return Buffer.concat([Buffer.from([type, body.length]), body]);
}
const notify = (e: unknown) => e instanceof NotifyError && e.code === 3 && e.subcode === 10;
const RD = '0000 FDE8 0001869F'; // 65000:99999

describe('MVPN NLRI: ExaBGP API vectors (main/api/api-mvpn.ci)', () => {
  it('every announced and withdrawn route gives the JSON ExaBGP wrote for it', (t) => {
    const path = corpusPath('exabgp', 'main', 'api', 'api-mvpn.ci');
    if (!path) return t.skip('corpus missing');
    const lines = readFileSync(path, 'utf8').split('\n');
    let compared = 0;
    for (let i = 0; i + 1 < lines.length; i++) {
      const raw = lines[i]!.indexOf(':raw:');
      const next = lines[i + 1]!.indexOf(':json:');
      if (raw < 0 || next < 0) continue;
      const update = JSON.parse(lines[i + 1]!.slice(next + 6)).neighbor.message.update;
      const message = Buffer.from(cleanHex(lines[i]!.slice(raw + 5)), 'hex');
      for (const field of mpNlriFields(message)) {
        const name = familyName(field.afi, field.safi);
        const got = decodeField(mvpnCodec, field, field.nlri).map((d) =>
          JSON.parse(stringifyJson(json(d.value))),
        );
        const want = field.reach
          ? Object.values(update.announce[name] as Record<string, unknown[]>).flat()
          : update.withdraw[name];
        assert.deepEqual(got, want, `line ${i + 1}`);
        compared += got.length;
      }
    }
    assert.equal(compared, 12);
  });
});

// Text is ExaBGP 5.0.13's __str__ for the routes of conf-mvpn.conf.
const TEXTS: [Family, Buffer, string][] = [
  [
    V4,
    route(6, RD, '0000FDE8', '20 0A63C701', '20 EFFBFFE4'),
    'mvpn:shared-join::65000:99999:65000:10.99.199.1:239.251.255.228',
  ],
  [
    V4,
    route(7, RD, '0000FDE8', '20 0A630C02', '20 EFFBFFE4'),
    'mvpn:source-join::65000:99999:65000:10.99.12.2:239.251.255.228',
  ],
  [V4, route(5, RD, '20 0A630C04', '20 EFFBFFE4'), 'mvpn:sourcead::65000:99999:10.99.12.4:239.251.255.228'],
  [
    V6,
    route(5, RD, '80 FD120000000000000000000000000004', '80 FF0E0000000000000000000000000001'),
    'mvpn:sourcead::65000:99999:fd12::4:ff0e::1',
  ],
  [
    V6,
    route(6, RD, '0000FDE8', '80 FD000000000000000000000000000001', '80 FF0E0000000000000000000000000001'),
    'mvpn:shared-join::65000:99999:65000:fd00::1:ff0e::1',
  ],
  [V4, route(1, RD, '0A000001'), 'mvpn:unknown:0x0000fde80001869f0a000001'],
];

describe('MVPN NLRI: text and round trip', () => {
  for (const [family, bytes, text] of TEXTS) {
    it(text, () => {
      const n = decodeOne(mvpnCodec, family, bytes);
      assert.equal(mvpnCodec.text(n), text);
      assert.deepEqual(encodeOne(mvpnCodec, n), bytes);
      assert.deepEqual(decodeOne(mvpnCodec, family, encodeOne(mvpnCodec, n)), n);
    });
  }

  it('keeps an unparsed route type as ExaBGP shows it', () => {
    const n = decodeOne(mvpnCodec, V4, route(1, RD, '0A000001'));
    assert.deepEqual(json(n), { code: 1, parsed: false, raw: '010C0000FDE80001869F0A000001' });
  });

  it('is registered for ipv4 and ipv6 mcast-vpn', () => {
    assert.equal(nlriCodec(IPV4_MVPN), mvpnCodec);
    assert.equal(nlriCodec(IPV6_MVPN), mvpnCodec);
  });

  it('encodes a Source Tree Join built by hand as RFC 6514 §4.6 lays it out', () => {
    const n: MvpnNlri = {
      kind: 'mvpn',
      family: IPV4_MVPN,
      route: 'source-join',
      rd: parseRd('65000:99999'),
      sourceAs: 65000,
      source: '10.99.12.2',
      group: '239.251.255.228',
    };
    assert.deepEqual(encodeOne(mvpnCodec, n), TEXTS[1]![1]);
    assert.throws(() => encodeOne(mvpnCodec, { ...n, group: 'nope' }), EncodeError);
    assert.throws(() => encodeOne(mvpnCodec, { ...n, sourceAs: -1 }), EncodeError);
  });
});

describe('MVPN NLRI: malformed input is Invalid Network Field (3/10)', () => {
  const cases: [string, Buffer][] = [
    ['header cut short', hex('05')],
    ['length runs past the field', hex('0516', RD, '20 0A630C04 20 EFFBFFE4')],
    ['source length 24', route(5, RD, '18 0A630C', '20 EFFBFFE4')],
    ['group length 0', route(6, RD, '0000FDE8', '20 0A63C701', '00')],
    ['group cut short', route(7, RD, '0000FDE8', '20 0A63C701', '20 EFFB')],
    ['trailing octet', route(5, RD, '20 0A630C04', '20 EFFBFFE4 00')],
    ['cut inside the RD', route(6, '0000FDE8')],
  ];
  for (const [name, bytes] of cases) {
    it(name, () => {
      assert.throws(() => mvpnCodec.decode(Reader.of(bytes, SHORT_NLRI), V4, undefined), notify);
    });
  }
});

const hexOf = (n: number) =>
  fc.uint8Array({ minLength: n, maxLength: n }).map((b) => Buffer.from(b).toString('hex'));
const sized = fc.oneof(
  hexOf(4).map((a) => `20${a}`),
  hexOf(16).map((a) => `80${a}`),
);
const routeBytes = fc.oneof(
  fc.tuple(hexOf(8), sized, sized).map(([rd, s, g]) => route(5, rd, s, g)),
  fc
    .tuple(fc.constantFrom(6, 7), hexOf(8), hexOf(4), sized, sized)
    .map(([c, rd, as, s, g]) => route(c, rd, as, s, g)),
  fc
    .tuple(
      fc.integer({ min: 0, max: 255 }).filter((c) => c < 5 || c > 7),
      fc.uint8Array({ maxLength: 40 }),
    )
    .map(([c, body]) => route(c, Buffer.from(body).toString('hex'))),
);

describe('MVPN NLRI: properties', () => {
  it('random bytes give values or NotifyError, and what decodes re-encodes to its bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (data) => {
        checkValueOrNotify(mvpnCodec, V6, Buffer.from(data));
      }),
      { numRuns: 2000 },
    );
  });

  it('damaged well-formed routes give values or NotifyError', () => {
    fc.assert(
      fc.property(mutated(routeBytes), (bytes) => {
        checkValueOrNotify(mvpnCodec, V6, bytes);
      }),
      { numRuns: 2000 },
    );
  });

  it('well-formed routes mirror: encode(decode(b)) = b and decode(encode(v)) = v', () => {
    fc.assert(
      fc.property(routeBytes, (bytes) => {
        const n = decodeOne(mvpnCodec, V6, bytes);
        assert.deepEqual(encodeOne(mvpnCodec, n), bytes);
        assert.deepEqual(decodeOne(mvpnCodec, V6, encodeOne(mvpnCodec, n)), n);
      }),
      { numRuns: 1000 },
    );
  });
});
