/**
 * Decode a whole NLRI field with one codec, remembering the bytes each NLRI came from, so tests
 * can re-encode every NLRI and compare it with exactly its own bytes.
 */
import { Reader, SHORT_NLRI } from '../../src/wire/buf/reader.js';
import { Writer } from '../../src/wire/buf/writer.js';
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
