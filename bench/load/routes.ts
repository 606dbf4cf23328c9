/**
 * The routes every sender announces: N host prefixes (IPv4 /32 from 10.0.0.0, or IPv6 /128
 * from 2001:db8::), with one attribute set for all, or ATTRIBUTE_SETS distinct ones (the MED
 * varies). Each sender renders them in its own syntax from these helpers.
 */

/** Distinct attribute sets in the `attrs` variant. */
export const ATTRIBUTE_SETS = 1000;

export interface RouteSet {
  readonly n: number;
  readonly v6: boolean;
  /** 1 (identical attributes) or ATTRIBUTE_SETS. */
  readonly sets: number;
}

export function prefix(i: number, v6: boolean): string {
  if (v6) return `2001:db8::${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}/128`;
  const a = 0x0a000000 + i;
  return `${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/32`;
}

export function nextHop(v6: boolean): string {
  return v6 ? '2001:db8:ffff::1' : '192.0.2.1';
}

/** The attribute set route i belongs to. */
export function setOf(i: number, r: RouteSet): number {
  return r.sets === 1 ? 0 : i % r.sets;
}

/** ExaBGP/bgpknife attribute words for a set (next-hop excluded). */
export function attributeWords(set: number, r: RouteSet): string {
  return r.sets === 1 ? 'origin igp' : `origin igp med ${set + 1}`;
}

export function describe(r: RouteSet): string {
  return `${r.n} IPv${r.v6 ? 6 : 4} /${r.v6 ? 128 : 32}s, ${r.sets === 1 ? 'one attribute set' : `${r.sets} attribute sets`}`;
}
