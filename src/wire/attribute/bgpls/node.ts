/**
 * BGP-LS node attribute TLVs (RFC 9552 §5.3.1, RFC 9085 §2.1 for segment routing):
 *
 *   1024 Node Flag Bits (1)        O T E B R V . .
 *   1025 Opaque Node Attribute     variable
 *   1026 Node Name                 variable (at most 255)
 *   1027 IS-IS Area Identifier     variable
 *   1028 IPv4 Router-ID of Local Node (4) / 1029 IPv6 Router-ID of Local Node (16)
 *   1034 SR Capabilities           Flags (1) Reserved (1) { Range Size (3) SID/Label sub-TLV 1161 }*
 *   1035 SR Algorithm              one octet per algorithm
 */
import { formatIP } from '../../nlri/prefix.js';
import {
  appendTo,
  attrError,
  type Fields,
  flagsJson,
  type LsTlvHandler,
  MAX_SUB_TLVS,
  needAtLeast,
  needExactly,
  TLV_HEADER_BYTES,
  utf8,
} from './tlv.js';

const NODE_FLAGS = ['O', 'T', 'E', 'B', 'R', 'V', 'RSV', 'RSV'];
const SR_CAPABILITY_FLAGS = ['I', 'V', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV'];
const MAX_NAME_BYTES = 255;
/** RFC 9085 §2.1.1: the SID/Label sub-TLV inside SR Capabilities. */
const SID_LABEL_SUB_TLV = 1161;
const RANGE_SIZE_BYTES = 3;
const LABEL_MASK = 0xfffff;

/** A TE router-id (1028-1031) is an IPv4 or an IPv6 address. */
export function decodeRouterId(v: Buffer, what: string): Fields<'address'> {
  if (v.length !== 4 && v.length !== 16) throw attrError(`${what}: ${v.length} bytes, expected 4 or 16`);
  return { tlv: 'address', address: formatIP(v) };
}

function decodeSrCapabilities(v: Buffer): Fields<'sr-capabilities'> {
  needAtLeast(v, 1, 'SR capabilities');
  const ranges: (readonly [number, number])[] = [];
  let pos = 2; // flags, reserved
  while (pos < v.length) {
    if (ranges.length >= MAX_SUB_TLVS) throw attrError('SR capabilities: too many ranges');
    if (v.length - pos < RANGE_SIZE_BYTES + TLV_HEADER_BYTES)
      throw attrError('SR capabilities: truncated range');
    const size = v.readUIntBE(pos, RANGE_SIZE_BYTES);
    const type = v.readUInt16BE(pos + 3);
    const length = v.readUInt16BE(pos + 5);
    pos += RANGE_SIZE_BYTES + TLV_HEADER_BYTES;
    if (type !== SID_LABEL_SUB_TLV) throw attrError(`SR capabilities: sub-TLV ${type}, expected 1161`);
    if (pos + length > v.length) throw attrError('SR capabilities: SID/Label overruns the TLV');
    // A 3-octet value is a 20-bit label, a 4-octet one a SID index; ExaBGP skips other sizes.
    if (length === 3) ranges.push([size, v.readUIntBE(pos, 3) & LABEL_MASK]);
    else if (length === 4) ranges.push([size, v.readUInt32BE(pos)]);
    pos += length;
  }
  return { tlv: 'sr-capabilities', flags: v[0]!, ranges };
}

function text(key: string, max = Number.POSITIVE_INFINITY): LsTlvHandler {
  return {
    decode(v) {
      if (v.length > max) throw attrError(`${key}: ${v.length} bytes, at most ${max}`);
      return { tlv: 'text', text: utf8(v) };
    },
    json(t, out) {
      if (t.tlv === 'text') out[key] = t.text;
    },
  };
}

const localRouterId: LsTlvHandler = {
  decode: (v) => decodeRouterId(v, 'local TE router-id'),
  // ExaBGP merges 1028 and 1029 into one list.
  json(t, out) {
    if (t.tlv === 'address') appendTo(out, 'local-te-router-ids', [t.address]);
  },
};

export const NODE_TLVS: Readonly<Record<number, LsTlvHandler>> = {
  1024: {
    decode(v) {
      needExactly(v, 1, 'node flags');
      return { tlv: 'flags', bits: v[0]! };
    },
    json(t, out) {
      if (t.tlv === 'flags') out['node-flags'] = flagsJson(t.bits, NODE_FLAGS);
    },
  },
  1025: text('opaque'),
  1026: text('node-name', MAX_NAME_BYTES),
  1027: {
    decode(v) {
      needAtLeast(v, 1, 'IS-IS area');
      return { tlv: 'area', area: BigInt(`0x${v.toString('hex')}`).toString() };
    },
    json(t, out) {
      if (t.tlv === 'area') out['area-id'] = t.area;
    },
  },
  1028: localRouterId,
  1029: localRouterId,
  1034: {
    decode: decodeSrCapabilities,
    json(t, out) {
      if (t.tlv !== 'sr-capabilities') return;
      out['sr-capability-flags'] = flagsJson(t.flags, SR_CAPABILITY_FLAGS);
      out.sids = t.ranges.map((r) => [r[0], r[1]]);
    },
  },
  1035: {
    decode: (v) => ({ tlv: 'integers', values: [...v] }),
    json(t, out) {
      // ExaBGP shows an empty list as algorithm 0 (SPF), the default.
      if (t.tlv === 'integers') out['sr-algorithms'] = t.values.length ? [...t.values] : [0];
    },
  },
};
