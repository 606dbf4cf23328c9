/**
 * Decode a whole NLRI field with one codec, remembering the bytes each NLRI came from, so tests
 * can re-encode every NLRI and compare it with exactly its own bytes.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Reader, SHORT_NLRI } from '../../src/wire/buf/reader.js';
import { Writer } from '../../src/wire/buf/writer.js';
import { NotifyError } from '../../src/wire/error.js';
import { DEFAULT_JSON_OPTIONS, stringifyJson } from '../../src/wire/json.js';
import type { NlriBase, NlriCodec } from '../../src/wire/nlri/codec.js';
import type { Family } from '../../src/wire/nlri/family.js';

export interface Decoded<T> {
  readonly value: T;
  readonly bytes: Buffer;
}

export function decodeField<T extends NlriBase>(
  codec: NlriCodec<T>,
  family: Family,
  field: Buffer,
): Decoded<T>[] {
  const r = Reader.of(field, SHORT_NLRI);
  const out: Decoded<T>[] = [];
  while (!r.done) {
    const start = r.pos;
    const value = codec.decode(r, family, undefined);
    out.push({ value, bytes: field.subarray(start, r.pos) });
  }
  return out;
}

export function encodeOne<T extends NlriBase>(codec: NlriCodec<T>, value: T): Buffer {
  const w = new Writer();
  codec.encode(w, value);
  return w.toBuffer();
}

/** Decode exactly one NLRI from `bytes` (which must hold nothing else). */
export function decodeOne<T extends NlriBase>(codec: NlriCodec<T>, family: Family, bytes: Buffer): T {
  const r = Reader.of(bytes, SHORT_NLRI);
  const value = codec.decode(r, family, undefined);
  if (!r.done) throw new Error(`${r.remaining} byte(s) left after one NLRI`);
  return value;
}

/**
 * The property every decoder must hold for arbitrary input: each NLRI decodes to a value that
 * re-encodes to exactly its bytes, has JSON that survives stringify/parse and a text form; or a
 * NotifyError stops decoding. Anything else thrown fails the test.
 */
export function checkValueOrNotify<T extends NlriBase>(
  codec: NlriCodec<T>,
  family: Family,
  field: Buffer,
): void {
  const r = Reader.of(field, SHORT_NLRI);
  try {
    while (!r.done) {
      const start = r.pos;
      const value = codec.decode(r, family, undefined);
      assert.deepEqual(encodeOne(codec, value), field.subarray(start, r.pos));
      const j = codec.json(value, DEFAULT_JSON_OPTIONS);
      assert.deepEqual(JSON.parse(stringifyJson(j)), j);
      assert.equal(typeof codec.text(value), 'string');
    }
  } catch (e) {
    if (!(e instanceof NotifyError)) throw e;
  }
}

/** Damage well-formed bytes: cut them short, or overwrite one octet (often a length). */
export function mutated(bytes: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(bytes, fc.nat(), fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean())
    .map(([b, cut, at, value, truncate]) => {
      if (b.length === 0) return b;
      if (truncate) return b.subarray(0, cut % b.length);
      const copy = Buffer.from(b);
      copy[at % b.length] = value;
      return copy;
    });
}
