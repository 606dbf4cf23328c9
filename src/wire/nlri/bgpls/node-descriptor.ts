/**
 * BGP-LS node descriptor sub-TLVs (RFC 9552 §5.2.1.4, RFC 9086 §4.1), found inside the Local
 * (256) and Remote (257) Node Descriptors TLVs.
 *
 *   +--------+-------------------+----------+
 *   |  Type  | Description       |  Length  |
 *   +--------+-------------------+----------+
 *   |  512   | Autonomous System |     4    |
 *   |  513   | BGP-LS Identifier |     4    |
 *   |  514   | OSPF Area-ID      |     4    |
 *   |  515   | IGP Router-ID     | Variable |   IS-IS 6 (+1 PSN), OSPF 4 (+4 DR)
 *   |  516   | BGP Router-ID     |     4    |   RFC 9086
 *   |  517   | Member-ASN        |     4    |   RFC 9086
 *   +--------+-------------------+----------+
 */
import { hex0x, type JsonObject } from '../../json.js';
import { formatIP, formatIPv4 } from '../prefix.js';
import { hexLower, MAX_NODE_SUB_TLVS, nlriError, splitTlvs } from './tlv.js';

export const NODE_SUB_TLV = {
  AS: 512,
  BGP_LS_ID: 513,
  OSPF_AREA: 514,
  IGP_ROUTER_ID: 515,
  BGP_ROUTER_ID: 516,
  MEMBER_ASN: 517,
} as const;

/** RFC 9552 §5.2 Protocol-IDs. */
export const PROTOCOL = {
  ISIS_L1: 1,
  ISIS_L2: 2,
  OSPFV2: 3,
  DIRECT: 4,
  STATIC: 5,
  OSPFV3: 6,
  BGP: 7,
} as const;

export type NodeDescriptor =
  | { readonly sub: 'asn'; readonly asn: number }
  | { readonly sub: 'bgp-ls-id'; readonly id: number }
  | { readonly sub: 'ospf-area'; readonly area: string }
  | {
      readonly sub: 'igp-router-id';
      /** IS-IS: the system id (and PSN) as lower-case hex; otherwise an address. */
      readonly routerId: string;
      readonly psn?: number;
      readonly designatedRouterId?: string;
    }
  | { readonly sub: 'bgp-router-id'; readonly routerId: string }
  | { readonly sub: 'member-asn'; readonly asn: number }
  | { readonly sub: 'unknown'; readonly type: number; readonly raw: Buffer };

function exactly(v: Buffer, n: number, what: string): void {
  if (v.length !== n) throw nlriError('bgp-ls-node-descriptor', `${what}: ${v.length} bytes, expected ${n}`);
}

function decodeIgpRouterId(v: Buffer, protocolId: number): NodeDescriptor {
  const bad = () =>
    nlriError('bgp-ls-node-descriptor', `IGP router-id of ${v.length} bytes for protocol ${protocolId}`);
  if (protocolId === PROTOCOL.ISIS_L1 || protocolId === PROTOCOL.ISIS_L2) {
    // RFC 9552 §5.2.1.4: a 6-octet ISO system-id, or 7 octets for a pseudonode (system-id + PSN).
    if (v.length !== 6 && v.length !== 7) throw bad();
    return v.length === 7
      ? { sub: 'igp-router-id', routerId: hexLower(v), psn: v[6]! }
      : { sub: 'igp-router-id', routerId: hexLower(v) };
  }
  // OSPF: a 4-octet router-id, or 8 octets for a pseudonode (router-id + DR interface address).
  // Other protocols are read the same way, with a 16-octet IPv6 router-id also accepted.
  const ospf = protocolId === PROTOCOL.OSPFV2 || protocolId === PROTOCOL.OSPFV3;
  if (v.length === 4) return { sub: 'igp-router-id', routerId: formatIPv4(v) };
  if (v.length === 8) {
    return { sub: 'igp-router-id', routerId: formatIPv4(v), designatedRouterId: formatIPv4(v, 4) };
  }
  if (v.length === 16 && !ospf) return { sub: 'igp-router-id', routerId: formatIP(v) };
  throw bad();
}

function decodeOne(type: number, v: Buffer, protocolId: number): NodeDescriptor {
  switch (type) {
    case NODE_SUB_TLV.AS:
      exactly(v, 4, 'autonomous-system');
      return { sub: 'asn', asn: v.readUInt32BE(0) };
    case NODE_SUB_TLV.BGP_LS_ID:
      exactly(v, 4, 'bgp-ls-identifier');
      return { sub: 'bgp-ls-id', id: v.readUInt32BE(0) };
    case NODE_SUB_TLV.OSPF_AREA:
      // INTEROP: ExaBGP also accepts a 16-octet area, printed as an IPv6 address.
      if (v.length !== 4 && v.length !== 16) exactly(v, 4, 'ospf-area-id');
      return { sub: 'ospf-area', area: formatIP(v) };
    case NODE_SUB_TLV.IGP_ROUTER_ID:
      return decodeIgpRouterId(v, protocolId);
    case NODE_SUB_TLV.BGP_ROUTER_ID:
      exactly(v, 4, 'bgp-router-id');
      return { sub: 'bgp-router-id', routerId: formatIPv4(v) };
    case NODE_SUB_TLV.MEMBER_ASN:
      exactly(v, 4, 'member-asn');
      return { sub: 'member-asn', asn: v.readUInt32BE(0) };
    default:
      return { sub: 'unknown', type, raw: Buffer.from(v) };
  }
}

/** Decode the sub-TLVs of a node descriptors TLV. Throws NotifyError (3/10). */
export function decodeNodeDescriptors(value: Buffer, protocolId: number): NodeDescriptor[] {
  return splitTlvs(value, MAX_NODE_SUB_TLVS, 'node descriptors').map((t) =>
    decodeOne(t.type, t.value, protocolId),
  );
}

/** ExaBGP's object for one node descriptor sub-TLV. */
export function nodeDescriptorJson(d: NodeDescriptor): JsonObject {
  switch (d.sub) {
    case 'asn':
      return { 'autonomous-system': d.asn };
    case 'bgp-ls-id':
      return { 'bgp-ls-identifier': String(d.id) };
    case 'ospf-area':
      return { 'ospf-area-id': d.area };
    case 'igp-router-id': {
      const out: JsonObject = { 'router-id': d.routerId };
      if (d.designatedRouterId !== undefined) out['designated-router-id'] = d.designatedRouterId;
      // ExaBGP leaves out a zero PSN.
      if (d.psn) out.psn = String(d.psn);
      return out;
    }
    // 516, 517 and unknown sub-TLVs make ExaBGP 5.0 reject the NLRI; these names are bgpknife's.
    case 'bgp-router-id':
      return { 'bgp-router-id': d.routerId };
    case 'member-asn':
      return { 'member-asn': d.asn };
    case 'unknown':
      return { [`generic-tlv-${d.type}`]: hex0x(d.raw) };
  }
}
