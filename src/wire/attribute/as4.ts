/**
 * RFC 6793 interplay between 2-octet and 4-octet speakers, for the UPDATE codec:
 *
 * - §4.2.2: towards a 2-octet ("OLD") speaker, AS_PATH and AGGREGATOR carry AS_TRANS in place of
 *   4-octet ASNs (see as-path-segments.ts, aggregator.ts) and AS4_PATH / AS4_AGGREGATOR carry
 *   the real ones: `as4Companions`.
 * - §4.2.3: from a 2-octet speaker, the real path is rebuilt from AS_PATH and AS4_PATH:
 *   `mergeAs4Path`.
 */

import type { AsPathAttribute } from './as-path.js';
import { AS_PATH_SEGMENT, type AsPathSegment, hasAsn4, MAX_SEGMENT_ASNS } from './as-path-segments.js';
import type { As4PathAttribute } from './as4-path.js';
import type { Attribute } from './types.js';

/** RFC 6793 §4.2.3 / RFC 5065: an AS_SET counts as one ASN, confederation segments as none. */
export function pathLength(segments: readonly AsPathSegment[]): number {
  let n = 0;
  for (const s of segments) {
    if (s.type === AS_PATH_SEGMENT.SEQUENCE) n += s.asns.length;
    else if (s.type === AS_PATH_SEGMENT.SET) n += 1;
  }
  return n;
}

function isConfed(s: AsPathSegment): boolean {
  return s.type === AS_PATH_SEGMENT.CONFED_SEQUENCE || s.type === AS_PATH_SEGMENT.CONFED_SET;
}

/** The leading part of a path worth `count` ASNs (confederation segments come along free). */
function leading(segments: readonly AsPathSegment[], count: number): AsPathSegment[] {
  const out: AsPathSegment[] = [];
  let left = count;
  for (const s of segments) {
    if (isConfed(s)) out.push(s);
    else if (left === 0) break;
    else if (s.type === AS_PATH_SEGMENT.SET) {
      out.push(s);
      left -= 1;
    } else {
      const take = Math.min(left, s.asns.length);
      out.push({ type: s.type, asns: s.asns.slice(0, take) });
      left -= take;
    }
  }
  return out;
}

/** Join consecutive AS_SEQUENCE segments while they fit in one segment. */
function joinSequences(segments: readonly AsPathSegment[]): AsPathSegment[] {
  const out: AsPathSegment[] = [];
  for (const s of segments) {
    const last = out[out.length - 1];
    const bothSequences = last?.type === AS_PATH_SEGMENT.SEQUENCE && s.type === AS_PATH_SEGMENT.SEQUENCE;
    if (last && bothSequences && last.asns.length + s.asns.length <= MAX_SEGMENT_ASNS) {
      out[out.length - 1] = { type: last.type, asns: [...last.asns, ...s.asns] };
    } else out.push(s);
  }
  return out;
}

/**
 * RFC 6793 §4.2.3: "if the number of AS numbers in the AS_PATH attribute is less than the number
 * of AS numbers in the AS4_PATH attribute, then the AS4_PATH attribute SHALL be ignored";
 * otherwise the leading AS numbers of AS_PATH are prepended to AS4_PATH. An AS4_PATH holding
 * confederation segments is ignored too (§6: it "MUST NOT" carry them).
 */
export function mergeAs4Path(asPath: AsPathAttribute, as4Path: As4PathAttribute): AsPathAttribute {
  if (as4Path.segments.some(isConfed)) return asPath;
  const n2 = pathLength(asPath.segments);
  const n4 = pathLength(as4Path.segments);
  if (n2 < n4) return asPath;
  return {
    kind: 'as-path',
    segments: joinSequences([...leading(asPath.segments, n2 - n4), ...as4Path.segments]),
  };
}

/**
 * RFC 6793 §4.2.2: the AS4_PATH and AS4_AGGREGATOR to send beside `attributes` to a 2-octet
 * speaker (none when every ASN fits in two octets). Confederation segments are left out of
 * AS4_PATH, as the RFC requires.
 */
export function as4Companions(attributes: readonly Attribute[]): Attribute[] {
  const out: Attribute[] = [];
  for (const a of attributes) {
    if (a.kind === 'as-path' && hasAsn4(a.segments)) {
      out.push({ kind: 'as4-path', segments: a.segments.filter((s) => !isConfed(s)) });
    } else if (a.kind === 'aggregator' && a.asn > 0xffff) {
      out.push({ kind: 'as4-aggregator', asn: a.asn, speaker: a.speaker });
    }
  }
  return out;
}
