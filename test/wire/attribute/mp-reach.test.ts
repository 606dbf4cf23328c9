import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { mpReachCodec } from '../../../src/wire/attribute/mp-reach.js';
import { mpUnreachCodec } from '../../../src/wire/attribute/mp-unreach.js';
import { Reader } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import { DEFAULT_CONTEXT, makeContext } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { familyKey } from '../../../src/wire/nlri/family.js';
import { assertNotify, hex } from '../nlri/helpers.js';

function reach(bytes: Buffer, ctx = DEFAULT_CONTEXT) {
  return mpReachCodec.decode(Reader.of(bytes), ctx, 0x80);
}
function unreach(bytes: Buffer, ctx = DEFAULT_CONTEXT) {
  return mpUnreachCodec.decode(Reader.of(bytes), ctx, 0x80);
}
function encode(v: Parameters<typeof mpReachCodec.encode>[1], ctx = DEFAULT_CONTEXT): Buffer {
  const w = new Writer();
  mpReachCodec.encode(w, v, ctx);
  return w.toBuffer();
}

const V6U = familyKey(2, 1);

describe('MP_REACH_NLRI (RFC 4760 §3)', () => {
  it('IPv6 unicast with a global next hop', () => {
    const b = hex('0002 01 10 20010db8000000000000000000000001 00 40 20010db800000001');
    const v = reach(b);
    assert.deepEqual(v, {
      kind: 'mp-reach',
      afi: 2,
      safi: 1,
      nextHop: ['2001:db8::1'],
      nlri: [{ kind: 'inet', family: V6U, ip: '2001:db8:0:1::', length: 64 }],
    });
    assert.deepEqual(encode(v), b);
  });

  it('IPv6 global + link-local next hop (RFC 2545 §3: 32 octets)', () => {
    const b = hex('0002 01 20 20010db8000000000000000000000001 fe800000000000000000000000000001 00 00');
    const v = reach(b);
    assert.deepEqual(v.nextHop, ['2001:db8::1', 'fe80::1']);
    assert.equal(v.nextHopRaw, undefined);
    assert.deepEqual(encode(v), b);
  });

  it("VPN-IPv4 next hop with a zero RD (RFC 4364 §4.3.2), ExaBGP's conf-addpath with ADD-PATH", () => {
    const b = hex('0001 80 0c 0000000000000000 c0a80001 00 0000000a 70 04e2c1 0000006400000064 0a0000');
    const ctx = makeContext({ addPath: new Set([familyKey(1, 128)]) });
    const v = reach(b, ctx);
    assert.deepEqual(v.nextHop, ['192.168.0.1']);
    assert.equal(v.nextHopRaw, undefined);
    assert.equal(v.nlri.length, 1);
    assert.deepEqual(encode(v, ctx), b);
  });

  it('keeps a VPN next hop with a non-zero RD raw, so it re-encodes', () => {
    const b = hex('0001 80 0c 0000000100000001 c0a80001 00');
    const v = reach(b);
    assert.deepEqual(v.nextHop, ['192.168.0.1']);
    assert.deepEqual(v.nextHopRaw, hex('0000000100000001 c0a80001'));
    assert.deepEqual(encode(v), b);
  });

  it('IPv6 next hop for IPv4 NLRI (RFC 8950)', () => {
    const b = hex('0001 01 10 20010db8000000000000000000000001 00 18 0a0001');
    const v = reach(b);
    assert.deepEqual(v.nextHop, ['2001:db8::1']);
    assert.deepEqual(encode(v), b);
  });

  it('FlowSpec: no next hop', () => {
    const b = hex('0001 85 00 00 0501180a0000');
    const v = reach(b);
    assert.deepEqual(v.nextHop, []);
    assert.equal(v.nlri.length, 1);
    assert.equal(v.nlri[0]!.kind, 'flow');
    assert.deepEqual(encode(v), b);
  });

  it('a family with no codec keeps its NLRI as one unknown value', () => {
    const b = hex('0001 42 04 01020304 00 0701180a000002');
    const v = reach(b);
    assert.deepEqual(v.nlri, [{ kind: 'unknown', family: familyKey(1, 66), raw: hex('0701180a000002') }]);
    assert.deepEqual(encode(v), b);
  });

  it('an unknown family keeps a next hop of an unusual length raw', () => {
    const b = hex('4000 01 03 010203 00 ff');
    const v = reach(b);
    assert.deepEqual(v.nextHopRaw, hex('010203'));
    assert.deepEqual(encode(v), b);
  });

  it('rejects a next-hop length impossible for the family, and truncation (3/9)', () => {
    assertNotify(() => reach(hex('0001 01 05 0102030405 00')), 3, 9);
    assertNotify(() => reach(hex('0001 01 04 010203')), 3, 9);
    assertNotify(() => reach(hex('0001')), 3, 9);
    assertNotify(() => reach(hex('0001 01 04 01020304')), 3, 9); // no reserved octet
  });

  it('rejects a bad NLRI with Invalid Network Field (3/10)', () => {
    assertNotify(() => reach(hex('0001 01 04 01020304 00 21 0a000000 00')), 3, 10);
  });

  it('random bytes give a value or a NotifyError, and what decodes re-encodes (up to reserved)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), (b) => {
        try {
          const v = reach(Buffer.from(b));
          assert.deepEqual(reach(encode(v)), v);
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
        }
      }),
    );
  });
});

describe('MP_UNREACH_NLRI (RFC 4760 §4)', () => {
  it('decodes withdrawn IPv6 routes and the empty End-of-RIB form', () => {
    const v = unreach(hex('0002 01 40 20010db800000001'));
    assert.deepEqual(v, {
      kind: 'mp-unreach',
      afi: 2,
      safi: 1,
      nlri: [{ kind: 'inet', family: V6U, ip: '2001:db8:0:1::', length: 64 }],
    });
    assert.deepEqual(unreach(hex('0019 41')), { kind: 'mp-unreach', afi: 25, safi: 65, nlri: [] });
    const w = new Writer();
    mpUnreachCodec.encode(w, v, DEFAULT_CONTEXT);
    assert.deepEqual(w.toBuffer(), hex('0002 01 40 20010db800000001'));
  });

  it('rejects a truncated header (3/9) and a bad prefix (3/10)', () => {
    assertNotify(() => unreach(hex('0002')), 3, 9);
    assertNotify(() => unreach(hex('0002 01 81')), 3, 10);
  });
});
