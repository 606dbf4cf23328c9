/**
 * MPLS label stacks in NLRI (RFC 8277 §2): 3 bytes per label, the label in the top 20 bits,
 * then 3 bits of traffic class and the bottom-of-stack bit.
 *
 *    0                   1                   2
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                Label                  | TC  |S|
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Entries are kept as their raw 24-bit values so TC and S bits re-encode exactly.
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { EncodeError } from '../../error.js';
import type { JsonValue } from '../../json.js';

export const LABEL_BYTES = 3;
/** A bound on the labels one NLRI may carry (a peer controls it). */
export const MAX_LABELS = 8;
/** RFC 8277 §2.4: the value some speakers put in withdrawals instead of a label. */
export const WITHDRAW_LABEL = 0x800000;

/** Raw 24-bit label stack entries. */
export type LabelStack = readonly number[];

/** Label value 0..2^20-1 with the bottom-of-stack bit set, as a raw entry. */
export function labelEntry(label: number, bottom = true): number {
  if (!Number.isInteger(label) || label < 0 || label > 0xfffff)
    throw new EncodeError('label', `label ${label} out of range`);
  return (label << 4) | (bottom ? 1 : 0);
}

/**
 * Read entries until the bottom-of-stack bit, the withdraw marker 0x800000 or 0x000000
 * (both end a stack), or `maxBits` of prefix length would be exceeded.
 * Returns the entries; the caller subtracts 24 bits per entry from the prefix length.
 */
export function decodeLabels(r: Reader, maxBits: number): number[] {
  const out: number[] = [];
  while (out.length < MAX_LABELS && (out.length + 1) * 24 <= maxBits) {
    const raw = r.u24();
    out.push(raw);
    if (raw & 1 || raw === WITHDRAW_LABEL || raw === 0) return out;
  }
  return out;
}

export function encodeLabels(w: Writer, labels: LabelStack): void {
  for (const raw of labels) w.u24(raw);
}

/** ExaBGP's JSON: [[label], ...] with the raw value added when it is not 0. */
export function labelsJson(labels: LabelStack): JsonValue {
  return labels.map((raw) => (raw === 0 ? [0] : [raw >>> 4, raw]));
}

/** ExaBGP's text: "label 16" or "label [ 16 17 ]". */
export function labelsText(labels: LabelStack): string {
  const values = labels.map((raw) => String(raw >>> 4));
  return values.length === 1 ? `label ${values[0]}` : `label [ ${values.join(' ')} ]`;
}
