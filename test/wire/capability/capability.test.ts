import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader, SHORT_OPEN } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import {
  capabilitiesJson,
  capabilityCode,
  decodeCapability,
  encodeCapability,
  knownCapabilityCodes,
} from '../../../src/wire/capability/registry.js';
import type { Capability } from '../../../src/wire/capability/types.js';
import { EncodeError, NotifyError } from '../../../src/wire/error.js';
import { stringifyJson } from '../../../src/wire/json.js';

/** Bytes from hex groups (spaces ignored), each group commented where it is used. */
function bytes(...groups: string[]): Buffer {
  return Buffer.from(groups.join('').replace(/\s/g, ''), 'hex');
}

function decode(b: Buffer): Capability {
  const r = Reader.of(b, SHORT_OPEN);
  const c = decodeCapability(r);
  assert.equal(r.remaining, 0, 'the whole capability is consumed');
  return c;
}

function encode(c: Capability): Buffer {
  const w = new Writer();
  encodeCapability(w, c);
  return w.toBuffer();
}

function isOpenError(subcode: number) {
  return (e: unknown) => e instanceof NotifyError && e.code === 2 && e.subcode === subcode;
}

interface Vector {
  readonly what: string;
  readonly wire: Buffer;
  readonly value: Capability;
  /** ExaBGP's JSON for this capability alone, under its code. */
  readonly json: unknown;
}

const te = (s: string) => Buffer.from(s, 'utf8').toString('hex');

