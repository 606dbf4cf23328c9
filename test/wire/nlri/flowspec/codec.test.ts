/**
 * FlowSpec NLRI codec: vectors built by hand from RFC 8955 / RFC 8956 layouts, malformed input
 * (NOTIFICATION 3/10), mirrors and properties.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader, SHORT_NLRI } from '../../../../src/wire/buf/reader.js';
import { Writer } from '../../../../src/wire/buf/writer.js';
import { EncodeError, NotifyError } from '../../../../src/wire/error.js';
import { stringifyJson } from '../../../../src/wire/json.js';
import { familyKey } from '../../../../src/wire/nlri/family.js';
import { FLOW_CODEC } from '../../../../src/wire/nlri/flowspec/codec.js';
import {
  type FlowNlri,
  MAX_FLOW_COMPONENTS,
  MAX_FLOW_OPERATORS,
} from '../../../../src/wire/nlri/flowspec/components.js';
import { flowJson, flowText } from '../../../../src/wire/nlri/flowspec/json.js';
import { parseRd } from '../../../../src/wire/nlri/qualifier/rd.js';
import { nlriCodec } from '../../../../src/wire/nlri/registry.js';

const V4 = { afi: 1, safi: 133 };
const V6 = { afi: 2, safi: 133 };
const V4_VPN = { afi: 1, safi: 134 };

function decode(hex: string, family = V4): FlowNlri {
  return FLOW_CODEC.decode(Reader.of(Buffer.from(hex, 'hex'), SHORT_NLRI), family, undefined);
}

function encode(n: FlowNlri): string {
  const w = new Writer();
  FLOW_CODEC.encode(w, n);
  return w.toBuffer().toString('hex');
}

function assertMalformed(hex: string, family = V4, errorCode?: string): void {
  assert.throws(
    () => decode(hex, family),
    (e: unknown) =>
      e instanceof NotifyError &&
      e.code === 3 &&
      e.subcode === 10 &&
      (errorCode === undefined || e.errorCode === errorCode),
    hex,
  );
}

describe('FlowSpec NLRI decode', () => {
  it('reads RFC 8955 §4.2.2 example 1: destination 192.0.2.0/24, protocol tcp, port 80', () => {
    // length 0x0c; 01 18 c00002; 03 81 06; 04 91 0050 (eol | 2-byte | eq)
    const n = decode('0c0118c0000203810604910050');
    assert.deepEqual(n, {
      kind: 'flow',
      family: familyKey(1, 133),
      components: [
        { type: 1, ip: '192.0.2.0', length: 24 },
        { type: 3, ops: [{ op: 0x81, value: 6 }] },
        { type: 4, ops: [{ op: 0x91, value: 80 }] },
      ],
    });
    assert.equal(flowText(n), 'flow destination-ipv4 192.0.2.0/24 protocol =tcp port =80');
  });

  it('reads an RFC 8955 §4.2.2 style rule: destination, source, port >=137&<=139 or =8080', () => {
    // 01 18 0a0001; 02 08 c0; 04 03 89 45 8b 91 1f90: >=137 and <=139, or =8080
    const n = decode('10 0118 0a0001 0208c0 04038945 8b911f90'.replace(/ /g, ''));
    assert.deepEqual(n.components[2], {
      type: 4,
      ops: [
        { op: 0x03, value: 0x89 },
        { op: 0x45, value: 0x8b },
        { op: 0x91, value: 0x1f90 },
      ],
    });
    assert.deepEqual(flowJson(n), {
      'destination-ipv4': ['10.0.1.0/24'],
      'source-ipv4': ['192.0.0.0/8'],
      port: ['>=137&<=139', '=8080'],
      string: 'flow destination-ipv4 10.0.1.0/24 source-ipv4 192.0.0.0/8 port [ >=137&<=139 =8080 ]',
    });
  });

  it('reads an IPv6 prefix with its offset (RFC 8956 §3.1) and the flow label (§3.7)', () => {
    // 01 40 00 20010db8 00000000; 0d a1 000fffff (eol | 4-byte | eq)
    const n = decode('110140002001 0db8 0000 0000 0da1000fffff'.replace(/ /g, ''), V6);
    assert.deepEqual(n.components, [
      { type: 1, ip: '2001:db8::', length: 64, offset: 0 },
      { type: 13, ops: [{ op: 0xa1, value: 0xfffff }] },
    ]);
    assert.equal(flowText(n), 'flow destination-ipv6 2001:db8::/64/0 flow-label =1048575');
  });

  it('reads a flow-vpn NLRI: the RD first, inside the length (RFC 8955 §8)', () => {
    const n = decode('0e0000fde800000064 0220 0a000001'.replace(/ /g, ''), V4_VPN);
    assert.equal(n.rd?.text, '65000:100');
    assert.deepEqual(flowJson(n, '1.2.3.4'), {
      'source-ipv4': ['10.0.0.1/32'],
      rd: '65000:100',
      'next-hop': '1.2.3.4',
      string: 'flow source-ipv4 10.0.0.1/32 rd 65000:100 next-hop 1.2.3.4',
    });
    assert.equal(encode(n), '0e0000fde8000000640220 0a000001'.replace(/ /g, ''));
  });

  it('reads the 2-byte length form (0xfnnn) and keeps a needless one byte for byte', () => {
    // 260 bytes: 0x0104 -> f1 04. 1 destination component + packet-length list.
    const ops: string[] = [];
    for (let i = 0; i < 85; i++) ops.push(i === 84 ? '91' : '11', '0100'); // =256, 3 bytes each
    const body = `0118c00002 0a${ops.join('')}`.replace(/ /g, '');
    const len = body.length / 2;
    assert.equal(len, 5 + 1 + 85 * 3);
    const hex = `f${len.toString(16).padStart(3, '0')}${body}`;
    const n = decode(hex);
    assert.equal(n.components.length, 2);
    assert.equal(encode(n), hex);
    const short = decode('f003038106');
    assert.equal(short.longLength, true);
    assert.equal(encode(short), 'f003038106');
  });

  it('keeps operator length bits as sent (a 1-byte value sent in 2 bytes)', () => {
    const n = decode('0405910050');
    assert.deepEqual(n.components, [{ type: 5, ops: [{ op: 0x91, value: 80 }] }]);
    assert.equal(encode(n), '0405910050');
    const wide = decode('0605a100000050');
    assert.deepEqual(wide.components, [{ type: 5, ops: [{ op: 0xa1, value: 80 }] }]);
    assert.equal(encode(wide), '0605a100000050');
  });

  it('reads 8-byte values as bigints and prints them whole', () => {
    const real = decode('0a0ab1ffffffffffffffff');
    assert.deepEqual(real.components, [{ type: 10, ops: [{ op: 0xb1, value: 0xffffffffffffffffn }] }]);
    assert.equal(flowText(real), 'flow packet-length =18446744073709551615');
    assert.equal(encode(real), '0a0ab1ffffffffffffffff');
  });

  it('prints ExaBGP operator forms: true/false alone, reserved bits in hex, AND-first terms', () => {
    // port: op 07 (true) 80, op 40 (and, false) 81, op 89 (eol, reserved bit 0x08 + eq) 82
    const n = decode('0704075040518952');
    assert.deepEqual(flowJson(n).port, ['true&false81', '0982']);
    assert.equal(flowText(n), 'flow port [ true&false81 0982 ]');
    assert.equal(encode(n), '0704075040518952');
  });

  it('prints tcp-flags and fragment bits, unknown bits as ExaBGP does', () => {
    const n = decode('0b 09 01 12 91 0200 0c 00 01 81 30'.replace(/ /g, ''));
    assert.deepEqual(flowJson(n), {
      'tcp-flags': ['=syn+ack', '=unknown tcp flag type 512'],
      fragment: ['dont-fragment', '=unknown fragment type 48'],
      string:
        'flow tcp-flags [ =syn+ack =unknown tcp flag type 512 ] fragment [ dont-fragment =unknown fragment type 48 ]',
    });
  });

  it('names protocols and ICMP types, numbers ICMP codes and unknown protocols', () => {
    const n = decode('0b 03 01 11 81 63 07 81 08 08 81 03'.replace(/ /g, ''));
    assert.equal(flowText(n), 'flow protocol [ =udp =99 ] icmp-type =echo-request icmp-code =3');
    const v6 = decode('09 03 81 3a 0b 81 20 0d 81 05'.replace(/ /g, ''), V6);
    assert.equal(flowText(v6), 'flow next-header =58 traffic-class =32 flow-label =5');
  });

  it('accepts a repeated prefix component as ExaBGP does', () => {
    const n = decode('0c 0120 0a000001 0120 0a000002'.replace(/ /g, ''));
    assert.deepEqual(flowJson(n)['destination-ipv4'], ['10.0.0.1/32', '10.0.0.2/32']);
    assert.equal(flowText(n), 'flow destination-ipv4 [ 10.0.0.1/32 10.0.0.2/32 ]');
    assert.equal(encode(n), '0c01200a00000101200a000002');
  });

  it('decodes an empty rule and one with only an RD', () => {
    assert.deepEqual(flowJson(decode('00')), { string: 'flow' });
    assert.equal(flowText(decode('080000fde800000064', V4_VPN)), 'flow rd 65000:100');
  });

  it('is the registered codec for the four FlowSpec families', () => {
    for (const [afi, safi] of [
      [1, 133],
      [2, 133],
      [1, 134],
      [2, 134],
    ] as const) {
      assert.equal(nlriCodec(familyKey(afi, safi)), FLOW_CODEC);
    }
  });
});

describe('FlowSpec NLRI malformed input: Invalid Network Field (3/10)', () => {
  it('length past the end of the field', () => assertMalformed('05012000', V4, 'nlri-truncated'));
  it('no length byte at all', () => assertMalformed('', V4, 'nlri-truncated'));
  it('2-byte length cut short', () => assertMalformed('f0', V4, 'nlri-truncated'));
  it('truncated prefix', () => assertMalformed('0301200a', V4, 'flow-truncated'));
  it('IPv4 prefix length 33', () => assertMalformed('0601210a000001', V4, 'flow-prefix-length'));
  it('IPv6 prefix length 129', () => assertMalformed('030181' + '00', V6, 'flow-prefix-length'));
  it('IPv6 offset not below the length', () => assertMalformed('0401080800', V6, 'flow-prefix-offset'));
  it('operator list without end-of-list', () => assertMalformed('03030106', V4, 'flow-truncated'));
  it('operator announcing more bytes than are left', () =>
    assertMalformed('030391' + '00', V4, 'flow-truncated'));
  it('8-byte operator with 4 bytes left', () => assertMalformed('060ab100000000', V4, 'flow-truncated'));
  it('unknown component type 14', () => assertMalformed('030e8100', V4, 'flow-component-unknown'));
  it('flow label (13) in an IPv4 rule', () => assertMalformed('030d8100', V4, 'flow-component-unknown'));
  it('component type 0', () => assertMalformed('03008100', V4, 'flow-component-unknown'));
  it('components out of order', () =>
    assertMalformed('0604810003 8106'.replace(' ', ''), V4, 'flow-component-order'));
  it('a repeated operator component', () => assertMalformed('06038106038111', V4, 'flow-component-order'));
  it('flow-vpn without room for the RD', () => assertMalformed('0400000000', V4_VPN, 'nlri-truncated'));
  it('more operators than MAX_FLOW_OPERATORS', () => {
    const ops = `${'0001'.repeat(MAX_FLOW_OPERATORS)}8001`;
    const body = `04${ops}`;
    assert.ok(body.length / 2 <= 0xfff);
    assertMalformed(
      `f${(body.length / 2).toString(16).padStart(3, '0')}${body}`,
      V4,
      'flow-too-many-operators',
    );
  });
  it('more components than MAX_FLOW_COMPONENTS', () => {
    const body = '0100'.repeat(MAX_FLOW_COMPONENTS + 1);
    assertMalformed(
      `${(body.length / 2).toString(16).padStart(2, '0')}${body}`,
      V4,
      'flow-too-many-components',
    );
  });
  it('leaves the reader after a well-delimited bad NLRI so a caller can skip it', () => {
    const r = Reader.of(Buffer.from('030e810003038106', 'hex'), SHORT_NLRI);
    assert.throws(() => FLOW_CODEC.decode(r, V4, undefined), NotifyError);
    assert.equal(r.offset, 4);
    assert.equal(flowText(FLOW_CODEC.decode(r, V4, undefined)), 'flow protocol =tcp');
  });
});

describe('FlowSpec NLRI encode', () => {
  const base = { kind: 'flow' as const, family: familyKey(1, 133) };
  const bad = (n: FlowNlri) => assert.throws(() => encode(n), EncodeError);

  it('refuses what cannot be sent as held', () => {
    bad({ ...base, components: [{ type: 3, ops: [{ op: 0x01, value: 6 }] }] }); // no end-of-list
    bad({ ...base, components: [{ type: 3, ops: [{ op: 0x81, value: 300 }] }] }); // value > 1 byte
    bad({ ...base, components: [{ type: 3, ops: [] }] });
    bad({ ...base, components: [{ type: 10, ops: [{ op: 0xa1, value: 1n }] }] }); // bigint in 4 bytes
    bad({ ...base, components: [{ type: 13, ops: [{ op: 0x81, value: 1 }] }] }); // IPv4 has no flow label
    bad({ ...base, components: [{ type: 1, ip: '10.0.0.0', length: 33 }] });
    bad({ ...base, components: [{ type: 1, ip: '10.0.0.0', length: 8, offset: 0 }] });
    bad({
      ...base,
      components: [
        { type: 4, ops: [{ op: 0x81, value: 1 }] },
        { type: 3, ops: [{ op: 0x81, value: 1 }] },
      ],
    });
    bad({ ...base, rd: parseRd('1:1'), components: [] }); // RD on a non-VPN family
    bad({ ...base, family: familyKey(1, 134), components: [] }); // flow-vpn without RD
  });

  it('switches to the 2-byte length at 240 bytes and refuses more than 4095', () => {
    const ops = (count: number) =>
      Array.from({ length: count }, (_, i) => ({ op: i === count - 1 ? 0x81 : 0x01, value: 1 }));
    const n239 = { ...base, components: [{ type: 10 as const, ops: ops(119) }] }; // 1 + 238
    assert.equal(encode(n239).slice(0, 2), 'ef');
    const big = { ...base, components: [{ type: 10 as const, ops: ops(120) }] }; // 1 + 240
    assert.equal(encode(big).slice(0, 4), 'f0f1');
    const huge = [10, 11, 12].map((type) => ({ type: type as 10 | 11 | 12, ops: ops(700) })); // 3 * 1401 bytes
    assert.throws(() => encode({ ...base, components: huge }), EncodeError);
  });
});

// Generators of valid rules, for mirrors.
const opArb = (last: boolean) =>
  fc
    .record({ bits: fc.integer({ min: 0, max: 0x4f }), len: fc.constantFrom(0, 1, 2, 3), seed: fc.nat() })
    .map(({ bits, len, seed }) => {
      const op = (bits & 0x4f) | (len << 4) | (last ? 0x80 : 0);
      const value = len === 3 ? BigInt(seed) * 0x1_0000_0001n : seed % 2 ** (8 << len);
      return { op, value };
    });
const opsArb = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => opArb(i === n - 1))));

function ruleArb(afi: 1 | 2) {
  const types = afi === 2 ? [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] : [3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  const bytes = afi === 2 ? 16 : 4;
  const prefix = (type: 1 | 2) =>
    fc
      .record({
        addr: fc.uint8Array({ minLength: bytes, maxLength: bytes }),
        length: fc.integer({ min: 0, max: bytes * 8 }),
      })
      .map(({ addr, length }) => {
        const b = Buffer.from(addr);
        for (let bit = length; bit < bytes * 8; bit++) b[bit >> 3]! &= ~(0x80 >> (bit & 7));
        const ip = afi === 2 ? b.toString('hex').match(/.{4}/g)!.join(':') : [...b].join('.');
        // Canonical text: run it through the codec's own printing is not allowed, so IPv6
        // prefixes compare after one decode below.
        return afi === 2 ? { type, ip, length, offset: 0 } : { type, ip, length };
      });
  return fc
    .record({
      dst: fc.option(prefix(1), { nil: undefined }),
      src: fc.option(prefix(2), { nil: undefined }),
      chosen: fc.subarray(types),
      lists: fc.array(opsArb, { minLength: 11, maxLength: 11 }),
    })
    .map(({ dst, src, chosen, lists }) => [
      ...(dst ? [dst] : []),
      ...(src ? [src] : []),
      ...chosen.map((type, i) => ({ type, ops: lists[i]! })),
    ]);
}

describe('FlowSpec NLRI properties', () => {
  it('random bytes give a value or NotifyError, and accepted bytes re-encode exactly', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 64 }),
        fc.constantFrom(V4, V6, V4_VPN, { afi: 2, safi: 134 }),
        (data, family) => {
          const r = Reader.of(Buffer.from(data), SHORT_NLRI);
          let n: FlowNlri;
          try {
            n = FLOW_CODEC.decode(r, family, undefined);
          } catch (e) {
            assert.ok(e instanceof NotifyError, String(e));
            assert.equal(e.code, 3);
            assert.equal(e.subcode, 10);
            return;
          }
          assert.equal(encode(n), Buffer.from(data).subarray(0, r.offset).toString('hex'));
          assert.deepEqual(JSON.parse(stringifyJson(flowJson(n))), flowJson(n));
          assert.equal(typeof FLOW_CODEC.text(n), 'string');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('random bodies behind a correct length give a value or NotifyError 3/10, and mirror', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 200 }),
        fc.constantFrom(V4, V6, V4_VPN, { afi: 2, safi: 134 }),
        (body, family) => {
          const data = Buffer.concat([Buffer.from([body.length]), body]);
          let n: FlowNlri;
          try {
            n = decode(data.toString('hex'), family);
          } catch (e) {
            assert.ok(e instanceof NotifyError && e.code === 3 && e.subcode === 10, String(e));
            return;
          }
          assert.equal(encode(n), data.toString('hex'));
          assert.deepEqual(JSON.parse(stringifyJson(flowJson(n))), flowJson(n));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('generated valid rules mirror: encode(decode(b)) == b and decode(encode(v)) == v', () => {
    const arb = fc.record({
      vpn: fc.boolean(),
      rule: fc.oneof(
        ruleArb(1).map((components) => ({ afi: 1 as const, components })),
        ruleArb(2).map((components) => ({ afi: 2 as const, components })),
      ),
    });
    fc.assert(
      fc.property(arb, ({ vpn, rule: { afi, components } }) => {
        const safi = vpn ? 134 : 133;
        const family = familyKey(afi, safi);
        const list = components as FlowNlri['components'];
        const v: FlowNlri = vpn
          ? { kind: 'flow', family, rd: parseRd('65000:1'), components: list }
          : { kind: 'flow', family, components: list };
        const hex = encode(v);
        const back = decode(hex, { afi, safi });
        assert.equal(encode(back), hex);
        // The generator writes IPv6 in long form; the decoder's text is canonical.
        if (afi === 1) assert.deepEqual(back, v);
        assert.deepEqual(decode(encode(back), { afi, safi }), back);
        assert.deepEqual(JSON.parse(stringifyJson(flowJson(back))), flowJson(back));
      }),
      { numRuns: 500 },
    );
  });
});
