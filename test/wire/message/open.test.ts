import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Capability } from '../../../src/wire/capability/types.js';
import { DEFAULT_CONTEXT } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { Framer } from '../../../src/wire/frame.js';
import { stringifyJson } from '../../../src/wire/json.js';
import {
  asn4Of,
  capabilitiesOf,
  capabilitiesOfKind,
  decodeOpen,
  encodeOpen,
  makeOpen,
  type Open,
  openJson,
  speakerAsn,
  twoOctetAsn,
} from '../../../src/wire/message/open.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/message/registry.js';
import { cleanHex, corpusPath } from '../../support/corpus.js';

function bytes(...groups: string[]): Buffer {
  return Buffer.from(groups.join('').replace(/\s/g, ''), 'hex');
}

/** A whole OPEN message: marker, length, type 1, then the body. */
function message(body: Buffer): Buffer {
  const head = Buffer.alloc(19, 0xff);
  head.writeUInt16BE(19 + body.length, 16);
  head[18] = 1;
  return Buffer.concat([head, body]);
}

function decodeWhole(wire: Buffer): Open {
  const frames = new Framer().push(wire);
  assert.equal(frames.length, 1);
  const m = decodeMessage(frames[0]!, DEFAULT_CONTEXT);
  assert.equal(m.kind, 'open');
  return m as Open;
}

function openError(code: number, subcode: number) {
  return (e: unknown) => e instanceof NotifyError && e.code === code && e.subcode === subcode;
}

// Version 4, AS 65001, hold 180, id 10.0.0.1.
const FIXED = '04 FDE9 00B4 0A000001';

describe('OPEN: ExaBGP decoding vector bgp-open-sofware-version', () => {
  const path = corpusPath('exabgp', '5.0.13', 'decoding', 'bgp-open-sofware-version');
  it('gives exactly the expected open object', { skip: !path }, () => {
    const [kind, hex, json] = readFileSync(path!, 'utf8').split('\n');
    assert.equal(kind!.trim(), 'open');
    const wire = Buffer.from(cleanHex(hex!), 'hex');
    const open = decodeWhole(wire);
    const expected = JSON.parse(json!).neighbor.open;
    assert.deepEqual(JSON.parse(stringifyJson(openJson(open))), expected);
    assert.deepEqual(encodeOpen(open), wire, 'and re-encodes byte for byte');
  });
});

describe('OPEN: OPENs sent by ExaBGP in the encoding corpus', () => {
  const cases: [string, object][] = [
    [
      'conf-cap-software-version.msg',
      {
        '1': { name: 'multiprotocol', families: ['ipv4/unicast'] },
        '65': { name: 'asn4', asn4: 65533 },
        '6': { name: 'extended-message', size: 65535 },
        '75': { software: 'ExaBGP/5.0.0-0+test' },
      },
    ],
    [
      'conf-hostname.msg',
      {
        '1': { name: 'multiprotocol', families: ['ipv4/unicast'] },
        '65': { name: 'asn4', asn4: 65533 },
        '6': { name: 'extended-message', size: 65535 },
        '73': { 'host-name': 'my-host-name', 'domain-name': 'my-domain-name.com' },
      },
    ],
  ];
  for (const [file, caps] of cases) {
    const path = corpusPath('exabgp', '5.0.13', 'encoding', file);
    it(`decodes and re-encodes the OPEN of ${file}`, { skip: !path }, () => {
      const line = readFileSync(path!, 'utf8')
        .split('\n')
        .find((l) => /raw:[F:]+:[0-9A-F]{4}:01:/.test(l));
      assert.ok(line, 'the file has an OPEN');
      const wire = Buffer.from(cleanHex(line.slice(line.indexOf('raw:') + 4)), 'hex');
      const open = decodeWhole(wire);
      assert.deepEqual(openJson(open).capabilities, caps);
      assert.equal(open.asn, 65533);
      assert.equal(open.routerId, '10.0.0.2');
      assert.deepEqual(encodeOpen(open), wire);
    });
  }
});

