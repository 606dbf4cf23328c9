/**
 * ExaBGP 5.0's JSON for BGP-LS NLRI (its nlri/bgpls/*.py json()): one object per NLRI type,
 * with the same keys in the same order, the same repeated-TLV behaviour (the last Link ID wins,
 * the first MT-ID of each TLV is shown) and the same "nexthop" member on Node and Prefix NLRI.
 */
import { hex0x, hexUpper, type JsonObject, type JsonValue } from '../../json.js';
import { LS_NLRI_TYPE, type LsDescriptor } from './descriptor.js';
import type { BgpLsNlri, BgpLsParsedNlri } from './index.js';
import { nodeDescriptorJson } from './node-descriptor.js';
import { u64Json } from './tlv.js';

const TYPE_NAMES: Readonly<Record<number, string>> = {
  [LS_NLRI_TYPE.NODE]: 'bgpls-node',
  [LS_NLRI_TYPE.LINK]: 'bgpls-link',
  [LS_NLRI_TYPE.PREFIX_V4]: 'bgpls-prefix-v4',
  [LS_NLRI_TYPE.PREFIX_V6]: 'bgpls-prefix-v6',
  [LS_NLRI_TYPE.SRV6_SID]: 'bgpls-srv6sid',
};

type Of<T extends LsDescriptor['tlv']> = Extract<LsDescriptor, { tlv: T }>;

function nodesOf(d: Of<'local-node' | 'remote-node'> | undefined): JsonValue[] {
  return d ? d.nodes.map(nodeDescriptorJson) : [];
}

function head(n: BgpLsParsedNlri): JsonObject {
  return {
    'ls-nlri-type': TYPE_NAMES[n.nlriType] ?? 'unknown',
    'l3-routing-topology': u64Json(n.identifier),
    'protocol-id': n.protocolId,
  };
}

function linkJson(n: BgpLsParsedNlri, out: JsonObject): void {
  let local: Of<'local-node' | 'remote-node'> | undefined;
  let remote: Of<'local-node' | 'remote-node'> | undefined;
  let linkId: Of<'link-id'> | undefined;
  const interfaces: JsonValue[] = [];
  const neighbors: JsonValue[] = [];
  const topologies: JsonValue[] = [];
  for (const d of n.descriptors) {
    if (d.tlv === 'local-node') local = d;
    else if (d.tlv === 'remote-node') remote = d;
    else if (d.tlv === 'link-id') linkId = d;
    else if (d.tlv === 'interface-address') interfaces.push(d.address);
    else if (d.tlv === 'neighbor-address') neighbors.push(d.address);
    // INTEROP: ExaBGP 5.0 shows only the first MT-ID of each TLV.
    else if (d.tlv === 'multi-topology') topologies.push(d.ids[0]!);
  }
  out['local-node-descriptors'] = nodesOf(local);
  out['remote-node-descriptors'] = nodesOf(remote);
  out['interface-addresses'] = interfaces;
  out['neighbor-addresses'] = neighbors;
  out['multi-topology-ids'] = topologies;
  out['link-identifiers'] = linkId
    ? [{ 'link-local-id': linkId.localId, 'link-remote-id': linkId.remoteId }]
    : [];
}

function prefixJson(n: BgpLsParsedNlri, out: JsonObject, nexthop: string): void {
  const nodes: JsonValue[] = [];
  let reach: Of<'ip-reachability'> | undefined;
  let route: Of<'ospf-route-type'> | undefined;
  for (const d of n.descriptors) {
    // ExaBGP appends the descriptors of every Local Node TLV of a Prefix NLRI.
    if (d.tlv === 'local-node') nodes.push(...nodesOf(d));
    else if (d.tlv === 'ip-reachability') reach = d;
    else if (d.tlv === 'ospf-route-type') route = d;
  }
  out['node-descriptors'] = nodes;
  if (reach) {
    out['ip-reachability-tlv'] = reach.prefix;
    out['ip-reach-prefix'] = `${reach.prefix}/${reach.length}`;
  }
  out.nexthop = nexthop;
  if (route) out['ospf-route-type'] = route.routeType;
}

function srv6SidJson(n: BgpLsParsedNlri, out: JsonObject): void {
  const first = n.descriptors[0];
  out['node-descriptors'] = first?.tlv === 'local-node' ? nodesOf(first) : [];
  const sid: JsonObject = { 'multi-topology-ids': [] };
  for (const d of n.descriptors.slice(1)) {
    // ExaBGP prints each MT-ID as a string here.
    if (d.tlv === 'multi-topology') (sid['multi-topology-ids'] as JsonValue[]).push(String(d.ids[0]));
    else if (d.tlv === 'srv6-sid') sid['srv6-sid'] = d.sid;
    else {
      const key = `generic-tlv-${d.type}`;
      const list = (sid[key] as JsonValue[] | undefined) ?? [];
      list.push(hex0x(d.raw));
      sid[key] = list;
    }
  }
  out['srv6-sid-descriptors'] = sid;
}

function nodeJson(n: BgpLsParsedNlri, out: JsonObject, nexthop: string): void {
  const first = n.descriptors[0];
  out['node-descriptors'] = first?.tlv === 'local-node' ? nodesOf(first) : [];
  out.nexthop = nexthop;
}

/**
 * ExaBGP's JSON for one BGP-LS NLRI. Node and Prefix NLRI carry the next hop of the MP_REACH
 * they came in; without one (a withdrawal, or a bare NLRI) ExaBGP prints the string "None".
 */
export function bgplsNlriJson(n: BgpLsNlri, nexthop = 'None'): JsonObject {
  if (!n.parsed) {
    const header = Buffer.alloc(4);
    header.writeUInt16BE(n.nlriType, 0);
    header.writeUInt16BE(n.raw.length, 2);
    return { code: n.nlriType, parsed: false, raw: hexUpper(Buffer.concat([header, n.raw])) };
  }
  const out = head(n);
  if (n.nlriType === LS_NLRI_TYPE.NODE) nodeJson(n, out, nexthop);
  else if (n.nlriType === LS_NLRI_TYPE.LINK) linkJson(n, out);
  else if (n.nlriType === LS_NLRI_TYPE.SRV6_SID) {
    srv6SidJson(n, out);
    return out; // ExaBGP prints no route distinguisher for this type.
  } else prefixJson(n, out, nexthop);
  if (n.rd) out.rd = n.rd.text;
  return out;
}
