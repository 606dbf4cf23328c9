import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { attributeCodec } from '../../../src/wire/attribute/registry.js';
import { DEFAULT_CONTEXT, makeContext } from '../../../src/wire/context.js';
import { EncodeError } from '../../../src/wire/error.js';
import { stringifyJson } from '../../../src/wire/json.js';
import { decodeUpdate, encodeUpdate, endOfRib, isEndOfRib } from '../../../src/wire/message/update.js';
import { updateJson, updateMessageJson } from '../../../src/wire/message/update-json.js';
import { familyKey, IPV4_UNICAST, IPV6_UNICAST } from '../../../src/wire/nlri/family.js';
import { cleanHex, corpusPath } from '../../support/corpus.js';
import { assertNotify } from '../nlri/helpers.js';
import { AS_PATH_EMPTY, attr, body, hex, message, NEXT_HOP_10_0_0_1, ORIGIN_IGP } from './update-builders.js';

/** A 5.0.13 decoding vector: the message and the `message` object of the expected JSON. */
function decodingVector(name: string): { raw: Buffer; message: Record<string, unknown> } | undefined {
  const p = corpusPath('exabgp', '5.0.13', 'decoding', name);
  if (!p) return undefined;
  const [, hexLine, json] = readFileSync(p, 'utf8').split('\n');
  return { raw: Buffer.from(cleanHex(hexLine!), 'hex'), message: JSON.parse(json!).neighbor.message };
}

function parsed(x: Parameters<typeof stringifyJson>[0]): unknown {
  return JSON.parse(stringifyJson(x));
}

function routesOf(m: unknown): unknown {
  const u = (m as { update?: Record<string, unknown> }).update ?? {};
  return { announce: u.announce, withdraw: u.withdraw };
}

describe('UPDATE: ExaBGP 5.0.13 decoding vectors', () => {
  for (const name of ['ipv4-unicast-1', 'ipv4-unicast-2']) {
    it(`${name}: announce/withdraw as ExaBGP, and re-encodes byte for byte`, () => {
      const v = decodingVector(name);
      if (!v) return;
      const u = decodeUpdate(v.raw.subarray(19), DEFAULT_CONTEXT);
      assert.deepEqual(u.errors, []);
      assert.deepEqual(routesOf(parsed(updateMessageJson(u))), routesOf(v.message));
      assert.deepEqual(encodeUpdate(u, DEFAULT_CONTEXT), v.raw);
    });

    it(`${name}: the whole message.update as ExaBGP`, (t) => {
      // Needs the ORIGIN/AS_PATH/MED/LOCAL_PREF... codecs from the attribute branch.
      if (!attributeCodec(1) || !attributeCodec(2) || !attributeCodec(4) || !attributeCodec(5)) {
        t.skip('SKIPPED until the well-known attribute codecs (1, 2, 4, 5...) are merged');
        return;
      }
      const v = decodingVector(name);
      if (!v) return;
      const u = decodeUpdate(v.raw.subarray(19), DEFAULT_CONTEXT);
      assert.deepEqual(parsed(updateMessageJson(u)), v.message);
    });
  }

  it('ipv4-unicast-1 lists the repeated 0.0.0.0/0 and 1.1.1.1/32 under the NEXT_HOP', () => {
    const v = decodingVector('ipv4-unicast-1');
    if (!v) return;
    const u = decodeUpdate(v.raw.subarray(19), DEFAULT_CONTEXT);
    const announce = (updateJson(u) as { announce: Record<string, Record<string, unknown[]>> }).announce;
    assert.deepEqual(Object.keys(announce['ipv4 unicast']!), ['101.1.101.1']);
    assert.equal(announce['ipv4 unicast']!['101.1.101.1']!.length, 5);
  });
});