describe('OPEN: parameters', () => {
  it('reads several capabilities in one parameter and several parameters', () => {
    const body = bytes(
      FIXED,
      '14', // Opt Parm Len 20
      '02 0A', // parameter 2, length 10
      '01 04 0001 00 01', // multiprotocol ipv4 unicast
      '02 00', // route refresh
      '46 00', // enhanced route refresh
      '02 06', // parameter 2, length 6
      '41 04 0000FDE9', // asn4 65001
    );
    const open = decodeOpen(body);
    assert.deepEqual(open, {
      kind: 'open',
      version: 4,
      asn: 65001,
      holdTimeSeconds: 180,
      routerId: '10.0.0.1',
      parameters: [
        [
          { kind: 'multiprotocol', afi: 1, safi: 1 },
          { kind: 'route-refresh' },
          { kind: 'enhanced-route-refresh' },
        ],
        [{ kind: 'asn4', asn: 65001 }],
      ],
      extendedParameters: false,
    });
    assert.deepEqual(encodeOpen(open).subarray(19), body);
    assert.equal(capabilitiesOf(open).length, 4);
    assert.deepEqual(capabilitiesOfKind(open, 'multiprotocol'), [{ kind: 'multiprotocol', afi: 1, safi: 1 }]);
    assert.equal(asn4Of(open), 65001);
  });

  it('reads an OPEN without parameters', () => {
    const open = decodeOpen(bytes(FIXED, '00'));
    assert.deepEqual(open.parameters, []);
    assert.equal(asn4Of(open), undefined);
    assert.equal(speakerAsn(open), 65001);
    assert.deepEqual(openJson(open).capabilities, {});
  });

  it('reads the RFC 9072 extended format and re-encodes it', () => {
    const body = bytes(
      FIXED,
      'FF FF', // Non-Ext OP Len 255, Non-Ext OP Type 255
      '000D', // Extended Opt. Parm. Length 13
      '02 0004', // parameter 2, 2-octet length 4
      '02 00 46 00', // route refresh, enhanced route refresh
      '02 0003', // parameter 2, 2-octet length 3
      '4B 01 00', // software version ""
    );
    const open = decodeOpen(body);
    assert.equal(open.extendedParameters, true);
    assert.deepEqual(open.parameters, [
      [{ kind: 'route-refresh' }, { kind: 'enhanced-route-refresh' }],
      [{ kind: 'software-version', version: '' }],
    ]);
    assert.deepEqual(encodeOpen(open).subarray(19), body);
  });

  it('switches to the extended format when the parameters exceed 255 bytes', () => {
    // 70 multiprotocol capabilities, each in its own parameter: 70 * (2 + 6) = 560 bytes.
    const caps: Capability[] = Array.from({ length: 70 }, (_, i) => ({
      kind: 'multiprotocol',
      afi: 1,
      safi: i,
    }));
    const open = makeOpen({ asn: 65001, holdTimeSeconds: 180, routerId: '10.0.0.1', capabilities: caps });
    const wire = encodeOpen(open);
    const body = wire.subarray(19);
    assert.deepEqual(body.subarray(9, 13), bytes('FF FF', '0276')); // 70 * (3 + 6) = 630
    assert.deepEqual(body.subarray(13, 22), bytes('02 0006', '01 04 0001 00 00'));
    const back = decodeOpen(body);
    assert.deepEqual(back, { ...open, extendedParameters: true });
  });

  it('keeps the short format up to exactly 255 bytes of parameters', () => {
    // 1 parameter of 253 bytes: one unknown capability of 251 bytes.
    const cap: Capability = { kind: 'unknown', code: 200, raw: Buffer.alloc(251, 7) };
    const open = makeOpen({ asn: 1, holdTimeSeconds: 90, routerId: '1.1.1.1', capabilities: [cap] });
    const body = encodeOpen(open).subarray(19);
    assert.deepEqual(body.subarray(9, 12), bytes('FF', '02 FD'));
    assert.deepEqual(decodeOpen(body), open);
  });

  it('puts AS_TRANS in the 2-octet field for a 4-octet ASN', () => {
    assert.equal(twoOctetAsn(65535), 65535);
    assert.equal(twoOctetAsn(65536), 23456);
    const open = makeOpen({
      asn: twoOctetAsn(4200000000),
      holdTimeSeconds: 180,
      routerId: '10.0.0.1',
      capabilities: [{ kind: 'asn4', asn: 4200000000 }],
    });
    assert.deepEqual(
      encodeOpen(open).subarray(19),
      bytes('04 5BA0 00B4 0A000001', '08', '02 06 41 04 FA56EA00'),
    );
    assert.equal(speakerAsn(open), 4200000000);
  });
});

describe('OPEN: malformed', () => {
  it('answers a version other than 4 with 2/1 and data 0x0004', () => {
    for (const version of ['03', '05']) {
      assert.throws(
        () => decodeOpen(bytes(version, 'FDE9 00B4 0A000001', '00')),
        (e: unknown) => openError(2, 1)(e) && Buffer.from((e as NotifyError).data).equals(bytes('0004')),
      );
    }
  });

  it('answers an unknown optional parameter with 2/4', () => {
    for (const type of ['01', '03', 'FE']) {
      assert.throws(() => decodeOpen(bytes(FIXED, '04', type, '02 0000')), openError(2, 4));
    }
    // Also in the extended format.
    assert.throws(() => decodeOpen(bytes(FIXED, 'FFFF 0004', '01 0001 00')), openError(2, 4));
  });

  it('answers a body shorter than the fixed part with 1/2 and the length field', () => {
    assert.throws(
      () => decodeOpen(bytes('04 FDE9 00B4 0A00')),
      (e: unknown) => openError(1, 2)(e) && Buffer.from((e as NotifyError).data).equals(bytes('001A')),
    );
  });

  const cases: [string, Buffer][] = [
    ['a parameter length past the parameters', bytes(FIXED, '04', '02 05 02 00')],
    ['a parameter length past the message', bytes(FIXED, '08', '02 06 41 04')],
    ['bytes after the parameters', bytes(FIXED, '02', '02 00', '00')],
    ['a capability length past its parameter', bytes(FIXED, '04', '02 02 41 04')],
    ['a truncated capability header', bytes(FIXED, '03', '02 01 41')],
    ['an extended length past the message', bytes(FIXED, 'FFFF 0010', '02 0002 02 00')],
    ['an extended marker with no length', bytes(FIXED, 'FF FF')],
    ['a malformed asn4 capability', bytes(FIXED, '06', '02 04 41 02 FDE9')],
  ];
  for (const [what, body] of cases) {
    it(`answers ${what} with 2/0`, () => assert.throws(() => decodeOpen(body), openError(2, 0)));
  }
});

