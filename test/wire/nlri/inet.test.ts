import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { NotifyError } from '../../../src/wire/error.js';
import { familyKey } from '../../../src/wire/nlri/family.js';
import { inetCodec } from '../../../src/wire/nlri/inet.js';
import { assertNotify, decodeField, encodeField, hex, JSON_OPTS } from './helpers.js';

const V4U = familyKey(1, 1);
const V6U = familyKey(2, 1);

describe('inet NLRI (RFC 4271 §4.3)', () => {
  it('decodes IPv4 prefixes of every byte size, host bits as sent', () => {
    // RFC 4271 §4.3: length in bits then ceil(length/8) octets.
    const field = hex('00 08 0a 18 c0 a8 01 20 01 02 03 04 17 0a 00 01');
    assert.deepEqual(decodeField(field, 1, 1), [
      { kind: 'inet', family: V4U, ip: '0.0.0.0', length: 0 },
      { kind: 'inet', family: V4U, ip: '10.0.0.0', length: 8 },
      { kind: 'inet', family: V4U, ip: '192.168.1.0', length: 24 },
      { kind: 'inet', family: V4U, ip: '1.2.3.4', length: 32 },
      { kind: 'inet', family: V4U, ip: '10.0.1.0', length: 23 },
    ]);
  });

  it('decodes IPv6 prefixes (RFC 4760) and re-encodes them', () => {
    const field = hex('40 20010db800000001 80 20010db8000000000000000000000001 00');
    const list = decodeField(field, 2, 1);
    assert.deepEqual(list, [
      { kind: 'inet', family: V6U, ip: '2001:db8:0:1::', length: 64 },
      { kind: 'inet', family: V6U, ip: '2001:db8::1', length: 128 },
      { kind: 'inet', family: V6U, ip: '::', length: 0 },
    ]);
    assert.deepEqual(encodeField(list), field);
  });

  it('reads RFC 7911 path identifiers when ADD-PATH is on', () => {
    // From ExaBGP's conf-path-information: path-information 1.2.3.4, 193.0.2.1/32.
    const field = hex('01020304 20 c1000201');
    const list = decodeField(field, 1, 1, true);
    assert.deepEqual(list, [{ kind: 'inet', family: V4U, pathId: 0x01020304, ip: '193.0.2.1', length: 32 }]);
    assert.deepEqual(encodeField(list, true), field);
    assert.deepEqual(inetCodec.json(list[0] as never, JSON_OPTS), {
      nlri: '193.0.2.1/32',
      'path-information': '1.2.3.4',
    });
    assert.equal(inetCodec.text(list[0] as never), '193.0.2.1/32 path-information 1.2.3.4');
  });

  it('gives ExaBGP JSON and text', () => {
    const [n] = decodeField(hex('18 0a0001'), 1, 1);
    assert.deepEqual(inetCodec.json(n as never, JSON_OPTS), { nlri: '10.0.1.0/24' });
    assert.equal(inetCodec.text(n as never), '10.0.1.0/24');
    assert.equal(inetCodec.key(n as never), '10.0.1.0/24');
  });

  it('rejects a prefix length beyond the address with Invalid Network Field (3/10)', () => {
    assertNotify(() => decodeField(hex('21 0a000000 00'), 1, 1), 3, 10);
    assertNotify(() => decodeField(hex(`81${'00'.repeat(17)}`), 2, 1), 3, 10);
  });

  it('rejects a truncated prefix or path identifier with 3/10', () => {
    assertNotify(() => decodeField(hex('18 0a00'), 1, 1), 3, 10);
    assertNotify(() => decodeField(hex('000000'), 1, 1, true), 3, 10);
    assertNotify(() => decodeField(hex('00000001'), 1, 1, true), 3, 10);
  });

  it('mirrors: decode(encode(v)) equals v for random prefixes', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 4, maxLength: 4 }),
        fc.integer({ min: 0, max: 32 }),
        (b, len) => {
          const bytes = Buffer.from(b);
          const n = Math.ceil(len / 8);
          for (let i = n; i < 4; i++) bytes[i] = 0;
          const field = Buffer.concat([Buffer.from([len]), bytes.subarray(0, n)]);
          const list = decodeField(field, 1, 1);
          assert.deepEqual(encodeField(list), field);
          assert.deepEqual(decodeField(encodeField(list), 1, 1), list);
        },
      ),
    );
  });

  it('random bytes give NLRI or a NotifyError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.boolean(), fc.boolean(), (b, v6, ap) => {
        try {
          decodeField(Buffer.from(b), v6 ? 2 : 1, 1, ap);
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
        }
      }),
    );
  });
});
