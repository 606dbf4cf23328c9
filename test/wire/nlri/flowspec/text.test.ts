/**
 * FlowSpec builders from ExaBGP's configuration/API value syntax. Expected bytes are the NLRI
 * ExaBGP 5.0.13 sent for the same rules (conf-flow.conf -> conf-flow.msg), copied here by hand
 * with their rule, so the builders are checked against ExaBGP, not against themselves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Reader, SHORT_NLRI } from '../../../../src/wire/buf/reader.js';
import { Writer } from '../../../../src/wire/buf/writer.js';
import { EncodeError } from '../../../../src/wire/error.js';
import { FLOW_CODEC } from '../../../../src/wire/nlri/flowspec/codec.js';
import type { FlowNlri } from '../../../../src/wire/nlri/flowspec/components.js';
import { flowText } from '../../../../src/wire/nlri/flowspec/json.js';
import {
  FLOW_COMPONENT_NAMES,
  type FlowMatch,
  flowFromMatches,
  parseFlowPrefix,
  parseFlowValues,
} from '../../../../src/wire/nlri/flowspec/text.js';
import { parseRd } from '../../../../src/wire/nlri/qualifier/rd.js';

function encode(n: FlowNlri): string {
  const w = new Writer();
  FLOW_CODEC.encode(w, n);
  return w.toBuffer().toString('hex');
}

function m(name: string, value: string): FlowMatch {
  return { name, value };
}

const syntaxError = (e: unknown) => e instanceof EncodeError && e.errorCode === 'flow-syntax';

describe('parseFlowValues', () => {
  it('reads numeric terms with AND inside a word and OR between words', () => {
    assert.deepEqual(parseFlowValues('destination-port', '>8080&<8088 =3128'), [
      { op: 0x12, value: 8080 },
      { op: 0x54, value: 8088 },
      { op: 0x91, value: 3128 },
    ]);
    assert.deepEqual(parseFlowValues('destination-port', '[ >8080&<8088 =3128]'), [
      { op: 0x12, value: 8080 },
      { op: 0x54, value: 8088 },
      { op: 0x91, value: 3128 },
    ]);
  });

  it('takes every numeric operator, and a bare value as =', () => {
    const ops = parseFlowValues('packet-length', '>=1 <=2 !=3 <4 >5 6 true7 false8');
    assert.deepEqual(
      ops.map((o) => o.op & 0x47),
      [0x03, 0x05, 0x06, 0x04, 0x02, 0x01, 0x07, 0x00],
    );
    assert.equal(ops[ops.length - 1]!.op & 0x80, 0x80);
  });

  it('reads protocol names and numbers into 1-byte values', () => {
    assert.deepEqual(parseFlowValues('protocol', '[ udp tcp ]'), [
      { op: 0x01, value: 17 },
      { op: 0x81, value: 6 },
    ]);
    assert.deepEqual(parseFlowValues('protocol', '!=TCP'), [{ op: 0x86, value: 6 }]);
    assert.deepEqual(parseFlowValues('next-header', '58'), [{ op: 0x81, value: 58 }]);
  });

  it('reads tcp-flags names, sums and bitmask operators', () => {
    assert.deepEqual(parseFlowValues('tcp-flags', '[SYN RST&FIN&!=push]'), [
      { op: 0x00, value: 0x02 },
      { op: 0x00, value: 0x04 },
      { op: 0x40, value: 0x01 },
      { op: 0xc3, value: 0x08 },
    ]);
    assert.deepEqual(parseFlowValues('tcp-flags', '=syn+ack !urgent 0x20+0x8+0x1'), [
      { op: 0x01, value: 0x12 },
      { op: 0x02, value: 0x20 },
      { op: 0x80, value: 0x29 },
    ]);
    assert.deepEqual(parseFlowValues('tcp-flags', 'ns'), [{ op: 0x90, value: 0x100 }]);
  });

  it('reads fragment, ICMP and DSCP values', () => {
    assert.deepEqual(parseFlowValues('fragment', '[ first-fragment last-fragment ]'), [
      { op: 0x00, value: 4 },
      { op: 0x80, value: 8 },
    ]);
    assert.deepEqual(
      parseFlowValues('icmp-type', '[ unreachable echo-request echo-reply ]').map((o) => o.value),
      [3, 8, 0],
    );
    assert.deepEqual(
      parseFlowValues('icmp-code', '[ host-unreachable network-unreachable ]').map((o) => o.value),
      [1, 0],
    );
    assert.deepEqual(parseFlowValues('dscp', '[ 10 20 ]'), [
      { op: 0x01, value: 10 },
      { op: 0x81, value: 20 },
    ]);
    assert.deepEqual(parseFlowValues('flow-label', '>100&<70000'), [
      { op: 0x02, value: 100 },
      { op: 0xe4, value: 70000 },
    ]);
  });

  it('refuses bad values and syntax with flow-syntax', () => {
    for (const [name, text] of [
      ['protocol', 'xyz'],
      ['protocol', '256'],
      ['dscp', '64'],
      ['destination-port', '65536'],
      ['destination-port', '!80'],
      ['destination-port', '>80&'],
      ['destination-port', '[ ]'],
      ['fragment', 'not-a-fragment'],
      ['flow-label', '1048576'],
      ['source', '10.0.0.0/8'],
      ['colour', 'red'],
    ] as const) {
      assert.throws(() => parseFlowValues(name, text), syntaxError, `${name} ${text}`);
    }
  });
});

describe('parseFlowPrefix', () => {
  it('reads IPv4 prefixes and IPv6 prefixes with an optional offset', () => {
    assert.deepEqual(parseFlowPrefix(2, '10.0.0.0/24'), {
      afi: 1,
      component: { type: 2, ip: '10.0.0.0', length: 24 },
    });
    assert.deepEqual(parseFlowPrefix(1, '::1/128/120').component, {
      type: 1,
      ip: '::1',
      length: 128,
      offset: 120,
    });
    assert.deepEqual(parseFlowPrefix(1, '2001:DB8::/32').component, {
      type: 1,
      ip: '2001:db8::',
      length: 32,
      offset: 0,
    });
  });

  it('refuses what is not a prefix', () => {
    for (const text of [
      '10.0.0.0',
      '10.0.0.0/33',
      '10.0.0.0/8/0',
      '::1/129',
      '::1/64/64',
      'x/8',
      '::/0/0/0',
    ]) {
      assert.throws(() => parseFlowPrefix(1, text), syntaxError, text);
    }
  });
});

// Rules from conf-flow.conf and the NLRI ExaBGP 5.0.13 sent for them (conf-flow.msg).
const EXABGP_RULES: readonly { matches: FlowMatch[]; rd?: string; nlri: string }[] = [
  {
    matches: [m('source', '10.0.0.1/32')],
    rd: '65535:65536',
    nlri: '0e0000ffff0001000002200a000001',
  },
  {
    matches: [
      m('source', '10.0.0.1/32'),
      m('destination', '10.0.0.2/32'),
      m('destination-port', '=3128'),
      m('protocol', 'tcp'),
    ],
    nlri: '1301200a00000202200a00000103810605910c38',
  },
  {
    matches: [
      m('source', '10.0.0.9/32'),
      m('destination', '192.168.0.1/32'),
      m('port', '[ =80 =8080 ]'),
      m('destination-port', '[ >8080&<8088 =3128 ]'),
      m('source-port', '>1024'),
      m('protocol', '[ udp tcp ]'),
    ],
    nlri: '250120c0a8000102200a0000090301118106040150911f9005121f90541f98910c3806920400',
  },
  {
    matches: [m('packet-length', '[ >200&<300 >400&<500 ]')],
    nlri: '0c0a02c854012c120190d401f4',
  },
  { matches: [m('fragment', '[ last-fragment ]')], nlri: '030c8008' },
  {
    matches: [
      m('source', '::1/128/120'),
      m('destination', '2a02:b80:15::7aca:39ff:feae:a87a/128/0'),
      m('next-header', 'udp'),
      m('traffic-class', '101'),
      m('flow-label', '2013'),
    ],
    nlri:
      '300180002a020b80001500007aca39fffeaea87a02807800000000000000000000000000000001038111' +
      '0b81650d9107dd',
  },
  {
    matches: [
      m('source', '10.0.0.10/32'),
      m('destination', '192.168.0.1/32'),
      m('port', '[ !=0 ]'),
      m('destination-port', '[ !=443 ]'),
      m('source-port', '[ !=80 !=8080 ]'),
      m('protocol', '[ !=tcp ]'),
    ],
    nlri: '1c0120c0a8000102200a00000a038606048600059601bb060650961f90',
  },
  {
    matches: [
      m('source', '10.0.0.1/32'),
      m('destination', '10.0.0.2/32'),
      m('destination-port', '=3128'),
      m('protocol', 'tcp'),
      m('tcp-flags', '[SYN RST&FIN&!=push]'),
    ],
    nlri: '1c01200a00000202200a00000103810605910c38090002000440' + '01c308',
  },
];

describe('flowFromMatches', () => {
  for (const rule of EXABGP_RULES) {
    it(`builds what ExaBGP sent for ${rule.matches.map((x) => `${x.name} ${x.value}`).join('; ')}`, () => {
      const n = flowFromMatches(rule.matches, rule.rd ? parseRd(rule.rd) : undefined);
      assert.equal(encode(n), rule.nlri);
    });
  }

  it("re-reads ExaBGP's own text of each rule into the same bytes", () => {
    const names = new Set(Object.keys(FLOW_COMPONENT_NAMES));
    for (const rule of EXABGP_RULES) {
      const safi = rule.rd ? 134 : 133;
      const afi = rule.nlri.includes('2a020b80') ? 2 : 1;
      const n = FLOW_CODEC.decode(
        Reader.of(Buffer.from(rule.nlri, 'hex'), SHORT_NLRI),
        { afi, safi },
        undefined,
      );
      // Split "flow name value... name value... rd X" into pairs at the known names.
      const words = flowText(n).split(' ').slice(1);
      const matches: FlowMatch[] = [];
      let rd: string | undefined;
      for (let i = 0; i < words.length; i++) {
        const w = words[i]!;
        if (w === 'rd') rd = words[++i];
        else if (names.has(w)) matches.push({ name: w, value: '' });
        else {
          const last = matches[matches.length - 1]!;
          matches[matches.length - 1] = { name: last.name, value: `${last.value} ${w}`.trim() };
        }
      }
      assert.equal(encode(flowFromMatches(matches, rd ? parseRd(rd) : undefined)), rule.nlri);
    }
  });

  it('merges repeated operator matches and keeps repeated prefixes, as ExaBGP does', () => {
    const n = flowFromMatches([
      m('destination-port', '=80'),
      m('destination', '10.0.0.1/32'),
      m('destination-port', '=443'),
      m('destination', '10.0.0.2/32'),
    ]);
    // dest 10.0.0.1/32, dest 10.0.0.2/32, destination-port =80 (01 50) or =443 (91 01bb)
    assert.equal(encode(n), '1201200a00000101200a0000020501509101bb');
  });

  it('refuses mixed families and unknown names', () => {
    assert.throws(
      () => flowFromMatches([m('source', '10.0.0.1/32'), m('destination', '::1/128')]),
      syntaxError,
    );
    assert.throws(() => flowFromMatches([m('colour', 'red')]), syntaxError);
  });
});
