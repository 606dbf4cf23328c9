/**
 * AS path segments, shared by AS_PATH (RFC 4271 §4.3, RFC 5065 confederations) and AS4_PATH
 * (RFC 6793). Each segment is:
 *
 *   +--------------+----------------+------------------------------+
 *   | segment type | segment length | ASNs (length x 2 or 4 bytes) |
 *   +--------------+----------------+------------------------------+
 *     1 AS_SET, 2 AS_SEQUENCE, 3 AS_CONFED_SEQUENCE, 4 AS_CONFED_SET; length counts ASNs.
 *
 * RFC 7606 §7.2: an AS_PATH is malformed on an unrecognized segment type, a segment overrun, an
 * underrun (fewer than two octets left for a header) or a segment of length zero.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import type { JsonObject, JsonValue } from '../json.js';
import { UPDATE_SUBCODE, updateError } from './check.js';

export const AS_PATH_SEGMENT = { SET: 1, SEQUENCE: 2, CONFED_SEQUENCE: 3, CONFED_SET: 4 } as const;
export type AsPathSegmentType = (typeof AS_PATH_SEGMENT)[keyof typeof AS_PATH_SEGMENT];

export interface AsPathSegment {
  readonly type: AsPathSegmentType;
  readonly asns: readonly number[];
}

/** The segment length field is one octet. Longer runs are split on encode, as ExaBGP does. */
export const MAX_SEGMENT_ASNS = 255;
/** More segments than this in one path is refused as malformed (a real path has a handful). */
export const MAX_AS_PATH_SEGMENTS = 1024;
/** RFC 6793 §9: the 2-octet stand-in for a 4-octet ASN. */
export const AS_TRANS = 23456;

function malformed(message: string, r: Reader): never {
  return updateError(UPDATE_SUBCODE.MALFORMED_AS_PATH, 'as-path', message, r);
}

/** Decode all segments of the reader; ASNs are `asnBytes` (2 or 4) wide. */
export function decodeSegments(r: Reader, asnBytes: 2 | 4, name: string): AsPathSegment[] {
  const segments: AsPathSegment[] = [];
  while (!r.done) {
    if (r.remaining < 2) malformed(`${name}: ${r.remaining} byte(s) left, too short for a segment`, r);
    if (segments.length >= MAX_AS_PATH_SEGMENTS)
      malformed(`${name}: more than ${MAX_AS_PATH_SEGMENTS} segments`, r);
    const type = r.u8();
    const count = r.u8();
    if (type < 1 || type > 4) malformed(`${name}: unknown segment type ${type}`, r);
    if (count === 0) malformed(`${name}: segment of length zero`, r);
    if (r.remaining < count * asnBytes)
      malformed(`${name}: segment of ${count} ASNs overruns the attribute`, r);
    const asns: number[] = new Array(count);
    for (let i = 0; i < count; i++) asns[i] = asnBytes === 4 ? r.u32() : r.u16();
    segments.push({ type: type as AsPathSegmentType, asns });
  }
  return segments;
}

/**
 * Encode segments with `asnBytes`-wide ASNs. With 2-byte ASNs a 4-byte ASN becomes AS_TRANS
 * (RFC 6793 §4.2.2); the caller adds the AS4_PATH. Runs longer than 255 ASNs are split.
 */
export function encodeSegments(w: Writer, segments: readonly AsPathSegment[], asnBytes: 2 | 4): void {
  for (const s of segments) {
    if (s.type < 1 || s.type > 4) throw new EncodeError('as-path', `unknown AS path segment type ${s.type}`);
    for (let at = 0; at < s.asns.length; at += MAX_SEGMENT_ASNS) {
      const chunk = s.asns.slice(at, at + MAX_SEGMENT_ASNS);
      w.u8(s.type).u8(chunk.length);
      for (const asn of chunk) {
        if (asnBytes === 4) w.u32(asn);
        else w.u16(asn > 0xffff && asn <= 0xffffffff ? AS_TRANS : asn);
      }
    }
  }
}

