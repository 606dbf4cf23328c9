import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import { NotifyError } from '../../../src/wire/error.js';
import { stringifyJson } from '../../../src/wire/json.js';
import {
  BGP_LS,
  BGP_LS_VPN,
  type BgpLsNlri,
  bgplsNlriCodec,
  bgplsNlriJson,
} from '../../../src/wire/nlri/bgpls/index.js';
import { MAX_DESCRIPTOR_TLVS } from '../../../src/wire/nlri/bgpls/tlv.js';
import { familyOf } from '../../../src/wire/nlri/family.js';
import { nlriCodec } from '../../../src/wire/nlri/registry.js';

const LS = familyOf(BGP_LS);
const LS_VPN = familyOf(BGP_LS_VPN);
const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function decode(b: Buffer, family = LS): BgpLsNlri {
  const r = Reader.of(b);
  const n = bgplsNlriCodec.decode(r, family, undefined);
  assert.ok(r.done, 'the whole NLRI is consumed');
  return n;
}

function encode(n: BgpLsNlri): Buffer {
  const w = new Writer();
  bgplsNlriCodec.encode(w, n);
  return w.toBuffer();
}

function isNlriError(e: unknown): boolean {
  return e instanceof NotifyError && e.code === 3 && e.subcode === 10;
}

/** Decode, check the bytes come back, check decode(encode(v)) is v, return the JSON. */
function roundTrip(b: Buffer, family = LS, nexthop?: string): unknown {
  const n = decode(b, family);
  assert.ok(encode(n).equals(b), 'encode(decode(b)) == b');
  assert.deepEqual(decode(encode(n), family), n);
  return JSON.parse(stringifyJson(bgplsNlriJson(n, nexthop)));
}

// Node NLRI in bgp-ls-vpn: RD 0:65000:1, IS-IS L2, AS 65000, pseudonode system-id + PSN 5.
const VPN_NODE = hex(`
  0001 0028
  0000 FDE8 0000 0001
  02 0000000000000000
  0100 0013
    0200 0004 0000FDE8
    0203 0007 000000000001 05`);

// IPv6 prefix NLRI, OSPFv3: router-id 1.2.3.4, route type 1 (intra-area), 2001:db8:1:2::/64.
const PREFIX_V6 = hex(`
  0004 0027
  06 0000000000000000
  0100 0008 0203 0004 01020304
  0108 0001 01
  0109 0009 40 20010DB800010002`);

// SRv6 SID NLRI (RFC 9514 §6): AS 1, MT-ID 2, SID fc00:0:0:1::, an unknown TLV 768.
const SRV6_SID = hex(`
  0006 0035
  02 0000000000000000
  0100 0008 0200 0004 00000001
  0107 0002 0002
  0206 0010 FC00 0000 0000 0001 0000 0000 0000 0000
  0300 0002 ABCD`);

// Link NLRI, OSPFv2, identifier 7: one MT-ID TLV holding two IDs, IPv6 interface address,
// an unknown descriptor TLV 300, and BGP router-id / member ASN (RFC 9086) node sub-TLVs.
const LINK = hex(`
  0002 0056
  03 0000000000000007
  0100 0010 0204 0004 0A000001 0205 0004 0000FDE9
  0101 0008 0203 0004 0A000002
  0107 0004 0002 0003
  0105 0010 20010DB8000000000000000000000001
  012C 0001 FF
  0102 0008 00000001 00000002`);

