/**
 * Shared checks for attribute decoders: the RFC 4271 §6.3 UPDATE error subcodes and the length
 * rules of RFC 7606 §7 ("is considered malformed if its length is not ..."). Each throws the
 * NotifyError the UPDATE decoder turns into the attribute's RFC 7606 action.
 */
import type { Reader } from '../buf/reader.js';
import { EncodeError, NotifyError } from '../error.js';

/** RFC 4271 §6.3 UPDATE Message Error subcodes used by attribute decoders. */
export const UPDATE_SUBCODE = {
  MALFORMED_ATTRIBUTE_LIST: 1,
  ATTRIBUTE_FLAGS: 4,
  ATTRIBUTE_LENGTH: 5,
  INVALID_ORIGIN: 6,
  INVALID_NEXT_HOP: 8,
  OPTIONAL_ATTRIBUTE: 9,
  MALFORMED_AS_PATH: 11,
} as const;

const UPDATE_MESSAGE_ERROR = 3;

/** Throw an UPDATE Message Error (code 3) with this subcode. */
export function updateError(subcode: number, errorCode: string, message: string, r?: Reader): never {
  throw new NotifyError(UPDATE_MESSAGE_ERROR, subcode, errorCode, message, undefined, r ? r.pos : -1);
}

/** The value must be exactly one of `sizes` bytes long (Attribute Length Error otherwise). */
export function expectLength(r: Reader, name: string, ...sizes: number[]): number {
  const n = r.remaining;
  if (!sizes.includes(n)) {
    updateError(
      UPDATE_SUBCODE.ATTRIBUTE_LENGTH,
      'attribute-length',
      `${name}: ${n} byte(s), expected ${sizes.join(' or ')}`,
      r,
    );
  }
  return n;
}

/** The value must be a non-zero multiple of `unit` bytes (RFC 7606 §7.8, §7.10, §7.14). */
export function expectMultiple(r: Reader, name: string, unit: number): number {
  const n = r.remaining;
  if (n === 0 || n % unit !== 0) {
    updateError(
      UPDATE_SUBCODE.ATTRIBUTE_LENGTH,
      'attribute-length',
      `${name}: ${n} byte(s) is not a non-zero multiple of ${unit}`,
      r,
    );
  }
  return n / unit;
}

/** Encoders: refuse a number outside [0, max]. */
export function checkRange(what: string, v: number, max: number): void {
  if (!Number.isInteger(v) || v < 0 || v > max)
    throw new EncodeError('range', `${what} ${v} is not in 0..${max}`);
}

/** ExaBGP's list text: a single item bare, otherwise '[ a b ]' (empty: ''). */
export function bracketed(items: readonly string[]): string {
  if (items.length === 0) return '';
  return items.length === 1 ? items[0]! : `[ ${items.join(' ')} ]`;
}

/**
 * RFC 7606 §3(c): received Optional/Transitive bits that differ from the attribute's definition
 * make it malformed (the Partial and Extended Length bits do not count).
 */
export function flagsConflict(expected: number, received: number): boolean {
  return ((expected ^ received) & 0xc0) !== 0;
}

/**
 * Encoders: refuse an empty list where the attribute must hold at least one item (a peer would
 * find a zero-length attribute malformed, RFC 7606 §7); the caller leaves the attribute out.
 */
export function checkNotEmpty(what: string, list: readonly unknown[]): void {
  if (list.length === 0) throw new EncodeError('empty-attribute', `${what} with nothing in it`);
}