describe('UPDATE: End-of-RIB (RFC 4724 §2)', () => {
  it('an empty UPDATE is the IPv4 unicast End-of-RIB', () => {
    const raw = message(hex('0000 0000'));
    const u = decodeUpdate(raw.subarray(19), DEFAULT_CONTEXT);
    assert.equal(isEndOfRib(u), IPV4_UNICAST);
    assert.deepEqual(updateMessageJson(u), { eor: { afi: 'ipv4', safi: 'unicast' } });
    assert.deepEqual(encodeUpdate(endOfRib(IPV4_UNICAST), DEFAULT_CONTEXT), raw);
  });

  it("an UPDATE with only an empty MP_UNREACH_NLRI is its family's End-of-RIB (ExaBGP's bytes)", () => {
    // main/api/api-attributes-path.ci: "announce eor ipv6 unicast"
    const raw = hex('FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF001E0200000007900F0003000201');
    const u = decodeUpdate(raw.subarray(19), DEFAULT_CONTEXT);
    assert.equal(isEndOfRib(u), IPV6_UNICAST);
    assert.deepEqual(updateMessageJson(u), { eor: { afi: 'ipv6', safi: 'unicast' } });
    assert.deepEqual(encodeUpdate(u, DEFAULT_CONTEXT), raw);
    assert.deepEqual(encodeUpdate(endOfRib(IPV6_UNICAST), DEFAULT_CONTEXT), raw);
    assert.equal(isEndOfRib(endOfRib(familyKey(25, 65))), familyKey(25, 65));
  });

  it('JSON: an UPDATE with only an empty MP_REACH_NLRI is reported as End-of-RIB, as ExaBGP does', () => {
    const u = decodeUpdate(
      body('', [attr(0x80, 14, '0002 01 10 20010db8000000000000000000000001 00')], ''),
      DEFAULT_CONTEXT,
    );
    assert.equal(isEndOfRib(u), undefined); // not an RFC 4724 marker
    assert.deepEqual(updateMessageJson(u), { eor: { afi: 'ipv6', safi: 'unicast' } });
  });

  it('is not an End-of-RIB when there is anything else', () => {
    const withNlri = decodeUpdate(
      body('', [attr(0x90, 15, '0002 01 40 20010db800000001')], ''),
      DEFAULT_CONTEXT,
    );
    assert.equal(isEndOfRib(withNlri), undefined);
    const withAttr = decodeUpdate(body('', [ORIGIN_IGP], ''), DEFAULT_CONTEXT);
    assert.equal(isEndOfRib(withAttr), undefined);
    assert.deepEqual(Object.keys(updateJson(withAttr)), ['attribute']);
  });
});

describe('UPDATE: ADD-PATH (RFC 7911), ExaBGP conf-addpath', () => {
  const ctx = makeContext({ addPath: new Set([IPV4_UNICAST, familyKey(1, 128)]) });

  it('reads path identifiers in the IPv4 NLRI field and in MP_REACH_NLRI', () => {
    const p = corpusPath('exabgp', '5.0.13', 'encoding', 'conf-addpath.msg');
    if (!p) return;
    const raws = readFileSync(p, 'utf8')
      .split('\n')
      .filter((l) => l.includes(':raw:'))
      .map((l) => Buffer.from(cleanHex(l.slice(l.indexOf(':raw:') + 5)), 'hex'));
    const [first, second] = raws.map((r) => decodeUpdate(r.subarray(19), ctx));
    // route 193.0.2.1 path-information 1.2.3.4 next-hop 10.0.0.1
    assert.deepEqual(routesOf(parsed(updateMessageJson(first!))), {
      announce: { 'ipv4 unicast': { '10.0.0.1': [{ nlri: '193.0.2.1/32', 'path-information': '1.2.3.4' }] } },
      withdraw: undefined,
    });
    // route 10.0.0.0/24 ... label 20012 rd 100:100 path-information 10 next-hop 192.168.0.1
    assert.deepEqual(routesOf(parsed(updateMessageJson(second!))), {
      announce: {
        'ipv4 mpls-vpn': {
          '192.168.0.1': [
            { nlri: '10.0.0.0/24', 'path-information': '0.0.0.10', label: [[20012]], rd: '100:100' },
          ],
        },
      },
      withdraw: undefined,
    });
    assert.deepEqual(encodeUpdate(first!, ctx), raws[0]);
    assert.deepEqual(encodeUpdate(second!, ctx), raws[1]);
  });
});

describe('UPDATE: JSON assembly', () => {
  it('withdrawn IPv4, MP_UNREACH and MP_REACH go to withdraw/announce; no next hop is "no-nexthop"', () => {
    const b = body(
      '18 0a0001',
      [
        ORIGIN_IGP,
        AS_PATH_EMPTY,
        attr(
          0x80,
          14,
          '0002 01 20 20010db8000000000000000000000001 fe800000000000000000000000000001 00 40 20010db800000001',
        ),
        attr(0x80, 15, '0002 01 30 20010db80002'),
      ],
      '',
    );
    const u = decodeUpdate(b, DEFAULT_CONTEXT);
    assert.deepEqual(u.errors, []);
    const j = updateJson(u) as Record<string, unknown>;
    assert.deepEqual(j.withdraw, {
      'ipv4 unicast': [{ nlri: '10.0.1.0/24' }],
      'ipv6 unicast': [{ nlri: '2001:db8:2::/48' }],
    });
    // ExaBGP 5.0 gives each NLRI each next hop of a global + link-local pair.
    assert.deepEqual(j.announce, {
      'ipv6 unicast': {
        '2001:db8::1': [{ nlri: '2001:db8:0:1::/64' }],
        'fe80::1': [{ nlri: '2001:db8:0:1::/64' }],
      },
    });
    const flow = decodeUpdate(
      body('', [ORIGIN_IGP, AS_PATH_EMPTY, attr(0x80, 14, '0001 85 00 00 0501180a0000')], ''),
      DEFAULT_CONTEXT,
    );
    assert.deepEqual(Object.keys((updateJson(flow).announce as Record<string, object>)['ipv4 flow']!), [
      'no-nexthop',
    ]);
  });
});