describe('BGP-LS NLRI', () => {
  it('is registered for bgp-ls and bgp-ls-vpn', () => {
    assert.equal(nlriCodec(BGP_LS), bgplsNlriCodec);
    assert.equal(nlriCodec(BGP_LS_VPN), bgplsNlriCodec);
  });

  it('decodes a VPN Node NLRI with an RD and an IS-IS pseudonode', () => {
    assert.deepEqual(roundTrip(VPN_NODE, LS_VPN), {
      'ls-nlri-type': 'bgpls-node',
      'l3-routing-topology': 0,
      'protocol-id': 2,
      'node-descriptors': [{ 'autonomous-system': 65000 }, { 'router-id': '00000000000105', psn: '5' }],
      nexthop: 'None',
      rd: '65000:1',
    });
  });

  it('decodes an IPv6 Prefix NLRI with its OSPF route type, and the next hop it came with', () => {
    assert.deepEqual(roundTrip(PREFIX_V6, LS, '2001:db8::1'), {
      'ls-nlri-type': 'bgpls-prefix-v6',
      'l3-routing-topology': 0,
      'protocol-id': 6,
      'node-descriptors': [{ 'router-id': '1.2.3.4' }],
      'ip-reachability-tlv': '2001:db8:1:2::',
      'ip-reach-prefix': '2001:db8:1:2::/64',
      nexthop: '2001:db8::1',
      'ospf-route-type': 1,
    });
  });

  it('decodes an SRv6 SID NLRI as ExaBGP shows it', () => {
    assert.deepEqual(roundTrip(SRV6_SID), {
      'ls-nlri-type': 'bgpls-srv6sid',
      'l3-routing-topology': 0,
      'protocol-id': 2,
      'node-descriptors': [{ 'autonomous-system': 1 }],
      'srv6-sid-descriptors': {
        'multi-topology-ids': ['2'],
        'srv6-sid': 'fc00:0:0:1::',
        'generic-tlv-768': ['0xABCD'],
      },
    });
  });

  it('keeps every MT-ID and unknown TLVs in the value; JSON shows the first MT-ID as ExaBGP does', () => {
    const n = decode(LINK);
    assert.ok(n.parsed);
    assert.equal(n.identifier, 7n);
    const mt = n.descriptors.find((d) => d.tlv === 'multi-topology');
    assert.deepEqual(mt?.tlv === 'multi-topology' && mt.ids, [2, 3]);
    assert.ok(n.descriptors.some((d) => d.tlv === 'unknown' && d.type === 300));
    assert.deepEqual(roundTrip(LINK), {
      'ls-nlri-type': 'bgpls-link',
      'l3-routing-topology': 7,
      'protocol-id': 3,
      'local-node-descriptors': [{ 'bgp-router-id': '10.0.0.1' }, { 'member-asn': 65001 }],
      'remote-node-descriptors': [{ 'router-id': '10.0.0.2' }],
      'interface-addresses': ['2001:db8::1'],
      'neighbor-addresses': [],
      'multi-topology-ids': [2],
      'link-identifiers': [{ 'link-local-id': 1, 'link-remote-id': 2 }],
    });
  });

  it('keeps NLRI of other types whole', () => {
    const b = hex('0009 0003 AABBCC');
    assert.deepEqual(roundTrip(b), { code: 9, parsed: false, raw: '00090003AABBCC' });
    assert.equal(bgplsNlriCodec.text(decode(b)), 'bgp-ls:unknown:0xaabbcc');
  });

  it('gives a 64-bit identifier beyond 2^53 as an exact JSON integer', () => {
    const b = hex('0001 0011 01 FFFFFFFFFFFFFFFF 0100 0004 0201 0000');
    assert.throws(() => decode(b), isNlriError, 'a 0-byte BGP-LS identifier is malformed');
    const ok = hex('0001 0015 01 FFFFFFFFFFFFFFFF 0100 0008 0201 0004 00000009');
    const n = decode(ok);
    assert.match(stringifyJson(bgplsNlriJson(n)), /"l3-routing-topology":18446744073709551615,/);
  });

  it('rejects malformed NLRI with Invalid Network Field (3/10)', () => {
    const bad = [
      '0001 00', // truncated header
      '0001 0010 02', // length past the end
      '0001 0005 02 00000000', // shorter than protocol + identifier
      '0001 000D 02 0000000000000000 0100 0008', // TLV overruns the NLRI
      '0001 000D 02 0000000000000000 0101 0000', // Node NLRI not starting with 256
      '0003 0011 02 0000000000000000 0100 0004 0200 0000', // 512 of 0 bytes
      '0003 0015 03 0000000000000000 0100 0008 0203 0004 01020304', // Prefix without 265
      '0001 0016 02 0000000000000000 0100 0009 0203 0005 0102030405', // IS-IS router-id of 5 bytes
      '0002 0011 02 0000000000000000 0102 0004 00000001', // link identifiers of 4 bytes
      '0002 0012 02 0000000000000000 0107 0003 000100', // odd MT-ID length
      '0003 0023 02 0000000000000000 0100 0008 0203 0004 01020304 0109 0006 21 0A000000 00', // /33
    ];
    for (const h of bad) assert.throws(() => decode(hex(h)), isNlriError, h);
    assert.throws(() => decode(hex('0001 0004 00000000'), LS_VPN), isNlriError, 'VPN shorter than its RD');
  });

  it(`bounds the number of descriptor TLVs (${MAX_DESCRIPTOR_TLVS})`, () => {
    const tlvs = Buffer.alloc(4 * (MAX_DESCRIPTOR_TLVS + 1));
    for (let i = 0; i < MAX_DESCRIPTOR_TLVS + 1; i++) tlvs.writeUInt16BE(0x0300, 4 * i);
    const body = Buffer.concat([hex('02 0000000000000000'), tlvs]);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(2, 0);
    head.writeUInt16BE(body.length, 2);
    assert.throws(() => decode(Buffer.concat([head, body])), isNlriError);
  });
});

