import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONTEXT, makeContext } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { stringifyJson } from '../../../src/wire/json.js';
import { decodeUpdate, encodeUpdate, type Update } from '../../../src/wire/message/update.js';
import { updateMessageJson } from '../../../src/wire/message/update-json.js';
import { IPV4_UNICAST } from '../../../src/wire/nlri/family.js';
import { attr, body } from './update-builders.js';

const ADD_PATH = makeContext({ addPath: new Set([IPV4_UNICAST]) });

/** Decode; a value or a NotifyError only. When a value, its JSON round-trips through JSON.parse. */
function check(b: Buffer, ctx = DEFAULT_CONTEXT): Update | undefined {
  let u: Update;
  try {
    u = decodeUpdate(b, ctx);
  } catch (e) {
    assert.ok(e instanceof NotifyError, String(e));
    return undefined;
  }
  const text = stringifyJson(updateMessageJson(u));
  assert.deepEqual(JSON.parse(text), JSON.parse(stringifyJson(JSON.parse(text))));
  return u;
}

// Attributes with a plausible header and random value, including MP_REACH/MP_UNREACH of the
// families that have codecs, so the generator reaches deep into the decoders.
const attribute = fc
  .tuple(
    fc.constantFrom(0x40, 0x80, 0xc0, 0xd0, 0x50),
    fc.constantFrom(1, 2, 3, 14, 15, 14, 15, 0x63),
    fc.constantFrom('0001', '0002', '0001 04', '0001 80', '0002 80', '0019', '0001 84', '0001 85'),
    fc.uint8Array({ maxLength: 40 }),
  )
  .map(([flags, code, head, value]) => {
    const v =
      code === 14 || code === 15 ? Buffer.concat([Buffer.from(head.replace(' ', ''), 'hex'), value]) : value;
    return attr(flags, code, Buffer.from(v));
  });

describe('UPDATE: properties', () => {
  it('random bytes give an Update or a NotifyError, nothing else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (b, ap) => {
        check(Buffer.from(b), ap ? ADD_PATH : DEFAULT_CONTEXT);
      }),
      { numRuns: 2000 },
    );
  });

  it('random well-framed UPDATEs: value or NotifyError; what decodes cleanly re-encodes exactly', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 30 }),
        fc.array(attribute, { maxLength: 6 }),
        fc.uint8Array({ maxLength: 30 }),
        fc.boolean(),
        (w, attrs, n, ap) => {
          const ctx = ap ? ADD_PATH : DEFAULT_CONTEXT;
          const b = body(Buffer.from(w), attrs, Buffer.from(n));
          const u = check(b, ctx);
          if (!u || u.errors.length > 0) return;
          // MP_REACH's reserved octet is ignored on receipt and sent as 0.
          const reserved = attrs.some((a) => a[1] === 14);
          if (!reserved) assert.deepEqual(encodeUpdate(u, ctx).subarray(19), b);
          assert.deepEqual(decodeUpdate(encodeUpdate(u, ctx).subarray(19), ctx), u);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