describe('UPDATE: malformed (RFC 4271 §6.3, RFC 7606)', () => {
  const nlri = '18 0a0001';
  const good = [ORIGIN_IGP, AS_PATH_EMPTY, NEXT_HOP_10_0_0_1];

  it('Withdrawn Routes Length overrunning the message: Malformed Attribute List (3/1)', () => {
    assertNotify(() => decodeUpdate(hex('0005 0000'), DEFAULT_CONTEXT), 3, 1);
    assertNotify(() => decodeUpdate(hex('00'), DEFAULT_CONTEXT), 3, 1);
  });

  it('Total Path Attribute Length overrunning the message: 3/1', () => {
    assertNotify(() => decodeUpdate(hex('0000 0010 400101 00'), DEFAULT_CONTEXT), 3, 1);
  });

  it('an attribute overrunning the attribute field: treat-as-withdraw, NLRI still found (RFC 7606 §4)', () => {
    const b = Buffer.concat([hex('0000 0008'), ORIGIN_IGP, hex('40 02 05 00'), hex(nlri)]);
    const u = decodeUpdate(b, DEFAULT_CONTEXT);
    assert.equal(u.action, 'treat-as-withdraw');
    assert.ok(u.errors.some((e) => e.errorCode === 'attribute-overrun'));
    assert.equal(u.nlri.length, 1);
    assert.deepEqual(Object.keys(updateJson(u)), ['attribute', 'withdraw']);
    const header = Buffer.concat([hex('0000 0002 40 01'), hex(nlri)]);
    assert.equal(decodeUpdate(header, DEFAULT_CONTEXT).action, 'treat-as-withdraw');
  });

  it('an MP_REACH_NLRI overrunning the attribute field: session reset (3/1)', () => {
    assertNotify(() => decodeUpdate(hex('0000 0004 80 0e 10 00'), DEFAULT_CONTEXT), 3, 1);
  });

  it('a bad prefix length in NLRI or withdrawn routes: Invalid Network Field (3/10)', () => {
    assertNotify(() => decodeUpdate(body('', good, '21 0a000000 00'), DEFAULT_CONTEXT), 3, 10);
    assertNotify(() => decodeUpdate(body('21 0a000000 00', [], ''), DEFAULT_CONTEXT), 3, 10);
    assertNotify(() => decodeUpdate(body('', good, '18 0a00'), DEFAULT_CONTEXT), 3, 10);
  });

  it('a duplicate MP_REACH_NLRI or MP_UNREACH_NLRI: session reset 3/1 (RFC 7606 §3.g)', () => {
    const reach = attr(0x80, 14, '0001 01 04 0a000001 00 18 0a0002');
    assertNotify(() => decodeUpdate(body('', [...good, reach, reach], ''), DEFAULT_CONTEXT), 3, 1);
    const unreach = attr(0x80, 15, '0002 01');
    assertNotify(() => decodeUpdate(body('', [unreach, unreach], ''), DEFAULT_CONTEXT), 3, 1);
  });

  it('other duplicates: all but the first are discarded (RFC 7606 §3.g)', () => {
    const u = decodeUpdate(body('', [...good, attr(0x40, 1, '02')], nlri), DEFAULT_CONTEXT);
    assert.equal(u.action, 'ok');
    assert.deepEqual(
      u.errors.map((e) => [e.action, e.attributeCode]),
      [['attribute-discard', 1]],
    );
    assert.equal(u.attributes.length, 3);
    assert.deepEqual(u.attributes[0], decodeUpdate(body('', good, nlri), DEFAULT_CONTEXT).attributes[0]);
  });

  it('missing well-known mandatory attributes with NLRI: treat-as-withdraw (RFC 7606 §3.d)', () => {
    const u = decodeUpdate(body('', [ORIGIN_IGP], nlri), DEFAULT_CONTEXT);
    assert.equal(u.action, 'treat-as-withdraw');
    assert.deepEqual(
      u.errors.map((e) => e.attributeCode),
      [2, 3],
    );
    assert.deepEqual((updateJson(u) as Record<string, unknown>).withdraw, {
      'ipv4 unicast': [{ nlri: '10.0.1.0/24' }],
    });
    // Without NLRI nothing is mandatory; MP_REACH needs ORIGIN and AS_PATH but not NEXT_HOP.
    assert.equal(decodeUpdate(body('', [ORIGIN_IGP], ''), DEFAULT_CONTEXT).action, 'ok');
    const reach = attr(0x80, 14, '0001 01 04 0a000001 00 18 0a0002');
    assert.equal(
      decodeUpdate(body('', [ORIGIN_IGP, AS_PATH_EMPTY, reach], ''), DEFAULT_CONTEXT).action,
      'ok',
    );
    assert.equal(decodeUpdate(body('', [reach], ''), DEFAULT_CONTEXT).action, 'treat-as-withdraw');
  });

  it('MP_REACH_NLRI with wrong flags: treat-as-withdraw with its NLRI still decoded (RFC 7606 §3.c)', () => {
    const reach = attr(0xc0, 14, '0001 01 04 0a000001 00 18 0a0002');
    const u = decodeUpdate(body('', [ORIGIN_IGP, AS_PATH_EMPTY, reach], ''), DEFAULT_CONTEXT);
    assert.equal(u.action, 'treat-as-withdraw');
    assert.deepEqual((updateJson(u) as Record<string, unknown>).withdraw, {
      'ipv4 unicast': [{ nlri: '10.0.2.0/24' }],
    });
  });

  it('a malformed MP_REACH_NLRI: session reset', () => {
    const bad = attr(0x80, 14, '0001 01 05 0a00000100 00');
    assertNotify(() => decodeUpdate(body('', [ORIGIN_IGP, AS_PATH_EMPTY, bad], ''), DEFAULT_CONTEXT), 3, 9);
    const badNlri = attr(0x80, 14, '0001 01 04 0a000001 00 21 0a000000 00');
    assertNotify(() => decodeUpdate(body('', [badNlri], ''), DEFAULT_CONTEXT), 3, 10);
  });

  it('more attributes than MAX_ATTRIBUTES_PER_UPDATE: 3/1', () => {
    const many = Array.from({ length: 300 }, () => attr(0xc0, 0x63, ''));
    assertNotify(() => decodeUpdate(body('', many, ''), DEFAULT_CONTEXT), 3, 1);
  });
});

