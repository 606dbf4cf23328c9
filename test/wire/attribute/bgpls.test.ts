import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  type BgpLsAttribute,
  bgplsAttributeCodec,
  bgplsAttributeJson,
  decodeBgpLsAttribute,
  encodeBgpLsAttribute,
} from '../../../src/wire/attribute/bgpls/index.js';
import { MAX_ATTRIBUTE_TLVS } from '../../../src/wire/attribute/bgpls/tlv.js';
import {
  attributeCodec,
  attributeJson,
  decodeAttributeValue,
  encodeAttribute,
} from '../../../src/wire/attribute/registry.js';
import { Reader } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import { DEFAULT_CONTEXT } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { type JsonObject, stringifyJson } from '../../../src/wire/json.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

function encode(a: BgpLsAttribute): Buffer {
  const w = new Writer();
  encodeBgpLsAttribute(w, a);
  return w.toBuffer();
}

/** Decode, check both mirrors, and return ExaBGP's "bgp-ls" object as parsed JSON. */
function json(h: string): unknown {
  const b = hex(h);
  const a = decodeBgpLsAttribute(b);
  assert.ok(encode(a).equals(b), 'encode(decode(b)) == b');
  assert.deepEqual(decodeBgpLsAttribute(encode(a)), a);
  return JSON.parse(stringifyJson(bgplsAttributeJson(a)));
}

const isDiscard = (e: unknown) => e instanceof NotifyError && e.code === 3 && e.subcode === 9;

