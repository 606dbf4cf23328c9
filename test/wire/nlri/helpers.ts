/** Small helpers for NLRI codec tests: decode a whole field, encode a list, assert NOTIFICATIONs. */
import assert from 'node:assert/strict';
import { Reader, SHORT_NLRI } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import { NotifyError } from '../../../src/wire/error.js';
import { decodeNlriList, encodeNlriList } from '../../../src/wire/nlri/list.js';
import type { Nlri } from '../../../src/wire/nlri/types.js';

export function hex(s: string): Buffer {
  return Buffer.from(s.replace(/[\s:]/g, ''), 'hex');
}

export function decodeField(bytes: Buffer, afi: number, safi: number, addPath = false): Nlri[] {
  const out: Nlri[] = [];
  decodeNlriList(Reader.of(bytes, SHORT_NLRI), { afi, safi }, addPath, out);
  return out;
}

export function encodeField(list: readonly Nlri[], addPath = false): Buffer {
  const w = new Writer();
  encodeNlriList(w, list, addPath);
  return w.toBuffer();
}

/** Assert `fn` throws a NotifyError with this code and subcode. */
export function assertNotify(fn: () => unknown, code: number, subcode: number): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof NotifyError, `expected NotifyError, got ${String(e)}`);
    assert.deepEqual([e.code, e.subcode], [code, subcode], e.message);
    return true;
  });
}

export const JSON_OPTS = { dialect: '5.0' } as const;
