import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONTEXT } from '../../../src/wire/context.js';
import { EncodeError, NotifyError } from '../../../src/wire/error.js';
import { Framer } from '../../../src/wire/frame.js';
import { stringifyJson } from '../../../src/wire/json.js';
import {
  decodeNotification,
  encodeNotification,
  makeNotification,
  makeShutdownNotification,
  type Notification,
  notificationJson,
  notificationText,
  shutdownCommunication,
} from '../../../src/wire/message/notification.js';
import {
  notificationCodeName,
  notificationSubcodeName,
} from '../../../src/wire/message/notification-names.js';
import { decodeMessage } from '../../../src/wire/message/registry.js';
import { cleanHex, corpusPath } from '../../support/corpus.js';

function bytes(...groups: string[]): Buffer {
  return Buffer.from(groups.join('').replace(/\s/g, ''), 'hex');
}
const MARKER = 'FF'.repeat(16);
const te = (s: string) => Buffer.from(s, 'utf8').toString('hex');

describe('NOTIFICATION: wire', () => {
  it('decodes and encodes Cease / Administrative Reset "Administrative Reset" (api-teardown)', () => {
    // marker | length 42 | type 3 | code 6, subcode 4 | length 20 | text
    const wire = bytes(MARKER, '002A', '03', '06 04', '14', te('Administrative Reset'));
    const path = corpusPath('exabgp', '5.0.13', 'encoding', 'api-teardown.msg');
    if (path) {
      const raw = readFileSync(path, 'utf8').match(/raw:([0-9A-F:]+:03:[0-9A-F]+)/);
      assert.ok(raw);
      assert.deepEqual(Buffer.from(cleanHex(raw[1]!), 'hex'), wire, 'the corpus has these bytes');
    }
    const n = decodeMessage(new Framer().push(wire)[0]!, DEFAULT_CONTEXT) as Notification;
    assert.deepEqual(n, {
      kind: 'notification',
      code: 6,
      subcode: 4,
      data: bytes('14', te('Administrative Reset')),
    });
    assert.deepEqual(encodeNotification(makeShutdownNotification(4, 'Administrative Reset')), wire);
    assert.deepEqual(encodeNotification(n), wire);
    assert.equal(
      notificationText(n),
      'Cease / Administrative Reset / Shutdown Communication: "Administrative Reset"',
    );
  });

  it('keeps the data of other codes raw', () => {
    const n = decodeNotification(bytes('01 02', '0FFF'));
    assert.deepEqual(n, { kind: 'notification', code: 1, subcode: 2, data: bytes('0FFF') });
    assert.deepEqual(notificationJson(n), { code: 1, subcode: 2, data: '0x0FFF', message: '\u000f\ufffd' });
  });

  it('rejects a body without code and subcode (1/2)', () => {
    assert.throws(
      () => decodeNotification(bytes('06')),
      (e: unknown) => e instanceof NotifyError && e.code === 1 && e.subcode === 2,
    );
  });

  it('refuses a shutdown communication over 255 bytes rather than cutting it', () => {
    assert.equal(makeShutdownNotification(2, 'é'.repeat(127)).data.length, 255);
    assert.throws(
      () => makeShutdownNotification(2, 'x'.repeat(256)),
      (e: unknown) => e instanceof EncodeError,
    );
  });
});

