/**
 * NLRI of a family bgpknife cannot parse: the whole NLRI field is kept as one opaque value, so
 * it can be shown and re-encoded, never split wrongly.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { hexUpper, type JsonObject } from '../json.js';
import type { NlriBase } from './codec.js';
import { type Family, familyKey } from './family.js';

export interface UnknownNlri extends NlriBase {
  readonly kind: 'unknown';
  readonly raw: Buffer;
}

export function decodeUnknownNlri(r: Reader, family: Family): UnknownNlri {
  return { kind: 'unknown', family: familyKey(family.afi, family.safi), raw: Buffer.from(r.rest()) };
}

export function encodeUnknownNlri(w: Writer, n: UnknownNlri): void {
  w.bytes(n.raw);
}

export function unknownNlriJson(n: UnknownNlri): JsonObject {
  return { raw: hexUpper(n.raw) };
}