/** True when some ASN does not fit in two octets (an AS4_PATH must then accompany AS_PATH). */
export function hasAsn4(segments: readonly AsPathSegment[]): boolean {
  return segments.some((s) => s.asns.some((a) => a > 0xffff));
}

// ExaBGP 5.0 names every confederation segment 'as-sequence' in JSON; kept for compatibility.
const ELEMENT_5 = ['', 'as-set', 'as-sequence', 'as-sequence', 'as-sequence'] as const;

/** ExaBGP 5.0: { "0": { "element": "as-sequence", "value": [ ... ] }, ... } */
export function segmentsJson5(segments: readonly AsPathSegment[]): JsonObject {
  const out: JsonObject = {};
  segments.forEach((s, i) => {
    out[String(i)] = { element: ELEMENT_5[s.type], value: [...s.asns] };
  });
  return out;
}

/**
 * ExaBGP 4.x: segments flattened per type. 'as-path' and 'confederation-path' are always
 * present (possibly empty); 'as-set' and 'confederation-set' only when not empty.
 */
export function segmentsJson4(segments: readonly AsPathSegment[], out: JsonObject): void {
  const of = (type: number): JsonValue[] => segments.filter((s) => s.type === type).flatMap((s) => s.asns);
  out['as-path'] = of(AS_PATH_SEGMENT.SEQUENCE);
  const set = of(AS_PATH_SEGMENT.SET);
  if (set.length > 0) out['as-set'] = set;
  out['confederation-path'] = of(AS_PATH_SEGMENT.CONFED_SEQUENCE);
  const cset = of(AS_PATH_SEGMENT.CONFED_SET);
  if (cset.length > 0) out['confederation-set'] = cset;
}

// The command grammar: '[ ]' an AS_SEQUENCE, '( )' an AS_SET, braces mark confederation segments.
const BRACKETS: Record<AsPathSegmentType, readonly [string, string]> = {
  1: ['(', ')'],
  2: ['[', ']'],
  3: ['{[', ']}'],
  4: ['{(', ')}'],
};

/** Text as the route command reads it: '[ 1 2 ] ( 3 4 )'; an empty path is '[ ]'. */
export function segmentsText(segments: readonly AsPathSegment[]): string {
  if (segments.length === 0) return '[ ]';
  return segments.map((s) => `${BRACKETS[s.type][0]} ${s.asns.join(' ')} ${BRACKETS[s.type][1]}`).join(' ');
}

// ExaBGP 5.0's own repr (used where it prints a path as a plain string, e.g. AS4_PATH).
const HEAD_5: Record<AsPathSegmentType, readonly [string, string]> = {
  1: ['[', ']'],
  2: ['(', ')'],
  3: ['{(', ')}'],
  4: ['{[', ']}'],
};

export function segmentsRepr5(segments: readonly AsPathSegment[]): string {
  return segments.map((s) => `${HEAD_5[s.type][0]} ${s.asns.join(' ')} ${HEAD_5[s.type][1]}`).join(' ');
}

/** ExaBGP 4.x's repr: the sequence in '[ ]' with any set in '( )' inside it. */
export function segmentsRepr4(segments: readonly AsPathSegment[]): string {
  const of = (type: number): number[] => segments.filter((s) => s.type === type).flatMap((s) => s.asns);
  const one = (seq: number[], set: number[]): string => {
    const setText = set.length > 0 ? `( ${set.join(' ')} ) ` : '';
    if (seq.length === 0) return set.length > 0 ? `[ ( ${set.join(' ')} )]` : '[ ]';
    return `[ ${seq.join(' ')} ${setText}]`;
  };
  const main = one(of(AS_PATH_SEGMENT.SEQUENCE), of(AS_PATH_SEGMENT.SET));
  const cseq = of(AS_PATH_SEGMENT.CONFED_SEQUENCE);
  const cset = of(AS_PATH_SEGMENT.CONFED_SET);
  return cseq.length + cset.length > 0 ? main + one(cseq, cset) : main;
}