describe('BGP-LS attribute (29)', () => {
  it('is registered as optional, non-transitive, attribute-discard on error (RFC 9552 §8.2.2)', () => {
    const c = attributeCodec(29);
    assert.equal(c, bgplsAttributeCodec);
    assert.equal(c?.flags, 0x80);
    assert.equal(c?.onError, 'attribute-discard');
    const value = hex('0447 0003 000064');
    const a = decodeAttributeValue(29, 0x80, Reader.of(value), DEFAULT_CONTEXT);
    const w = new Writer();
    encodeAttribute(w, a, DEFAULT_CONTEXT);
    assert.ok(w.toBuffer().equals(Buffer.concat([hex('801D07'), value])));
    const out: JsonObject = {};
    attributeJson(a, out, { dialect: '5.0' });
    assert.deepEqual(out, { 'bgp-ls': { 'igp-metric': 100 } });
  });

  it('decodes node attributes (RFC 9552 §5.3.1, RFC 9085 §2.1)', () => {
    assert.deepEqual(
      json(`
        0400 0001 A0
        0401 0002 6869
        0402 0002 5231
        0403 0002 4901
        0404 0004 0A000001
        0405 0010 20010DB8000000000000000000000001
        040A 000D 40 00 000064 0489 0004 00003E80
        040B 0000`),
      {
        'node-flags': { O: 1, T: 0, E: 1, B: 0, R: 0, V: 0, RSV: 0 },
        opaque: 'hi',
        'node-name': 'R1',
        'area-id': String(0x4901),
        'local-te-router-ids': ['10.0.0.1', '2001:db8::1'],
        'sr-capability-flags': { I: 0, V: 1, RSV: 0 },
        sids: [[100, 16000]],
        'sr-algorithms': [0],
      },
    );
  });

  it('decodes link attributes, merging LAN adjacency SIDs and keeping the last remote router-id', () => {
    assert.deepEqual(
      json(`
        0406 0004 0A000002
        0407 0010 20010DB8000000000000000000000002
        0440 0004 000000FF
        0442 0004 3F800000
        0444 0004 00000014
        0445 0002 2000
        0446 0001 C0
        0447 0001 0A
        0448 0008 00000001 00000002
        0449 0001 78
        044A 0003 6C6E6B
        044C 000D 70 05 0000 000000000002 000010
        044C 000E 00 01 0000 000000000003 00000007`),
      {
        'remote-te-router-id': '2001:db8::2',
        'admin-group-mask': 255,
        'maximum-reservable-link-bandwidth': 1,
        'te-metric': 20,
        'link-protection-flags': {
          ExtraTrafic: 0,
          Unprotected: 0,
          Shared: 1,
          'Dedicated 1:1': 0,
          'Dedicated 1+1': 0,
          Enhanced: 0,
          RSV: 0,
        },
        'mpls-mask': { LDP: 1, 'RSVP-TE': 1, RSV: 0 },
        'igp-metric': 10,
        'shared-risk-link-groups': [1, 2],
        'opaque-link': 'x',
        'link-name': 'lnk',
        'sr-adj-lan-sids': [
          {
            flags: { F: 0, B: 1, V: 1, L: 1, S: 0, P: 0, RSV: 0 },
            weight: 5,
            'system-id': '000000000002',
            sids: [16],
            undecoded: [],
          },
          {
            flags: { F: 0, B: 0, V: 0, L: 0, S: 0, P: 0, RSV: 0 },
            weight: 1,
            'system-id': '000000000003',
            sids: [7],
            undecoded: [],
          },
        ],
      },
    );
  });

  it('shows an adjacency SID whose V and L flags disagree as undecoded hex', () => {
    assert.deepEqual(json('044B 0007 20 00 0000 ABCDEF'), {
      'sr-adj': {
        flags: { F: 0, B: 0, V: 1, L: 0, S: 0, P: 0, RSV: 0 },
        sids: [],
        weight: 0,
        'undecoded-sids': ['0xABCDEF'],
      },
    });
  });

  it('decodes prefix attributes, with 64-bit extended tags as exact integers', () => {
    const h = `
      0480 0001 80
      0481 0008 00000001 00000002
      0482 0008 FFFFFFFFFFFFFFFF
      0483 0004 0000000A
      0484 0004 0A000003
      0485 0001 7A
      0486 0008 00 00 0000 00000065
      0492 0001 40
      0493 0004 0A000004`;
    assert.match(stringifyJson(bgplsAttributeJson(decodeBgpLsAttribute(hex(h)))), /\[18446744073709551615\]/);
    assert.deepEqual(json(h), {
      'igp-flags': { D: 1, N: 0, L: 0, P: 0, RSV: 0 },
      'igp-route-tags': [1, 2],
      'igp-extended-route-tags': [2 ** 64], // what JSON.parse makes of 2^64 - 1
      'prefix-metric': 10,
      'ospf-forwarding-address': '10.0.0.3',
      'opaque-prefix': 'z',
      'sr-prefix-flags': { R: 0, N: 0, P: 0, E: 0, V: 0, L: 0, RSV: 0 },
      sids: [101],
      'undecoded-sids': [],
      'sr-algorithm': 0,
      'sr-prefix-attribute-flags': { X: 0, R: 1, N: 0, RSV: 0 },
      'sr-source-router-id': '10.0.0.4',
    });
  });

  it('decodes SRv6 TLVs (RFC 9514), with the OSPFv3 LAN End.X SID after the neighbor router-id', () => {
    assert.deepEqual(
      json(`
        040E 0004 0040 0000
        048A 0008 80 00 0000 0000000A
        04E2 0004 0030 00 00
        04E4 0004 20101000
        0452 001B 0030 40 00 00 00 FC000000000000010000000000000000 1234 0001 AA
        0454 0020 0031 00 80 01 00 0A000005 FC000000000000020000000000000000 04E5 0002 2010`),
      {
        'srv6-capabilities': { flags: { O: 64 } },
        'srv6-locator': { flags: { D: 1, RSV: 0 }, algorithm: 0, metric: 10 },
        'srv6-endpoint-behavior': { 'endpoint-behavior': 48, flags: [], algorithm: 0 },
        'srv6-sid-structure': { loc_block_len: 32, loc_node_len: 16, func_len: 16, arg_len: 0 },
        'srv6-endx': [
          {
            flags: { B: 0, S: 1, P: 0, RSV: 0 },
            behavior: 48,
            algorithm: 0,
            weight: 0,
            sid: 'fc00:0:0:1::',
            'subtlv-not-implemented-4660': '0xAA',
          },
        ],
        'srv6-lan-endx-ospf': [
          {
            flags: { B: 0, S: 0, P: 0, RSV: 0 },
            'neighbor-id': '10.0.0.5',
            behavior: 49,
            algorithm: 128,
            weight: 1,
            sid: 'fc00:0:0:2::',
            '1253-undecoded': '0x2010',
          },
        ],
      },
    );
  });

  it('keeps TLVs it does not decode, merged per type as ExaBGP does', () => {
    assert.deepEqual(json('0500 0001 01 0472 0004 0000000A 0500 0000'), {
      'generic-lsid-1280': ['0x01', '0x'],
      'generic-lsid-1138': ['0x0000000A'],
    });
  });

  it('an empty attribute is an empty object', () => {
    assert.deepEqual(json(''), {});
  });

  it('rejects malformed TLVs with Optional Attribute Error (3/9), for the caller to discard', () => {
    const bad = [
      '04', // truncated header
      '0447 0004 0000', // overrun
      '0440 0003 000000', // admin group of 3 bytes
      '0448 0005 0000000100', // SRLG not a multiple of 4
      '0447 0000', // IGP metric of 0 bytes
      '0447 0004 00000001', // IGP metric of 4 bytes
      '0404 0002 0A00', // router-id of 2 bytes
      '0400 0000', // node flags without a byte
      '0403 0000', // empty IS-IS area
      '040A 0009 00 00 000001 0488 0001', // SR capabilities sub-TLV of the wrong type
      '040A 000A 00 00 000001 0489 0003 00', // SID/Label overruns
      `0402 0100 ${'41'.repeat(256)}`, // node name beyond 255 bytes
      '044B 0001 00', // adjacency SID without weight
      '044B 0006 00 00 0000 0000', // truncated index
      '0486 0009 00 00 0000 0000000100', // prefix SID index not exactly 4 bytes
      '0452 0015 0030 40 00 00 00 FC0000000000000100000000000000', // End.X shorter than 22
      '0452 0018 0030 40 00 00 00 FC000000000000010000000000000000 04E4', // truncated sub-TLV
      '0452 001C 0030 40 00 00 00 FC000000000000010000000000000000 04E4 0003 2010', // sub-TLV overrun
      '0452 001D 0030 40 00 00 00 FC000000000000010000000000000000 04E4 0004 201010', // 1252 short
      '048A 0004 80000000', // locator shorter than 8
      '04E4 0003 201010', // SID structure shorter than 4
    ];
    for (const h of bad) assert.throws(() => decodeBgpLsAttribute(hex(h)), isDiscard, h);
  });

  it(`bounds the number of TLVs (${MAX_ATTRIBUTE_TLVS})`, () => {
    const b = Buffer.alloc(4 * (MAX_ATTRIBUTE_TLVS + 1));
    for (let i = 0; i <= MAX_ATTRIBUTE_TLVS; i++) b.writeUInt16BE(0x0500, 4 * i);
    assert.throws(() => decodeBgpLsAttribute(b), isDiscard);
  });
});

