/**
 * BGP-LS descriptor TLVs of the Link, Prefix and SRv6 SID NLRI (RFC 9552 §5.2.2, §5.2.3;
 * RFC 9514 §6). Each keeps its type and value bytes, so it re-encodes exactly, beside the
 * decoded fields.
 *
 *   +------+--------------------------------+----------+
 *   | Type | Description                    | Length   |
 *   +------+--------------------------------+----------+
 *   | 256  | Local Node Descriptors         | variable |
 *   | 257  | Remote Node Descriptors        | variable |
 *   | 258  | Link Local/Remote Identifiers  | 8        |
 *   | 259  | IPv4 interface address         | 4        |
 *   | 260  | IPv4 neighbor address          | 4        |
 *   | 261  | IPv6 interface address         | 16       |
 *   | 262  | IPv6 neighbor address          | 16       |
 *   | 263  | Multi-Topology Identifier      | 2*n      |
 *   | 264  | OSPF Route Type                | 1        |
 *   | 265  | IP Reachability Information    | variable |  prefix length (1) + prefix
 *   | 518  | SRv6 SID Information           | 16       |
 *   +------+--------------------------------+----------+
 */
import { formatIP, formatIPv4, formatIPv6 } from '../prefix.js';
import { decodeNodeDescriptors, type NodeDescriptor } from './node-descriptor.js';
import { nlriError, type RawTlv } from './tlv.js';

export const DESCRIPTOR_TLV = {
  LOCAL_NODE: 256,
  REMOTE_NODE: 257,
  LINK_ID: 258,
  IPV4_INTERFACE: 259,
  IPV4_NEIGHBOR: 260,
  IPV6_INTERFACE: 261,
  IPV6_NEIGHBOR: 262,
  MULTI_TOPOLOGY: 263,
  OSPF_ROUTE_TYPE: 264,
  IP_REACHABILITY: 265,
  SRV6_SID: 518,
} as const;

/** RFC 9552 §5.2 NLRI types (and RFC 9514 §6 for SRv6 SID). */
export const LS_NLRI_TYPE = { NODE: 1, LINK: 2, PREFIX_V4: 3, PREFIX_V6: 4, SRV6_SID: 6 } as const;

/** The low 12 bits of a Multi-Topology ID field; the top four are reserved. */
const MT_ID_MASK = 0x0fff;

interface DescriptorBase {
  readonly type: number;
  /** The TLV value as received (a copy): what is written back. */
  readonly raw: Buffer;
}

/** The decoded part of a descriptor TLV, tagged by `tlv`. */
export type LsDescriptorFields =
  | { readonly tlv: 'local-node' | 'remote-node'; readonly nodes: readonly NodeDescriptor[] }
  | { readonly tlv: 'link-id'; readonly localId: number; readonly remoteId: number }
  | { readonly tlv: 'interface-address' | 'neighbor-address'; readonly address: string }
  | { readonly tlv: 'multi-topology'; readonly ids: readonly number[] }
  | { readonly tlv: 'ospf-route-type'; readonly routeType: number }
  | { readonly tlv: 'ip-reachability'; readonly prefix: string; readonly length: number }
  | { readonly tlv: 'srv6-sid'; readonly sid: string }
  | { readonly tlv: 'unknown' };

export type LsDescriptor = DescriptorBase & LsDescriptorFields;

/** Which descriptor TLVs each NLRI type defines; others are kept as 'unknown'. */
const ALLOWED: Readonly<Record<number, ReadonlySet<number>>> = {
  [LS_NLRI_TYPE.NODE]: new Set([256]),
  [LS_NLRI_TYPE.LINK]: new Set([256, 257, 258, 259, 260, 261, 262, 263]),
  [LS_NLRI_TYPE.PREFIX_V4]: new Set([256, 263, 264, 265]),
  [LS_NLRI_TYPE.PREFIX_V6]: new Set([256, 263, 264, 265]),
  [LS_NLRI_TYPE.SRV6_SID]: new Set([256, 263, 518]),
};

