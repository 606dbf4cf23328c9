/**
 * BGP-LS SRv6 attribute TLVs (RFC 9514):
 *
 *   1038 SRv6 Capabilities (§3.1)      Flags (2) Reserved (2)
 *   1106 SRv6 End.X SID (§4.1)         Behavior (2) Flags (1) Algorithm (1) Weight (1) Reserved (1)
 *                                      SID (16) sub-TLVs
 *   1107 IS-IS SRv6 LAN End.X (§4.2)   as 1106 with Neighbor System-ID (6) before the SID
 *   1108 OSPFv3 SRv6 LAN End.X (§4.3)  as 1106 with Neighbor Router-ID (4) before the SID
 *   1162 SRv6 Locator (§5.1)           Flags (1) Algorithm (1) Reserved (2) Metric (4) sub-TLVs
 *   1250 SRv6 Endpoint Behavior (§7.1) Behavior (2) Flags (1) Algorithm (1)
 *   1252 SRv6 SID Structure (§8)       LB length (1) LN length (1) Function (1) Argument (1)
 */

import { hex0x, type JsonObject } from '../../json.js';
import { hexLower } from '../../nlri/bgpls/tlv.js';
import { formatIPv4, formatIPv6 } from '../../nlri/prefix.js';
import {
  appendTo,
  attrError,
  type Fields,
  flagsJson,
  type LsSubTlv,
  type LsTlvHandler,
  MAX_SUB_TLVS,
  needAtLeast,
  type SidStructure,
  TLV_HEADER_BYTES,
} from './tlv.js';

const END_X_FLAGS = ['B', 'S', 'P', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV'];
const LOCATOR_FLAGS = ['D', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV'];
const SID_STRUCTURE_TLV = 1252;
const SID_BYTES = 16;
/** Where the SID starts in 1106, 1107 and 1108. */
const END_X_SID_AT: Readonly<Record<number, number>> = { 1106: 6, 1107: 12, 1108: 10 };

function decodeStructure(v: Buffer): SidStructure {
  needAtLeast(v, 4, 'SRv6 SID structure');
  return { blockLength: v[0]!, nodeLength: v[1]!, functionLength: v[2]!, argumentLength: v[3]! };
}

function structureJson(s: SidStructure): JsonObject {
  return {
    loc_block_len: s.blockLength,
    loc_node_len: s.nodeLength,
    func_len: s.functionLength,
    arg_len: s.argumentLength,
  };
}

function decodeSubTlvs(v: Buffer): LsSubTlv[] {
  const out: LsSubTlv[] = [];
  let pos = 0;
  while (pos < v.length) {
    if (out.length >= MAX_SUB_TLVS) throw attrError('SRv6 End.X: too many sub-TLVs');
    if (v.length - pos < TLV_HEADER_BYTES) throw attrError('SRv6 End.X: truncated sub-TLV header');
    const type = v.readUInt16BE(pos);
    const length = v.readUInt16BE(pos + 2);
    pos += TLV_HEADER_BYTES;
    if (pos + length > v.length) throw attrError(`SRv6 End.X: sub-TLV ${type} overruns the TLV`);
    const raw = Buffer.from(v.subarray(pos, pos + length));
    out.push(type === SID_STRUCTURE_TLV ? { type, raw, structure: decodeStructure(raw) } : { type, raw });
    pos += length;
  }
  return out;
}

function decodeEndX(v: Buffer, code: number): Fields<'srv6-end-x'> {
  const sidAt = END_X_SID_AT[code]!;
  needAtLeast(v, sidAt + SID_BYTES, `SRv6 End.X TLV ${code}`);
  const fields = {
    tlv: 'srv6-end-x',
    behavior: v.readUInt16BE(0),
    flags: v[2]!,
    algorithm: v[3]!,
    weight: v[4]!,
    sid: formatIPv6(v, sidAt),
    subTlvs: decodeSubTlvs(v.subarray(sidAt + SID_BYTES)),
  } as const;
  // INTEROP: ExaBGP 5.0 reads the OSPFv3 (1108) SID from offset 6, over the neighbor
  // router-id; RFC 9514 §4.3 puts it after the router-id, which is what is read here.
  if (code === 1107) return { ...fields, neighborId: hexLower(v.subarray(6, 12)) };
  if (code === 1108) return { ...fields, neighborId: formatIPv4(v, 6) };
  return fields;
}

function endXJson(t: Fields<'srv6-end-x'>, unknownKey: (type: number) => string): JsonObject {
  const out: JsonObject = { flags: flagsJson(t.flags, END_X_FLAGS) };
  if (t.neighborId !== undefined) out['neighbor-id'] = t.neighborId;
  out.behavior = t.behavior;
  out.algorithm = t.algorithm;
  out.weight = t.weight;
  out.sid = t.sid;
  for (const s of t.subTlvs) {
    if (s.structure) out['srv6-sid-structure'] = structureJson(s.structure);
    else out[unknownKey(s.type)] = hex0x(s.raw);
  }
  return out;
}

function endX(code: number, key: string, unknownKey: (type: number) => string): LsTlvHandler {
  return {
    decode: (v) => decodeEndX(v, code),
    // ExaBGP merges every TLV of one code into one list.
    json(t, out) {
      if (t.tlv === 'srv6-end-x') appendTo(out, key, [endXJson(t, unknownKey)]);
    },
  };
}

export const SRV6_TLVS: Readonly<Record<number, LsTlvHandler>> = {
  1038: {
    decode(v) {
      needAtLeast(v, 2, 'SRv6 capabilities');
      return { tlv: 'srv6-capabilities', flags: v.readUInt16BE(0) };
    },
    // INTEROP: ExaBGP 5.0 shows the O flag as the masked value (0 or 64) of bit 0x0040.
    json(t, out) {
      if (t.tlv === 'srv6-capabilities') out['srv6-capabilities'] = { flags: { O: t.flags & 0x40 } };
    },
  },
  1106: endX(1106, 'srv6-endx', (type) => `subtlv-not-implemented-${type}`),
  1107: endX(1107, 'srv6-lan-endx-isis', (type) => `${type}-undecoded`),
  1108: endX(1108, 'srv6-lan-endx-ospf', (type) => `${type}-undecoded`),
  1162: {
    decode(v) {
      needAtLeast(v, 8, 'SRv6 locator');
      return { tlv: 'srv6-locator', flags: v[0]!, algorithm: v[1]!, metric: v.readUInt32BE(4) };
    },
    json(t, out) {
      if (t.tlv !== 'srv6-locator') return;
      out['srv6-locator'] = {
        flags: flagsJson(t.flags, LOCATOR_FLAGS),
        algorithm: t.algorithm,
        metric: t.metric,
      };
    },
  },
  1250: {
    decode(v) {
      needAtLeast(v, 4, 'SRv6 endpoint behavior');
      return { tlv: 'srv6-endpoint-behavior', behavior: v.readUInt16BE(0), flags: v[2]!, algorithm: v[3]! };
    },
    json(t, out) {
      if (t.tlv !== 'srv6-endpoint-behavior') return;
      // ExaBGP defines no flags here and always prints an empty list.
      out['srv6-endpoint-behavior'] = { 'endpoint-behavior': t.behavior, flags: [], algorithm: t.algorithm };
    },
  },
  1252: {
    decode: (v) => ({ tlv: 'srv6-sid-structure', structure: decodeStructure(v) }),
    json(t, out) {
      if (t.tlv === 'srv6-sid-structure') out['srv6-sid-structure'] = structureJson(t.structure);
    },
  },
};
