/**
 * COMMUNITIES (type 8), RFC 1997: optional transitive, a list of 32-bit communities, each
 * usually written ASN:value (two 16-bit halves).
 *
 *   +---------------+---------------+---------------+-----
 *   | community (4) | community (4) | community (4) | ...
 *   +---------------+---------------+---------------+-----
 *
 * RFC 7606 §7.8: "The error handling of [RFC1997] is revised as follows: if the length of the
 * attribute is not a non-zero multiple of 4, then it is malformed" -> treat-as-withdraw.
 *
 * Values keep wire order (so they re-encode byte for byte); JSON and text are sorted, because
 * ExaBGP sorts communities as it reads them.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { bracketed, checkNotEmpty, expectMultiple } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface CommunityAttribute {
  readonly kind: 'community';
  /** Each community as an unsigned 32-bit number (ASN << 16 | value). */
  readonly communities: readonly number[];
}

/** Well-known communities (RFC 1997, RFC 3765, RFC 7999) that ExaBGP prints by name. */
export const WELL_KNOWN_COMMUNITY = {
  NO_EXPORT: 0xffffff01,
  NO_ADVERTISE: 0xffffff02,
  NO_EXPORT_SUBCONFED: 0xffffff03,
  NO_PEER: 0xffffff04,
  BLACKHOLE: 0xffff029a,
} as const;

const NAMES = new Map<number, string>([
  [WELL_KNOWN_COMMUNITY.NO_EXPORT, 'no-export'],
  [WELL_KNOWN_COMMUNITY.NO_ADVERTISE, 'no-advertise'],
  [WELL_KNOWN_COMMUNITY.NO_EXPORT_SUBCONFED, 'no-export-subconfed'],
  [WELL_KNOWN_COMMUNITY.NO_PEER, 'no-peer'],
  [WELL_KNOWN_COMMUNITY.BLACKHOLE, 'blackhole'],
]);

/** ExaBGP's text of one community: its well-known name, or 'ASN:value'. */
export function communityText(c: number): string {
  return NAMES.get(c) ?? `${c >>> 16}:${c & 0xffff}`;
}

export const communityCodec: AttributeCodec<CommunityAttribute> = {
  code: 8,
  kind: 'community',
  name: 'community',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): CommunityAttribute {
    const n = expectMultiple(r, 'COMMUNITIES', 4);
    const communities: number[] = new Array(n);
    for (let i = 0; i < n; i++) communities[i] = r.u32();
    return { kind: 'community', communities };
  },
  encode(w: Writer, v: CommunityAttribute): void {
    checkNotEmpty('COMMUNITIES', v.communities);
    for (const c of v.communities) w.u32(c);
  },
  json(v, out): void {
    out.community = sortedNumbers(v.communities).map((c) => [c >>> 16, c & 0xffff]);
  },
  text(v): string {
    return `community ${bracketed(sortedNumbers(v.communities).map(communityText))}`;
  },
};

function sortedNumbers(list: readonly number[]): number[] {
  return [...list].sort((a, b) => a - b);
}
