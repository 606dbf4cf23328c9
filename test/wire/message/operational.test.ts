import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EncodeError, NotifyError } from '../../../src/wire/error.js';
import { stringifyJson } from '../../../src/wire/json.js';
import {
  decodeOperational,
  encodeOperational,
  type Operational,
  operationalJson,
} from '../../../src/wire/message/operational.js';

function bytes(...groups: string[]): Buffer {
  return Buffer.from(groups.join('').replace(/\s/g, ''), 'hex');
}
const te = (s: string) => Buffer.from(s, 'utf8').toString('hex');

interface Vector {
  readonly what: string;
  readonly body: Buffer;
  readonly value: Operational;
  readonly json: unknown;
}

const VECTORS: Vector[] = [
  {
    what: 'ADM advisory',
    body: bytes('0001', '0008', '0001 01', te('hello')), // type 1 | length 8 | ipv4 unicast | text
    value: {
      kind: 'operational',
      category: 'advisory',
      code: 1,
      afi: 1,
      safi: 1,
      advisory: Buffer.from('hello'),
    },
    json: { name: 'ADM', afi: 'ipv4', safi: 'unicast', advisory: 'hello' },
  },
  {
    what: 'ASM advisory',
    body: bytes('0002', '0005', '0002 01', te('hi')), // type 2 | length 5 | ipv6 unicast | text
    value: {
      kind: 'operational',
      category: 'advisory',
      code: 2,
      afi: 2,
      safi: 1,
      advisory: Buffer.from('hi'),
    },
    json: { name: 'ASM', afi: 'ipv6', safi: 'unicast', advisory: 'hi' },
  },
  {
    what: 'RPCQ query',
    // type 3 | length 11 | ipv4 unicast | router id 1.2.3.4 | sequence 7
    body: bytes('0003', '000B', '0001 01', '01020304', '00000007'),
    value: {
      kind: 'operational',
      category: 'query',
      code: 3,
      afi: 1,
      safi: 1,
      routerId: '1.2.3.4',
      sequence: 7,
    },
    json: { name: 'RPCQ', afi: 'ipv4', safi: 'unicast' },
  },
  {
    what: 'APCQ query',
    body: bytes('0005', '000B', '0001 01', '01020304', '00000001'),
    value: {
      kind: 'operational',
      category: 'query',
      code: 5,
      afi: 1,
      safi: 1,
      routerId: '1.2.3.4',
      sequence: 1,
    },
    json: { name: 'APCQ', afi: 'ipv4', safi: 'unicast' },
  },
  {
    what: 'LPCQ query',
    body: bytes('0007', '000B', '0002 01', '0A000001', '00000002'),
    value: {
      kind: 'operational',
      category: 'query',
      code: 7,
      afi: 2,
      safi: 1,
      routerId: '10.0.0.1',
      sequence: 2,
    },
    json: { name: 'LPCQ', afi: 'ipv6', safi: 'unicast' },
  },
  {
    what: 'RPCP counter',
    // type 4 | length 15 | ipv4 unicast | router id | sequence 7 | counter 1000
    body: bytes('0004', '000F', '0001 01', '01020304', '00000007', '000003E8'),
    value: {
      kind: 'operational',
      category: 'counter',
      code: 4,
      afi: 1,
      safi: 1,
      routerId: '1.2.3.4',
      sequence: 7,
      counter: 1000,
    },
    json: { name: 'RPCP', afi: 'ipv4', safi: 'unicast', 'router-id': '1.2.3.4', sequence: 7, counter: 1000 },
  },
  {
    what: 'APCP counter',
    body: bytes('0006', '000F', '0001 01', '01020304', '00000001', '00000000'),
    value: {
      kind: 'operational',
      category: 'counter',
      code: 6,
      afi: 1,
      safi: 1,
      routerId: '1.2.3.4',
      sequence: 1,
      counter: 0,
    },
    json: { name: 'APCP', afi: 'ipv4', safi: 'unicast', 'router-id': '1.2.3.4', sequence: 1, counter: 0 },
  },
  {
    what: 'LPCP counter',
    body: bytes('0008', '000F', '0001 01', '01020304', '00000003', 'FFFFFFFF'),
    value: {
      kind: 'operational',
      category: 'counter',
      code: 8,
      afi: 1,
      safi: 1,
      routerId: '1.2.3.4',
      sequence: 3,
      counter: 0xffffffff,
    },
    json: {
      name: 'LPCP',
      afi: 'ipv4',
      safi: 'unicast',
      'router-id': '1.2.3.4',
      sequence: 3,
      counter: 4294967295,
    },
  },
  {
    what: 'an unknown type (NS), kept raw, no JSON',
    body: bytes('FFFF', '0005', '0001 01 0001'),
    value: { kind: 'operational', category: 'unknown', code: 0xffff, raw: bytes('00010100 01') },
    json: undefined,
  },
];

describe('OPERATIONAL', () => {
  for (const v of VECTORS) {
    it(`decodes, encodes and prints ${v.what}`, () => {
      assert.deepEqual(decodeOperational(v.body), v.value);
      assert.deepEqual(encodeOperational(v.value).subarray(19), v.body);
      assert.deepEqual(operationalJson(v.value), v.json);
    });
  }

  it('shows invalid UTF-8 in an advisory with replacement characters', () => {
    const m = decodeOperational(bytes('0001', '0005', '0001 01', 'FF 41'));
    assert.equal(operationalJson(m)?.advisory, '\ufffdA');
  });

  it('answers missing fixed fields with 5/0, as ExaBGP', () => {
    for (const body of [bytes('00'), bytes('0001 0002 0001'), bytes('0003', '000B', '0001 01', '01020304')]) {
      assert.throws(
        () => decodeOperational(body),
        (e: unknown) => e instanceof NotifyError && e.code === 5 && e.subcode === 0,
      );
    }
  });

  it('random bodies give a value or a NotifyError; JSON parses', () => {
    const arb = fc.tuple(fc.integer({ min: 0, max: 10 }), fc.uint8Array({ maxLength: 30 }));
    fc.assert(
      fc.property(arb, ([type, rest]) => {
        const body = Buffer.concat([Buffer.from([0, type, 0, rest.length]), rest]);
        try {
          const m = decodeOperational(body);
          const json = operationalJson(m);
          if (json) assert.deepEqual(JSON.parse(stringifyJson(json)), json);
          assert.deepEqual(decodeOperational(encodeOperational(m).subarray(19)), m);
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('OPERATIONAL: encoding', () => {
  it('refuses a value whose type and category disagree', () => {
    const bad = {
      kind: 'operational',
      category: 'query',
      code: 4,
      afi: 1,
      safi: 1,
      routerId: '1.1.1.1',
      sequence: 1,
    } as const;
    assert.throws(
      () => encodeOperational(bad),
      (e: unknown) => e instanceof EncodeError,
    );
  });
});