const arbCapability: fc.Arbitrary<Capability> = fc.oneof(
  fc.record({
    kind: fc.constant('multiprotocol' as const),
    afi: fc.constantFrom(1, 2, 25),
    safi: fc.integer({ min: 0, max: 255 }),
  }),
  fc.constant({ kind: 'route-refresh' as const }),
  fc.constant({ kind: 'enhanced-route-refresh' as const }),
  fc.constant({ kind: 'extended-message' as const }),
  fc.record({ kind: fc.constant('asn4' as const), asn: fc.nat({ max: 0xffffffff }) }),
  fc.record({
    kind: fc.constant('add-path' as const),
    families: fc.array(
      fc.record({
        afi: fc.constantFrom(1, 2),
        safi: fc.constantFrom(1, 4, 128),
        sendReceive: fc.integer({ min: 1, max: 3 }),
      }),
      { maxLength: 5 },
    ),
  }),
  fc.record({
    kind: fc.constant('graceful-restart' as const),
    restartFlags: fc.integer({ min: 0, max: 15 }),
    restartTimeSeconds: fc.integer({ min: 0, max: 4095 }),
    families: fc.array(
      fc.record({ afi: fc.constantFrom(1, 2), safi: fc.constantFrom(1, 2), flags: fc.nat({ max: 255 }) }),
      {
        maxLength: 4,
      },
    ),
  }),
  fc.record({
    kind: fc.constant('hostname' as const),
    hostName: fc.string({ maxLength: 20 }),
    domainName: fc.string({ maxLength: 20 }),
  }),
  fc.record({ kind: fc.constant('software-version' as const), version: fc.string({ maxLength: 40 }) }),
  fc.record({
    kind: fc.constant('unknown' as const),
    code: fc.constantFrom(0, 3, 77, 200, 254),
    raw: fc.uint8Array({ maxLength: 30 }).map((a) => Buffer.from(a)),
  }),
);

/** fast-check may build records without a prototype; values from the decoder have one. */
function plain<T>(v: T): T {
  if (Buffer.isBuffer(v) || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plain) as T;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)])) as T;
}

const arbOpen: fc.Arbitrary<Open> = fc
  .record({
    kind: fc.constant('open' as const),
    version: fc.constant(4),
    asn: fc.nat({ max: 0xffff }),
    holdTimeSeconds: fc.nat({ max: 0xffff }),
    routerId: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((a) => a.join('.')),
    parameters: fc.array(fc.array(arbCapability, { maxLength: 4 }), { maxLength: 12 }),
    extendedParameters: fc.boolean(),
  })
  .map(plain);

describe('OPEN: properties', () => {
  it('mirrors generated OPENs: decode(encode(open)) equals open', () => {
    fc.assert(
      fc.property(arbOpen, (open) => {
        const wire = encodeMessage(open, DEFAULT_CONTEXT);
        const back = decodeWhole(wire);
        // The extended format is also chosen when the parameters need it.
        assert.deepEqual(back, { ...open, extendedParameters: back.extendedParameters });
        assert.ok(back.extendedParameters || !open.extendedParameters);
        assert.deepEqual(encodeOpen(back), wire);
        const json = openJson(back);
        assert.deepEqual(JSON.parse(stringifyJson(json)), json);
      }),
      { numRuns: 500 },
    );
  });

  it('random bodies give an Open or a NotifyError, nothing else', () => {
    const arb = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.uint8Array({ maxLength: 70 }).map((a) => Buffer.concat([bytes(FIXED), Buffer.from([a.length]), a])),
      fc
        .uint8Array({ maxLength: 70 })
        .map((a) => Buffer.concat([bytes(FIXED, 'FFFF'), Buffer.from([0, a.length]), a])),
    );
    fc.assert(
      fc.property(arb, (a) => {
        try {
          const open = decodeOpen(Buffer.from(a));
          assert.deepEqual(JSON.parse(stringifyJson(openJson(open))), openJson(open));
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('builds whole messages the framer accepts', () => {
    const open = makeOpen({ asn: 65001, holdTimeSeconds: 180, routerId: '10.0.0.1', capabilities: [] });
    assert.deepEqual(decodeWhole(message(bytes(FIXED, '00'))), open);
  });
});
