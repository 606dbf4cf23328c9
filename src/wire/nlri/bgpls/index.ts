/**
 * BGP-LS NLRI (RFC 9552 §5.2, formerly RFC 7752 §3.2; RFC 9514 §6 for SRv6 SID NLRI), families
 * bgp-ls bgp-ls (AFI 16388 / SAFI 71) and bgp-ls bgp-ls-vpn (SAFI 72, a Route Distinguisher
 * first).
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |            NLRI Type          |     Total NLRI Length         |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                Route Distinguisher (SAFI 72 only)             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |  Protocol-ID  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                           Identifier (64 bits)                |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   //           Descriptor TLVs (node, link, prefix, SRv6 SID)    //
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * NLRI types 1 Node, 2 Link, 3 IPv4 Prefix, 4 IPv6 Prefix and 6 SRv6 SID are decoded; other
 * types are kept whole (as ExaBGP does, the Route Distinguisher stays inside their bytes).
 */
import type { Reader } from '../../buf/reader.js';
import { Writer } from '../../buf/writer.js';
import { AFI } from '../../iana/afi.js';
import { SAFI } from '../../iana/safi.js';
import type { JsonObject } from '../../json.js';
import type { NlriBase, NlriCodec } from '../codec.js';
import { type Family, familyKey } from '../family.js';
import { RD_BYTES, type RouteDistinguisher, rdFromBytes } from '../qualifier/rd.js';
import { DESCRIPTOR_TLV, decodeDescriptor, LS_NLRI_TYPE, type LsDescriptor } from './descriptor.js';
import { bgplsNlriJson } from './json.js';
import { hexLower, MAX_DESCRIPTOR_TLVS, nlriError, splitTlvs } from './tlv.js';

export const BGP_LS = familyKey(AFI.BGP_LS, SAFI.BGP_LS);
export const BGP_LS_VPN = familyKey(AFI.BGP_LS, SAFI.BGP_LS_VPN);

/** Protocol-ID (1) + Identifier (8). */
const FIXED_BYTES = 9;

const PARSED_TYPES: ReadonlySet<number> = new Set(Object.values(LS_NLRI_TYPE));

/** A BGP-LS NLRI of a type bgpknife decodes. */
export interface BgpLsParsedNlri extends NlriBase {
  readonly kind: 'bgp-ls';
  readonly parsed: true;
  /** 1 node, 2 link, 3 IPv4 prefix, 4 IPv6 prefix, 6 SRv6 SID. */
  readonly nlriType: number;
  /** Present in bgp-ls-vpn. */
  readonly rd?: RouteDistinguisher;
  readonly protocolId: number;
  /** The 64-bit Identifier (ExaBGP's "l3-routing-topology"). */
  readonly identifier: bigint;
  readonly descriptors: readonly LsDescriptor[];
}

/** A BGP-LS NLRI of another type: its body after the 4-octet header, kept as received. */
export interface BgpLsOpaqueNlri extends NlriBase {
  readonly kind: 'bgp-ls';
  readonly parsed: false;
  readonly nlriType: number;
  readonly raw: Buffer;
}

export type BgpLsNlri = BgpLsParsedNlri | BgpLsOpaqueNlri;

function checkMandatory(nlriType: number, descriptors: readonly LsDescriptor[]): void {
  const first = descriptors[0];
  if ((nlriType === LS_NLRI_TYPE.NODE || nlriType === LS_NLRI_TYPE.SRV6_SID) && first?.tlv !== 'local-node') {
    throw nlriError(
      'bgp-ls-missing-tlv',
      `BGP-LS NLRI type ${nlriType} must start with Local Node Descriptors`,
    );
  }
  if (nlriType === LS_NLRI_TYPE.PREFIX_V4 || nlriType === LS_NLRI_TYPE.PREFIX_V6) {
    // RFC 9552 §5.2.3: Local Node Descriptors and IP Reachability Information are mandatory.
    const has = (t: number) => descriptors.some((d) => d.type === t);
    if (!has(DESCRIPTOR_TLV.LOCAL_NODE) || !has(DESCRIPTOR_TLV.IP_REACHABILITY)) {
      throw nlriError('bgp-ls-missing-tlv', 'BGP-LS Prefix NLRI lacks Local Node or IP Reachability TLV');
    }
  }
}