/** Arbitrary BGP-LS NLRI-shaped bytes: a valid header and TLV framing, random contents. */
const tlv = (types: fc.Arbitrary<number>, value: fc.Arbitrary<Uint8Array>) =>
  fc.tuple(types, value).map(([t, v]) => {
    const b = Buffer.alloc(4 + v.length);
    b.writeUInt16BE(t, 0);
    b.writeUInt16BE(v.length, 2);
    b.set(v, 4);
    return b;
  });
const subTlvs = fc
  .array(tlv(fc.integer({ min: 511, max: 518 }), fc.uint8Array({ maxLength: 17 })), { maxLength: 4 })
  .map((l) => Buffer.concat(l));
const descriptor = fc.oneof(
  tlv(fc.constantFrom(256, 257), subTlvs),
  tlv(fc.integer({ min: 256, max: 266 }), fc.uint8Array({ maxLength: 17 })),
  tlv(fc.constantFrom(518, 1000), fc.uint8Array({ maxLength: 17 })),
);
const shaped = fc
  .tuple(
    fc.constantFrom(1, 2, 3, 4, 6, 9),
    fc.uint8Array({ minLength: 9, maxLength: 9 }),
    fc.array(descriptor, { maxLength: 6 }),
  )
  .map(([type, fixed, tlvs]) => {
    const body = Buffer.concat([Buffer.from(fixed), ...tlvs]);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(type, 0);
    head.writeUInt16BE(body.length, 2);
    return Buffer.concat([head, body]);
  });

function check(b: Uint8Array, vpn: boolean): void {
  const family = vpn ? LS_VPN : LS;
  const r = Reader.of(b);
  const start = r.pos;
  let n: BgpLsNlri;
  try {
    n = bgplsNlriCodec.decode(r, family, undefined);
  } catch (e) {
    assert.ok(e instanceof NotifyError, String(e));
    return;
  }
  assert.equal(typeof JSON.parse(stringifyJson(bgplsNlriJson(n, '192.0.2.1'))), 'object');
  const again = encode(n);
  assert.ok(again.equals(Buffer.from(b).subarray(start, r.pos)));
  assert.deepEqual(decode(again, family), n);
}

describe('BGP-LS NLRI properties', () => {
  it('random bytes give a value or a NotifyError, and values re-encode exactly', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), fc.boolean(), check), { numRuns: 2000 });
  });

  it('TLV-shaped random NLRI give a value or a NotifyError, and values re-encode exactly', () => {
    fc.assert(fc.property(shaped, fc.boolean(), check), { numRuns: 3000 });
  });
});
