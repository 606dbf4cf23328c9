/**
 * Comparing lowered routes with the UPDATEs ExaBGP sent for the same text: the corpus's raw
 * messages are decoded with the wire codec, and every route's NLRI, next hop and stated
 * attributes must be found there.
 */
import { isDeepStrictEqual } from 'node:util';
import type { Route } from '../../src/rib/route.js';
import { attributeCode } from '../../src/wire/attribute/registry.js';
import type { Attribute } from '../../src/wire/attribute/types.js';
import { makeContext } from '../../src/wire/context.js';
import { decodeUpdate, type Update } from '../../src/wire/message/update.js';
import type { FamilyKey } from '../../src/wire/nlri/family.js';
import type { Nlri } from '../../src/wire/nlri/types.js';
import { cleanHex } from '../support/corpus.js';

const HEADER = 19;
const UPDATE = 2;

/** Decodes a corpus raw line's hex; undefined when it is not an UPDATE. */
export function decodeRaw(
  hex: string,
  addPath: ReadonlySet<FamilyKey> = new Set(),
  asn4 = true,
): Update | undefined {
  const b = Buffer.from(cleanHex(hex), 'hex');
  if (b[18] !== UPDATE) return undefined;
  return decodeUpdate(b.subarray(HEADER), makeContext({ addPath, asn4 }));
}

export interface Sent {
  readonly nlri: Nlri;
  /** The next hop the NLRI was announced with ('' for withdrawals and none). */
  readonly nextHop: string;
  readonly attributes: readonly Attribute[];
}

/** Every NLRI an UPDATE announces, with its next hop and the UPDATE's other attributes. */
export function announced(u: Update): Sent[] {
  const out: Sent[] = [];
  const plain = u.attributes.filter(
    (a) => a.kind !== 'mp-reach' && a.kind !== 'mp-unreach' && a.kind !== 'next-hop',
  );
  const nh = u.attributes.find((a) => a.kind === 'next-hop');
  for (const nlri of u.nlri)
    out.push({ nlri, nextHop: nh?.kind === 'next-hop' ? nh.ip : '', attributes: plain });
  for (const a of u.attributes) {
    if (a.kind !== 'mp-reach') continue;
    for (const nlri of a.nlri) out.push({ nlri, nextHop: a.nextHop[0] ?? '', attributes: plain });
  }
  return out;
}

export function withdrawn(u: Update): Nlri[] {
  const out: Nlri[] = [...u.withdrawn];
  for (const a of u.attributes) if (a.kind === 'mp-unreach') out.push(...a.nlri);
  return out;
}

/** '' when `attributes` are all in `sent` (same code, same value), else what differs. */
export function missingAttributes(stated: readonly Attribute[], sent: readonly Attribute[]): string {
  for (const a of stated) {
    const code = attributeCode(a);
    const found = sent.find((s) => attributeCode(s) === code);
    // A generic attribute of a code the codec knows decodes to that code's value: compare codes only.
    if (a.kind === 'unknown' && found && found.kind !== 'unknown') continue;
    if (!found || !isDeepStrictEqual(found, a))
      return `attribute ${code}: stated ${show(a)}, sent ${show(found)}`;
  }
  return '';
}

function show(x: unknown): string {
  return JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

export function nlriText(n: Nlri): string {
  return show(n);
}

/** The next hop as sent equals the stated one (an IPv4 next hop may be sent IPv4-mapped). */
function sameNextHop(stated: string, sent: string): boolean {
  return sent === '' || sent === stated || sent === `::ffff:${stated}`;
}

export interface CompareOptions {
  /** Attribute codes the sender may leave out (LOCAL_PREF towards an eBGP peer). */
  readonly optional?: ReadonlySet<number>;
}

/**
 * Problems of `routes` against what `sent` announced: NLRI equal as sets, and each route's
 * next hop and attributes found in one of the announcements of its NLRI.
 */
export function compareAnnounced(
  routes: readonly Route[],
  sent: readonly Sent[],
  opts: CompareOptions = {},
): string[] {
  const problems: string[] = [];
  const byText = new Map<string, Sent[]>();
  for (const s of sent) {
    const k = nlriText(s.nlri);
    byText.set(k, [...(byText.get(k) ?? []), s]);
  }
  for (const r of routes) {
    const all = byText.get(nlriText(r.nlri));
    if (!all) {
      problems.push(`not announced: ${nlriText(r.nlri)}`);
      continue;
    }
    const stated = r.attributes.filter((a) => !opts.optional?.has(attributeCode(a)));
    const why = all.map((s) => {
      if (r.nextHop?.kind === 'ip' && !sameNextHop(r.nextHop.ip, s.nextHop))
        return `next hop ${r.nextHop.ip}, sent ${s.nextHop}`;
      return missingAttributes(stated, s.attributes);
    });
    if (!why.includes('')) problems.push(`${nlriText(r.nlri)}: ${why.join(' / ')}`);
  }
  const ours = new Set(routes.map((r) => nlriText(r.nlri)));
  for (const s of sent)
    if (!ours.has(nlriText(s.nlri))) problems.push(`sent but not lowered: ${nlriText(s.nlri)}`);
  return problems;
}