function sized(v: Buffer, n: number, what: string): void {
  if (v.length !== n) throw nlriError('bgp-ls-descriptor', `${what}: ${v.length} bytes, expected ${n}`);
}

function decodeMultiTopology(v: Buffer): number[] {
  if (v.length === 0 || v.length % 2 !== 0) {
    throw nlriError('bgp-ls-descriptor', `multi-topology: ${v.length} bytes, expected 2*n`);
  }
  const ids: number[] = [];
  for (let i = 0; i < v.length; i += 2) ids.push(v.readUInt16BE(i) & MT_ID_MASK);
  return ids;
}

function decodeReachability(v: Buffer, ipv6: boolean): { prefix: string; length: number } {
  const maxBytes = ipv6 ? 16 : 4;
  if (v.length === 0) throw nlriError('bgp-ls-descriptor', 'IP reachability: no prefix length');
  const length = v[0]!;
  const n = v.length - 1;
  if (length > maxBytes * 8 || n > maxBytes) {
    throw nlriError('bgp-ls-descriptor', `IP reachability: /${length} in ${n} bytes`);
  }
  const prefix = ipv6 ? formatIPv6(v, 1, n) : formatIPv4(v, 1, n);
  return { prefix, length };
}

type DecodedFields = Exclude<LsDescriptorFields, { tlv: 'unknown' }>;

function decodeKnown(t: RawTlv, nlriType: number, protocolId: number): DecodedFields {
  const v = t.value;
  switch (t.type) {
    case DESCRIPTOR_TLV.LOCAL_NODE:
    case DESCRIPTOR_TLV.REMOTE_NODE: {
      const tlv = t.type === DESCRIPTOR_TLV.LOCAL_NODE ? 'local-node' : 'remote-node';
      return { tlv, nodes: decodeNodeDescriptors(v, protocolId) };
    }
    case DESCRIPTOR_TLV.LINK_ID:
      sized(v, 8, 'link identifiers');
      return { tlv: 'link-id', localId: v.readUInt32BE(0), remoteId: v.readUInt32BE(4) };
    case DESCRIPTOR_TLV.IPV4_INTERFACE:
    case DESCRIPTOR_TLV.IPV4_NEIGHBOR:
    case DESCRIPTOR_TLV.IPV6_INTERFACE:
    case DESCRIPTOR_TLV.IPV6_NEIGHBOR: {
      const v6 = t.type >= DESCRIPTOR_TLV.IPV6_INTERFACE;
      sized(v, v6 ? 16 : 4, `address TLV ${t.type}`);
      const tlv = t.type % 2 === 1 ? 'interface-address' : 'neighbor-address';
      return { tlv, address: formatIP(v) };
    }
    case DESCRIPTOR_TLV.MULTI_TOPOLOGY:
      return { tlv: 'multi-topology', ids: decodeMultiTopology(v) };
    case DESCRIPTOR_TLV.OSPF_ROUTE_TYPE:
      sized(v, 1, 'OSPF route type');
      return { tlv: 'ospf-route-type', routeType: v[0]! };
    case DESCRIPTOR_TLV.IP_REACHABILITY:
      return { tlv: 'ip-reachability', ...decodeReachability(v, nlriType === LS_NLRI_TYPE.PREFIX_V6) };
    default:
      sized(v, 16, 'SRv6 SID information');
      return { tlv: 'srv6-sid', sid: formatIPv6(v) };
  }
}

/** Decode one descriptor TLV of an NLRI of type `nlriType`. Throws NotifyError (3/10). */
export function decodeDescriptor(t: RawTlv, nlriType: number, protocolId: number): LsDescriptor {
  const base = { type: t.type, raw: Buffer.from(t.value) };
  if (!ALLOWED[nlriType]?.has(t.type)) return { ...base, tlv: 'unknown' };
  return { ...base, ...decodeKnown(t, nlriType, protocolId) };
}
