/**
 * EXTENDED COMMUNITIES (type 16), RFC 4360 §2: optional transitive, a list of 8-octet
 * communities; each is decoded by the sub-registry in ext-community/.
 *
 *   +--------+---------+----------------------------------------------+-----
 *   |  Type  | Subtype |  Value (6 octets)                            | ...
 *   +--------+---------+----------------------------------------------+-----
 *
 * RFC 7606 §7.14: a length that is not a non-zero multiple of 8 -> treat-as-withdraw.
 * Values keep wire order; JSON and text are sorted by their bytes, as ExaBGP sorts them.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import { bracketed, checkNotEmpty, expectMultiple } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';
import { decodeExtCommunity, extCommunityJson, extCommunityText } from './ext-community/registry.js';
import { EXT_COMMUNITY_BYTES, type ExtCommunity } from './ext-community/types.js';

export interface ExtendedCommunityAttribute {
  readonly kind: 'extended-community';
  readonly communities: readonly ExtCommunity[];
}

/** Entries with a `raw` field, sorted by those bytes (ExaBGP's order). */
export function sortedByRaw<T extends { readonly raw: Buffer }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Buffer.compare(a.raw, b.raw));
}

export const extendedCommunityCodec: AttributeCodec<ExtendedCommunityAttribute> = {
  code: 16,
  kind: 'extended-community',
  name: 'extended-community',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): ExtendedCommunityAttribute {
    const n = expectMultiple(r, 'EXTENDED_COMMUNITIES', EXT_COMMUNITY_BYTES);
    const communities: ExtCommunity[] = new Array(n);
    for (let i = 0; i < n; i++)
      communities[i] = decodeExtCommunity(Buffer.from(r.bytes(EXT_COMMUNITY_BYTES)));
    return { kind: 'extended-community', communities };
  },
  encode(w: Writer, v: ExtendedCommunityAttribute): void {
    checkNotEmpty('EXTENDED_COMMUNITIES', v.communities);
    for (const c of v.communities) {
      if (c.raw.length !== EXT_COMMUNITY_BYTES) {
        throw new EncodeError('extended-community', `extended community of ${c.raw.length} bytes`);
      }
      w.bytes(c.raw);
    }
  },
  json(v, out): void {
    out['extended-community'] = sortedByRaw(v.communities).map(extCommunityJson);
  },
  text(v): string {
    return `extended-community ${bracketed(sortedByRaw(v.communities).map(extCommunityText))}`;
  },
};
