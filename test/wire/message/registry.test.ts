import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONTEXT, makeContext } from '../../../src/wire/context.js';
import { EncodeError, NotifyError } from '../../../src/wire/error.js';
import { type Frame, Framer } from '../../../src/wire/frame.js';
import { KEEPALIVE } from '../../../src/wire/message/keepalive.js';
import { encodeNotification, notificationFromError } from '../../../src/wire/message/notification.js';
import { makeOpen } from '../../../src/wire/message/open.js';
import { decodeMessage, encodeMessage, messageType } from '../../../src/wire/message/registry.js';
import { cleanHex, corpusPath } from '../../support/corpus.js';

const MARKER = 'FF'.repeat(16);
function bytes(...groups: string[]): Buffer {
  return Buffer.from(groups.join('').replace(/\s/g, ''), 'hex');
}
function frameOf(wire: Buffer): Frame {
  return { type: wire[18]!, body: wire.subarray(19), raw: wire };
}
function isNotify(code: number, subcode: number) {
  return (e: unknown) => e instanceof NotifyError && e.code === code && e.subcode === subcode;
}

describe('message registry', () => {
  it('decodes and encodes a KEEPALIVE', () => {
    const wire = bytes(MARKER, '0013', '04');
    assert.equal(decodeMessage(frameOf(wire), DEFAULT_CONTEXT), KEEPALIVE);
    assert.deepEqual(encodeMessage(KEEPALIVE, DEFAULT_CONTEXT), wire);
  });

  it('answers an unknown type with Bad Message Type (1/3), the type as data, by default', () => {
    const frame = frameOf(bytes(MARKER, '0013', 'FF'));
    assert.throws(
      () => decodeMessage(frame, DEFAULT_CONTEXT),
      (e: unknown) => isNotify(1, 3)(e) && Buffer.from((e as NotifyError).data).equals(bytes('FF')),
    );
  });

  it("answers an unknown type with ExaBGP's bytes on request (unknown-message test)", () => {
    const path = corpusPath('exabgp', '5.0.13', 'encoding', 'unknown-message.msg');
    const expected = bytes(
      MARKER,
      '0039', // length 57
      '03', // NOTIFICATION
      '01 03', // Message header error / Bad Message Type
      Buffer.from('can not decode message of type "255"').toString('hex'),
    );
    if (path) {
      const raw = readFileSync(path, 'utf8').match(/raw:([0-9A-F:]+)/);
      assert.deepEqual(Buffer.from(cleanHex(raw![1]!), 'hex'), expected, 'the corpus has these bytes');
    }
    const frame = frameOf(bytes(MARKER, '0013', 'FF'));
    try {
      decodeMessage(frame, DEFAULT_CONTEXT, { unknownType: 'notify-exabgp' });
      assert.fail('no error');
    } catch (e) {
      assert.ok(e instanceof NotifyError);
      assert.deepEqual(encodeNotification(notificationFromError(e)), expected);
    }
  });

  it('keeps an unknown type when asked, and re-encodes it', () => {
    const wire = bytes(MARKER, '0015', '09', 'ABCD');
    const m = decodeMessage(frameOf(wire), DEFAULT_CONTEXT, { unknownType: 'keep' });
    assert.deepEqual(m, { kind: 'unknown-message', type: 9, body: bytes('ABCD') });
    assert.equal(messageType(m), 9);
    assert.deepEqual(encodeMessage(m, DEFAULT_CONTEXT), wire);
  });

  it('dispatches UPDATE to the UPDATE decoder (End-of-RIB for IPv4 unicast)', () => {
    const m = decodeMessage(frameOf(bytes(MARKER, '0017', '02', '00000000')), DEFAULT_CONTEXT);
    assert.equal(m.kind, 'update');
    if (m.kind === 'update') assert.deepEqual([m.withdrawn, m.nlri], [[], []]);
  });

  it('limits messages to 4096 bytes, 65535 with extended message, OPEN always 4096', () => {
    const big = { kind: 'notification' as const, code: 6, subcode: 0, data: Buffer.alloc(5000) };
    const small = makeContext({ extendedMessage: false });
    const extended = makeContext({ extendedMessage: true });
    assert.throws(
      () => encodeMessage(big, small),
      (e: unknown) => e instanceof EncodeError,
    );
    assert.equal(encodeMessage(big, extended).length, 19 + 2 + 5000);
    // 20 capabilities of 252 bytes: over 4096 bytes, so the OPEN cannot be sent at all.
    const caps = Array.from({ length: 20 }, () => ({
      kind: 'unknown' as const,
      code: 200,
      raw: Buffer.alloc(250),
    }));
    const open = makeOpen({ asn: 1, holdTimeSeconds: 90, routerId: '1.1.1.1', capabilities: caps });
    assert.throws(
      () => encodeMessage(open, extended),
      (e: unknown) => e instanceof EncodeError,
    );
  });

  it('random frames give a message or a NotifyError, nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.uint8Array({ maxLength: 60 }), (type, body) => {
        const head = Buffer.alloc(19, 0xff);
        head.writeUInt16BE(19 + body.length, 16);
        head[18] = type;
        const wire = Buffer.concat([head, body]);
        try {
          for (const f of new Framer().push(wire)) decodeMessage(f, DEFAULT_CONTEXT, { unknownType: 'keep' });
        } catch (e) {
          assert.ok(e instanceof NotifyError, String(e));
        }
      }),
      { numRuns: 3000 },
    );
  });
});