const VECTORS: readonly Vector[] = [
  {
    what: 'multiprotocol ipv6 unicast (RFC 4760 §8)',
    wire: bytes('01 04', '0002', '00', '01'), // code 1, len 4 | AFI 2 | reserved | SAFI 1
    value: { kind: 'multiprotocol', afi: 2, safi: 1 },
    json: { name: 'multiprotocol', families: ['ipv6/unicast'] },
  },
  {
    what: 'route refresh (RFC 2918)',
    wire: bytes('02 00'), // code 2, len 0
    value: { kind: 'route-refresh' },
    json: { name: 'route-refresh', variant: 'RFC' },
  },
  {
    what: 'Cisco route refresh (128)',
    wire: bytes('80 00'), // code 128, len 0
    value: { kind: 'cisco-route-refresh' },
    json: { name: 'route-refresh', variant: 'Cisco' },
  },
  {
    what: 'extended next hop ipv4 unicast over ipv6 (RFC 8950)',
    // code 5, len 12 | AFI 1, SAFI 1, next-hop AFI 2 | AFI 1, SAFI 128, next-hop AFI 2
    wire: bytes('05 0C', '0001 0001 0002', '0001 0080 0002'),
    value: {
      kind: 'extended-next-hop',
      entries: [
        { afi: 1, safi: 1, nextHopAfi: 2 },
        { afi: 1, safi: 128, nextHopAfi: 2 },
      ],
    },
    json: { name: 'nexthop', conversion: ['ipv4/unicast/ipv6', 'ipv4/mpls-vpn/ipv6'] },
  },
  {
    what: 'extended message (RFC 8654)',
    wire: bytes('06 00'), // code 6, len 0
    value: { kind: 'extended-message' },
    json: { name: 'extended-message', size: 65535 },
  },
  {
    what: 'graceful restart, R set, 120 s, two families (RFC 4724)',
    // code 64, len 10 | flags 8 + time 0x078 | ipv4 unicast F=1 | ipv6 unicast F=0
    wire: bytes('40 0A', '8078', '0001 01 80', '0002 01 00'),
    value: {
      kind: 'graceful-restart',
      restartFlags: 8,
      restartTimeSeconds: 120,
      families: [
        { afi: 1, safi: 1, flags: 0x80 },
        { afi: 2, safi: 1, flags: 0 },
      ],
    },
    // ExaBGP's labels: the family F bit prints "restart", the R flag "forwarding".
    json: {
      name: 'graceful restart',
      time: 120,
      'address-family-flags': { 'ipv4/unicast': ['restart'], 'ipv6/unicast': [] },
      'restart-flags': ['forwarding'],
    },
  },
  {
    what: 'graceful restart with no family and no flag',
    wire: bytes('40 02', '00B4'), // code 64, len 2 | flags 0 + time 180
    value: { kind: 'graceful-restart', restartFlags: 0, restartTimeSeconds: 180, families: [] },
    json: { name: 'graceful restart', time: 180, 'address-family-flags': {}, 'restart-flags': [] },
  },
  {
    what: '4-octet AS 4200000000 (RFC 6793)',
    wire: bytes('41 04', 'FA56EA00'), // code 65, len 4 | 4200000000
    value: { kind: 'asn4', asn: 4200000000 },
    json: { name: 'asn4', asn4: 4200000000 },
  },
  {
    what: 'multisession as ExaBGP sends it (68)',
    wire: bytes('44 01', '00'), // code 68, len 1 | 0
    value: { kind: 'multisession', raw: bytes('00') },
    json: { name: 'multisession', variant: 'RFC', capabilities: [] },
  },
  {
    what: 'Cisco multisession (131)',
    wire: bytes('83 01', '01'), // code 131, len 1 | 1
    value: { kind: 'cisco-multisession', raw: bytes('01') },
    json: { name: 'multisession', variant: 'Cisco', capabilities: [] },
  },
  {
    what: 'add-path send/receive ipv4 unicast, receive ipv6 unicast (RFC 7911)',
    // code 69, len 8 | AFI 1 SAFI 1 both | AFI 2 SAFI 1 receive
    wire: bytes('45 08', '0001 01 03', '0002 01 01'),
    value: {
      kind: 'add-path',
      families: [
        { afi: 1, safi: 1, sendReceive: 3 },
        { afi: 2, safi: 1, sendReceive: 1 },
      ],
    },
    json: { name: 'addpath', 'ipv4/unicast': 'send/receive', 'ipv6/unicast': 'receive' },
  },
  {
    what: 'add-path with an out-of-range Send/Receive is kept',
    wire: bytes('45 04', '0001 01 07'), // code 69, len 4 | AFI 1 SAFI 1 value 7
    value: { kind: 'add-path', families: [{ afi: 1, safi: 1, sendReceive: 7 }] },
    json: { name: 'addpath', 'ipv4/unicast': 'invalid (7)' },
  },
  {
    what: 'enhanced route refresh (RFC 7313)',
    wire: bytes('46 00'), // code 70, len 0
    value: { kind: 'enhanced-route-refresh' },
    json: { name: 'enhanced-route-refresh' },
  },
  {
    what: 'hostname (draft-walton)',
    // code 73, len 0x0C | 4 "host" | 6 "ex.com"
    wire: bytes('49 0C', '04', te('host'), '06', te('ex.com')),
    value: { kind: 'hostname', hostName: 'host', domainName: 'ex.com' },
    json: { 'host-name': 'host', 'domain-name': 'ex.com' },
  },
  {
    what: 'software version (draft-abraitis)',
    wire: bytes('4B 0E', '0D', te('ExaBGP/5.0.13')), // code 75, len 14 | 13 "ExaBGP/5.0.13"
    value: { kind: 'software-version', version: 'ExaBGP/5.0.13' },
    json: { software: 'ExaBGP/5.0.13' },
  },
  {
    what: 'ExaBGP operational (185)',
    wire: bytes('B9 00'), // code 185, len 0
    value: { kind: 'operational' },
    json: { name: 'operational' },
  },
  {
    what: 'link-local next hop (77): unknown to ExaBGP 5.0, kept raw',
    wire: bytes('4D 00'), // code 77, len 0
    value: { kind: 'unknown', code: 77, raw: Buffer.alloc(0) },
    json: { name: 'unknown', iana: 'unassigned', value: 77, raw: '' },
  },
  {
    what: 'ORF (3): unknown, kept byte for byte',
    wire: bytes('03 05', '0001 00 01 02'), // code 3, len 5 | opaque
    value: { kind: 'unknown', code: 3, raw: bytes('0001000102') },
    json: { name: 'unknown', iana: 'unknown', value: 3, raw: '0001000102' },
  },
  {
    what: 'private-use code 200: unknown, "reserved" range',
    wire: bytes('C8 02', 'ABCD'), // code 200, len 2 | opaque
    value: { kind: 'unknown', code: 200, raw: bytes('ABCD') },
    json: { name: 'unknown', iana: 'reserved', value: 200, raw: 'ABCD' },
  },
];

describe('capabilities: vectors', () => {
  for (const v of VECTORS) {
    it(`decodes ${v.what}`, () => assert.deepEqual(decode(v.wire), v.value));
    it(`encodes ${v.what}`, () => assert.deepEqual(encode(v.value), v.wire));
    it(`writes ExaBGP JSON for ${v.what}`, () => {
      const code = String(v.wire[0]);
      assert.deepEqual(capabilitiesJson([v.value]), { [code]: v.json });
    });
  }

  it('covers every registered code with a vector', () => {
    const covered = new Set(VECTORS.map((v) => v.wire[0]));
    for (const code of knownCapabilityCodes()) assert.ok(covered.has(code), `no vector for ${code}`);
  });
});