function decodeBody(body: Buffer, nlriType: number, family: Family, pathId: number | undefined): BgpLsNlri {
  const key = familyKey(family.afi, family.safi);
  const base = pathId === undefined ? { family: key } : { family: key, pathId };
  if (!PARSED_TYPES.has(nlriType)) {
    return { kind: 'bgp-ls', ...base, parsed: false, nlriType, raw: Buffer.from(body) };
  }
  let pos = 0;
  let rd: RouteDistinguisher | undefined;
  if (family.safi === SAFI.BGP_LS_VPN) {
    if (body.length < RD_BYTES) throw nlriError('bgp-ls-truncated', 'BGP-LS VPN NLRI shorter than its RD');
    rd = rdFromBytes(Buffer.from(body.subarray(0, RD_BYTES)));
    pos = RD_BYTES;
  }
  if (body.length - pos < FIXED_BYTES)
    throw nlriError('bgp-ls-truncated', 'BGP-LS NLRI shorter than 9 bytes');
  // INTEROP: ExaBGP 5.0 rejects Protocol-IDs other than 1-6 and 227 with 3/10; RFC 9552 §5.2
  // has an IANA registry that grows (7 is BGP, RFC 9086), so any value is accepted here.
  const protocolId = body[pos]!;
  const identifier = body.readBigUInt64BE(pos + 1);
  const tlvs = splitTlvs(body.subarray(pos + FIXED_BYTES), MAX_DESCRIPTOR_TLVS, 'BGP-LS NLRI');
  const descriptors = tlvs.map((t) => decodeDescriptor(t, nlriType, protocolId));
  checkMandatory(nlriType, descriptors);
  const parsed = {
    kind: 'bgp-ls',
    ...base,
    parsed: true,
    nlriType,
    protocolId,
    identifier,
    descriptors,
  } as const;
  return rd ? { ...parsed, rd } : parsed;
}

/** Decode one BGP-LS NLRI (header included). Throws NotifyError 3/10. */
export function decodeBgpLsNlri(r: Reader, family: Family, pathId: number | undefined): BgpLsNlri {
  if (r.remaining < 4) throw nlriError('bgp-ls-truncated', 'BGP-LS NLRI header truncated');
  const nlriType = r.u16();
  const length = r.u16();
  if (r.remaining < length) {
    throw nlriError('bgp-ls-truncated', `BGP-LS NLRI claims ${length} bytes, ${r.remaining} left`);
  }
  return decodeBody(r.bytes(length), nlriType, family, pathId);
}

export function encodeBgpLsNlri(w: Writer, n: BgpLsNlri): void {
  w.u16(n.nlriType);
  const at = w.reserve(2);
  if (!n.parsed) w.bytes(n.raw);
  else {
    if (n.rd) w.bytes(n.rd.raw);
    w.u8(n.protocolId);
    w.u64(n.identifier);
    for (const d of n.descriptors) {
      w.u16(d.type);
      w.u16(d.raw.length);
      w.bytes(d.raw);
    }
  }
  w.patchLength(at, 2);
}

const SHORT_NAMES: Readonly<Record<number, string>> = {
  1: 'node',
  2: 'link',
  3: 'prefix_v4',
  4: 'prefix_v6',
  6: 'srv6_sid',
};

function bodyHex(n: BgpLsNlri): string {
  const w = new Writer();
  encodeBgpLsNlri(w, n);
  return hexLower(w.view().subarray(4));
}

export const bgplsNlriCodec: NlriCodec<BgpLsNlri> = {
  kind: 'bgp-ls',
  families: [BGP_LS, BGP_LS_VPN],
  decode: decodeBgpLsNlri,
  encode: encodeBgpLsNlri,
  json: (n, _opts, nextHop): JsonObject => bgplsNlriJson(n, nextHop),
  // ExaBGP's str(): "bgp-ls:<type>:0x<body hex>".
  text: (n) => `bgp-ls:${SHORT_NAMES[n.nlriType] ?? 'unknown'}:0x${bodyHex(n)}`,
  key: (n) => `${n.nlriType}:${bodyHex(n)}`,
};

export { bgplsNlriJson } from './json.js';