describe('NOTIFICATION: shutdown communication (RFC 9003)', () => {
  const cease = (subcode: number, ...data: string[]) => makeNotification(6, subcode, bytes(...data));

  it('reads valid UTF-8 and reports it as ExaBGP does', () => {
    const n = cease(2, '0B', te('maintenance'));
    assert.deepEqual(shutdownCommunication(n), {
      kind: 'text',
      text: 'maintenance',
      trailing: Buffer.alloc(0),
    });
    const report = 'Shutdown Communication: "maintenance"';
    assert.deepEqual(notificationJson(n), {
      code: 6,
      subcode: 2,
      data: `0x${Buffer.from(report).toString('hex').toUpperCase()}`,
      message: report,
    });
  });

  it('reads multi-byte UTF-8 up to 255 bytes, with line breaks shown as spaces', () => {
    const text = `ça\r\nva ${'€'.repeat(80)}`; // 8 + 80 * 3 = 248 bytes
    const utf8 = Buffer.from(text, 'utf8');
    const n = makeNotification(6, 4, Buffer.concat([Buffer.from([utf8.length]), utf8]));
    assert.deepEqual(shutdownCommunication(n), { kind: 'text', text, trailing: Buffer.alloc(0) });
    assert.equal(notificationJson(n).message, `Shutdown Communication: "${text.replace(/\r|\n/g, ' ')}"`);
  });

  it('reports trailing data after the text', () => {
    const n = cease(2, '02', te('ok'), 'BEEF');
    assert.equal(notificationJson(n).message, 'Shutdown Communication: "ok", trailing data: 0xBEEF');
  });

  it('describes invalid UTF-8 without throwing', () => {
    const n = cease(2, '03', '61 C3 28'); // "a" then an invalid 2-byte sequence
    assert.deepEqual(shutdownCommunication(n), {
      kind: 'malformed',
      reason: 'invalid UTF-8',
      length: 3,
      raw: bytes('61C328'),
    });
    assert.equal(
      notificationJson(n).message,
      'invalid Shutdown Communication (invalid UTF-8) length : 3 [0x61C328]',
    );
  });

  it('describes a length past the data (overlong) without throwing', () => {
    const n = cease(4, 'FF', te('short'));
    assert.equal(shutdownCommunication(n)?.kind, 'malformed');
    assert.equal(
      notificationJson(n).message,
      `invalid Shutdown Communication (buffer underrun) length : 255 [0x${te('short').toUpperCase()}]`,
    );
  });

  it('handles an empty and an absent communication', () => {
    assert.equal(notificationJson(cease(2, '00')).message, 'empty Shutdown Communication.');
    assert.deepEqual(notificationJson(cease(2)), { code: 6, subcode: 2, data: '0x', message: '' });
    assert.equal(notificationText(cease(2)), 'Cease / Administrative Shutdown');
  });

  it('does not read a communication in other Cease subcodes', () => {
    assert.equal(shutdownCommunication(cease(3, '02', te('ok'))), undefined);
  });

  it('JSON of any data round-trips through JSON.parse', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4, 6),
        fc.nat(10),
        fc.uint8Array({ maxLength: 300 }),
        (code, sub, data) => {
          const n = makeNotification(code, sub, data);
          const json = notificationJson(n);
          assert.deepEqual(JSON.parse(stringifyJson(json)), json);
          assert.equal(typeof notificationText(n), 'string');
          assert.deepEqual(decodeNotification(encodeNotification(n, 65535).subarray(19)), n);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('NOTIFICATION: names as ExaBGP prints them', () => {
  const names: [number, number, string, string][] = [
    [1, 1, 'Message header error', 'Connection Not Synchronized'],
    [1, 3, 'Message header error', 'Bad Message Type'],
    [2, 1, 'OPEN message error', 'Unsupported Version Number'],
    [2, 6, 'OPEN message error', 'Unacceptable Hold Time'],
    [2, 7, 'OPEN message error', 'Unsupported Capability'],
    [3, 11, 'UPDATE message error', 'Malformed AS_PATH'],
    [4, 0, 'Hold timer expired', 'Unspecific'],
    [5, 1, 'State machine error', 'Receive Unexpected Message in OpenSent State'],
    [5, 3, 'State machine error', 'Receive Unexpected Message in Established State'],
    [6, 1, 'Cease', 'Maximum Number of Prefixes Reached'],
    [6, 2, 'Cease', 'Administrative Shutdown'],
    [6, 7, 'Cease', 'Connection Collision Resolution'],
    [6, 8, 'Cease', 'Out of Resources'],
    [7, 1, 'ROUTE-REFRESH message error', 'Invalid Message Length'],
    [7, 2, 'ROUTE-REFRESH message error', 'Malformed Message Subtype'],
    [9, 9, 'unknown error', 'unknow reason'],
  ];
  for (const [code, subcode, codeName, subName] of names) {
    it(`${code}/${subcode} is "${codeName} / ${subName}"`, () => {
      assert.equal(notificationCodeName(code), codeName);
      assert.equal(notificationSubcodeName(code, subcode), subName);
    });
  }
});
