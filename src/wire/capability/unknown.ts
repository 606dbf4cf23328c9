/**
 * Capabilities bgpknife does not understand (RFC 5492 §5: a speaker ignores capabilities it does
 * not support). They keep their code and raw value so they re-encode byte for byte.
 *
 *   +------------------------------+
 *   | Code | Length | Value (raw)  |
 *   +------------------------------+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { hexUpper, type JsonObject } from '../json.js';
import { lastOf } from './codec.js';

export interface UnknownCapability {
  readonly kind: 'unknown';
  readonly code: number;
  readonly raw: Buffer;
}

export function decodeUnknownCapability(r: Reader, code: number): UnknownCapability {
  return { kind: 'unknown', code, raw: Buffer.from(r.rest()) };
}

export function encodeUnknownCapability(w: Writer, v: UnknownCapability): void {
  w.bytes(v.raw);
}

/** ExaBGP's IANA range word: 70-127 unassigned, 128-255 private use ("reserved"). */
function ianaRange(code: number): string {
  if (code >= 128 && code <= 255) return 'reserved';
  if (code >= 70 && code <= 127) return 'unassigned';
  return 'unknown';
}

/** ExaBGP's JSON for an unknown capability; the last of a repeated code wins. */
export function unknownCapabilityJson(values: readonly UnknownCapability[]): JsonObject {
  const v = lastOf(values);
  return { name: 'unknown', iana: ianaRange(v.code), value: v.code, raw: hexUpper(v.raw) };
}