describe('capabilities: ExaBGP merges repeated codes in JSON', () => {
  it('lists every multiprotocol family under "1"', () => {
    const json = capabilitiesJson([
      { kind: 'multiprotocol', afi: 1, safi: 1 },
      { kind: 'asn4', asn: 65000 },
      { kind: 'multiprotocol', afi: 2, safi: 133 },
    ]);
    assert.deepEqual(json, {
      '1': { name: 'multiprotocol', families: ['ipv4/unicast', 'ipv6/flow'] },
      '65': { name: 'asn4', asn4: 65000 },
    });
    assert.deepEqual(Object.keys(json), ['1', '65'], 'codes in first-seen order');
  });

  it('merges add-path families and keeps the last asn4', () => {
    const json = capabilitiesJson([
      { kind: 'add-path', families: [{ afi: 1, safi: 1, sendReceive: 1 }] },
      { kind: 'add-path', families: [{ afi: 2, safi: 1, sendReceive: 2 }] },
      { kind: 'asn4', asn: 1 },
      { kind: 'asn4', asn: 2 },
    ]);
    assert.deepEqual(json['69'], { name: 'addpath', 'ipv4/unicast': 'receive', 'ipv6/unicast': 'send' });
    assert.deepEqual(json['65'], { name: 'asn4', asn4: 2 });
  });
});

describe('capabilities: malformed values are OPEN errors (2/0)', () => {
  const cases: [string, Buffer][] = [
    ['multiprotocol of 3 bytes', bytes('01 03', '0001 00')],
    ['multiprotocol of 5 bytes', bytes('01 05', '0001 00 01 00')],
    ['asn4 of 2 bytes', bytes('41 02', 'FDE8')],
    ['graceful restart of 1 byte', bytes('40 01', '80')],
    ['graceful restart with a partial family', bytes('40 05', '8078', '0001 01')],
    ['add-path with a partial entry', bytes('45 03', '0001 01')],
    ['extended next hop with a partial entry', bytes('05 04', '0001 0001')],
    ['hostname whose length runs past the value', bytes('49 03', '05', te('ab'))],
    ['hostname that is not UTF-8', bytes('49 03', '02 C3 28', '')],
    ['software version that is empty', bytes('4B 00')],
    ['software version that is not UTF-8', bytes('4B 02', '01 FF')],
    ['capability length past the buffer', bytes('41 04', 'FDE8')],
    ['capability with no length', bytes('41')],
  ];
  for (const [what, wire] of cases) {
    it(`rejects ${what}`, () => assert.throws(() => decode(wire), isOpenError(0)));
  }

  it('reads a hostname without domain as an empty domain', () => {
    assert.deepEqual(decode(bytes('49 03', '02', te('ab'))), {
      kind: 'hostname',
      hostName: 'ab',
      domainName: '',
    });
  });
});

describe('capabilities: encoders never truncate', () => {
  it('refuses a software version over 255 bytes', () => {
    assert.throws(
      () => encode({ kind: 'software-version', version: 'x'.repeat(256) }),
      (e: unknown) => e instanceof EncodeError,
    );
  });
  it('refuses a capability value over 255 bytes', () => {
    const entries = Array.from({ length: 43 }, () => ({ afi: 1, safi: 1, nextHopAfi: 2 }));
    assert.throws(
      () => encode({ kind: 'extended-next-hop', entries }),
      (e: unknown) => e instanceof EncodeError,
    );
  });
  it('refuses a restart time over 4095 seconds', () => {
    assert.throws(
      () => encode({ kind: 'graceful-restart', restartFlags: 0, restartTimeSeconds: 4096, families: [] }),
      (e: unknown) => e instanceof EncodeError,
    );
  });
});

describe('capabilities: properties', () => {
  it('random bytes give a capability or a NotifyError, and decoded values mirror', () => {
    const codes = [...knownCapabilityCodes(), 0, 3, 77, 200];
    const arb = fc.tuple(fc.constantFrom(...codes), fc.uint8Array({ maxLength: 40 }));
    fc.assert(
      fc.property(arb, ([code, value]) => {
        const wire = Buffer.concat([Buffer.from([code, value.length]), value]);
        let c: Capability;
        try {
          c = decode(wire);
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
          return;
        }
        assert.equal(capabilityCode(c), code);
        assert.deepEqual(decode(encode(c)), c);
        const json = capabilitiesJson([c]);
        assert.deepEqual(JSON.parse(stringifyJson(json)), json);
      }),
      { numRuns: 2000 },
    );
  });
});
