/**
 * IPv6 Address Specific Extended Community (type 25), RFC 5701 §2: optional transitive, a list
 * of 20-octet communities whose global administrator is an IPv6 address.
 *
 *   +--------+---------+-------------------------------+----------------+-----
 *   |  Type  | Subtype | Global Administrator (16)     | Local Admin (2)| ...
 *   +--------+---------+-------------------------------+----------------+-----
 *
 * RFC 7606 §7.15: a length that is not a non-zero multiple of 20 -> treat-as-withdraw.
 * ExaBGP names two of them: redirect-to-IPv6-next-hop (0x000c, draft-ietf-idr-flowspec-redirect-ip)
 * and the FlowSpec IPv6 redirect to VRF (0x800b, RFC 8956 era draft), which it prints as hex.
 * Its JSON key is "extended-community-ipv6".
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import { hexUpper, type JsonObject } from '../json.js';
import { formatIPv6 } from '../nlri/prefix.js';
import { bracketed, checkNotEmpty, expectMultiple } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';
import { nextHopIetfString } from './ext-community/flowspec.js';
import { sortedByRaw } from './extended-community.js';

export type Ipv6ExtCommunity =
  | {
      readonly kind: 'redirect-to-nexthop-ietf';
      readonly ip: string;
      readonly copy: boolean;
      readonly raw: Buffer;
    }
  | { readonly kind: 'redirect-ipv6'; readonly ip: string; readonly local: number; readonly raw: Buffer }
  | { readonly kind: 'unknown'; readonly raw: Buffer };

export interface Ipv6ExtendedCommunityAttribute {
  readonly kind: 'extended-community-ipv6';
  readonly communities: readonly Ipv6ExtCommunity[];
}

export const IPV6_EXT_COMMUNITY_BYTES = 20;

/** Decode one 20-byte community (kept: pass a copy). Matched as ExaBGP does, on the type's low nibble. */
export function decodeIpv6ExtCommunity(raw: Buffer): Ipv6ExtCommunity {
  const low = raw[0]! & 0x0f;
  if (low === 0 && raw[1] === 0x0c) {
    return { kind: 'redirect-to-nexthop-ietf', ip: formatIPv6(raw, 2), copy: (raw[19]! & 1) !== 0, raw };
  }
  if (low === 0 && raw[1] === 0x0b) {
    return { kind: 'redirect-ipv6', ip: formatIPv6(raw, 2), local: raw.readUInt16BE(18), raw };
  }
  return { kind: 'unknown', raw };
}

function bigValue(raw: Buffer): bigint {
  return BigInt(`0x${raw.toString('hex')}`);
}

export function ipv6ExtCommunityText(c: Ipv6ExtCommunity): string {
  return c.kind === 'redirect-to-nexthop-ietf' ? nextHopIetfString(c.ip, c.copy) : `0x${hexUpper(c.raw)}`;
}

function entryJson(c: Ipv6ExtCommunity): JsonObject {
  const string = c.kind === 'unknown' ? '' : ipv6ExtCommunityText(c);
  return { value: bigValue(c.raw), string };
}

export const ipv6ExtendedCommunityCodec: AttributeCodec<Ipv6ExtendedCommunityAttribute> = {
  code: 25,
  kind: 'extended-community-ipv6',
  name: 'extended-community-ipv6',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): Ipv6ExtendedCommunityAttribute {
    const n = expectMultiple(r, 'IPv6 EXTENDED_COMMUNITIES', IPV6_EXT_COMMUNITY_BYTES);
    const communities: Ipv6ExtCommunity[] = new Array(n);
    for (let i = 0; i < n; i++) {
      communities[i] = decodeIpv6ExtCommunity(Buffer.from(r.bytes(IPV6_EXT_COMMUNITY_BYTES)));
    }
    return { kind: 'extended-community-ipv6', communities };
  },
  encode(w: Writer, v: Ipv6ExtendedCommunityAttribute): void {
    checkNotEmpty('IPv6 EXTENDED_COMMUNITIES', v.communities);
    for (const c of v.communities) {
      if (c.raw.length !== IPV6_EXT_COMMUNITY_BYTES) {
        throw new EncodeError('extended-community', `IPv6 extended community of ${c.raw.length} bytes`);
      }
      w.bytes(c.raw);
    }
  },
  json(v, out): void {
    out['extended-community-ipv6'] = sortedByRaw(v.communities).map(entryJson);
  },
  text(v): string {
    return `extended-community-ipv6 ${bracketed(sortedByRaw(v.communities).map(ipv6ExtCommunityText))}`;
  },
};