describe('UPDATE: encoding', () => {
  it('mirrors: decode(encode(u)) equals u, and keeps attribute order', () => {
    const b = body(
      '18 0a0001',
      [NEXT_HOP_10_0_0_1, ORIGIN_IGP, attr(0xc0, 0x63, 'abcd'), AS_PATH_EMPTY],
      '20 01020304',
    );
    const u = decodeUpdate(b, DEFAULT_CONTEXT);
    const raw = encodeUpdate(u, DEFAULT_CONTEXT);
    assert.deepEqual(raw, message(b));
    assert.deepEqual(decodeUpdate(raw.subarray(19), DEFAULT_CONTEXT), u);
  });

  it('uses a 2-octet attribute length only above 255 octets', () => {
    const long = attr(0xd0, 0x63, Buffer.alloc(300, 1));
    const b = body('', [ORIGIN_IGP, long], '');
    assert.deepEqual(encodeUpdate(decodeUpdate(b, DEFAULT_CONTEXT), DEFAULT_CONTEXT), message(b));
  });

  it('refuses a message above 4096 octets without RFC 8654 extended messages', () => {
    const nlri = Buffer.concat(
      Array.from({ length: 1100 }, (_, i) =>
        hex(`20 0a00${(i >> 8).toString(16).padStart(2, '0')}${(i & 0xff).toString(16).padStart(2, '0')}`),
      ),
    );
    const u = decodeUpdate(body('', [ORIGIN_IGP, AS_PATH_EMPTY, NEXT_HOP_10_0_0_1], nlri), DEFAULT_CONTEXT);
    assert.throws(() => encodeUpdate(u, makeContext({ extendedMessage: false })), EncodeError);
    assert.equal(encodeUpdate(u, DEFAULT_CONTEXT).length, 19 + 4 + 14 + nlri.length);
  });
});