const KNOWN = [
  1024, 1025, 1026, 1027, 1028, 1029, 1030, 1031, 1034, 1035, 1038, 1088, 1089, 1090, 1091, 1092, 1093, 1094,
  1095, 1096, 1097, 1098, 1099, 1100, 1106, 1107, 1108, 1152, 1153, 1154, 1155, 1156, 1157, 1158, 1162, 1170,
  1171, 1250, 1252, 266,
];
const shapedTlv = fc.tuple(fc.constantFrom(...KNOWN), fc.uint8Array({ maxLength: 40 })).map(([t, v]) => {
  const b = Buffer.alloc(4 + v.length);
  b.writeUInt16BE(t, 0);
  b.writeUInt16BE(v.length, 2);
  b.set(v, 4);
  return b;
});
const shaped = fc.array(shapedTlv, { maxLength: 6 }).map((l) => Buffer.concat(l));

function check(data: Uint8Array): void {
  const b = Buffer.from(data);
  let a: BgpLsAttribute;
  try {
    a = decodeBgpLsAttribute(b);
  } catch (e) {
    assert.ok(e instanceof NotifyError, String(e));
    return;
  }
  assert.equal(typeof JSON.parse(stringifyJson(bgplsAttributeJson(a))), 'object');
  assert.ok(encode(a).equals(b));
  assert.deepEqual(decodeBgpLsAttribute(encode(a)), a);
}

describe('BGP-LS attribute properties', () => {
  it('random bytes give a value or a NotifyError, and values re-encode exactly', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 80 }), check), { numRuns: 2000 });
  });

  it('random values of every known TLV give a value or a NotifyError', () => {
    fc.assert(fc.property(shaped, check), { numRuns: 5000 });
  });
});
