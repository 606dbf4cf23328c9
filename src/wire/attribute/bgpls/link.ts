/**
 * BGP-LS link attribute TLVs (RFC 9552 §5.3.2, RFC 9085 §2.2 for segment routing):
 *
 *   1030 IPv4 / 1031 IPv6 Router-ID of Remote Node (4 / 16)
 *   1088 Administrative group (4)          1089 Maximum link bandwidth (4, IEEE float)
 *   1090 Max. reservable bandwidth (4)     1091 Unreserved bandwidth (32, 8 floats)
 *   1092 TE Default Metric (4)             1093 Link Protection Type (2)
 *   1094 MPLS Protocol Mask (1)            1095 IGP Metric (1, 2 or 3)
 *   1096 Shared Risk Link Group (4*n)      1097 Opaque Link Attribute
 *   1098 Link Name (at most 255)           1099 Adjacency SID    1100 LAN Adjacency SID
 *
 * Bandwidths are bytes per second as IEEE 754 single precision; ExaBGP prints the float.
 */
import { hex0x, type JsonObject } from '../../json.js';
import { decodeRouterId } from './node.js';
import { decodeAdjacencySid } from './sid.js';
import {
  appendTo,
  attrError,
  type Fields,
  flagsJson,
  type LsAttributeTlv,
  type LsTlvHandler,
  needExactly,
  utf8,
} from './tlv.js';

const PROTECTION_FLAGS = [
  'ExtraTrafic',
  'Unprotected',
  'Shared',
  'Dedicated 1:1',
  'Dedicated 1+1',
  'Enhanced',
  'RSV',
  'RSV',
];
const MPLS_FLAGS = ['LDP', 'RSVP-TE', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV'];
export const ADJACENCY_FLAGS = ['F', 'B', 'V', 'L', 'S', 'P', 'RSV', 'RSV'];
const MAX_NAME_BYTES = 255;
const UNRESERVED_PRIORITIES = 8;

function integer(key: string, bytes: number): LsTlvHandler {
  return {
    decode(v) {
      needExactly(v, bytes, key);
      return { tlv: 'integer', value: v.readUIntBE(0, bytes) };
    },
    json(t, out) {
      if (t.tlv === 'integer') out[key] = t.value;
    },
  };
}

function floats(key: string, count: number): LsTlvHandler {
  return {
    decode(v) {
      needExactly(v, 4 * count, key);
      const values: number[] = [];
      for (let i = 0; i < count; i++) values.push(v.readFloatBE(4 * i));
      return { tlv: 'bandwidth', values };
    },
    json(t, out) {
      if (t.tlv === 'bandwidth') out[key] = count === 1 ? t.values[0]! : [...t.values];
    },
  };
}

function flags(key: string, bytes: number, names: readonly string[]): LsTlvHandler {
  return {
    decode(v) {
      needExactly(v, bytes, key);
      return { tlv: 'flags', bits: v[0]! };
    },
    json(t, out) {
      if (t.tlv === 'flags') out[key] = flagsJson(t.bits, names);
    },
  };
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

const remoteRouterId: LsTlvHandler = {
  decode: (v) => decodeRouterId(v, 'remote TE router-id'),
  // Not merged: ExaBGP writes the member once per TLV (a repeated key; the last one is kept).
  json(t, out) {
    if (t.tlv === 'address') out['remote-te-router-id'] = t.address;
  },
};

function adjacencyJson(t: Fields<'adjacency-sid'>): JsonObject {
  return {
    flags: flagsJson(t.flags, ADJACENCY_FLAGS),
    sids: [...t.sids],
    weight: t.weight,
    'undecoded-sids': t.undecoded ? [hex0x(t.undecoded)] : [],
  };
}

function lanAdjacencyJson(t: Fields<'adjacency-sid'>): JsonObject {
  return {
    flags: flagsJson(t.flags, ADJACENCY_FLAGS),
    weight: t.weight,
    'system-id': t.systemId ?? '',
    sids: [...t.sids],
    undecoded: t.undecoded ? [hex0x(t.undecoded)] : [],
  };
}

function igpMetric(v: Buffer): Fields<'integer'> {
  // 1 octet: IS-IS narrow metric; 2: OSPF; 3: IS-IS wide metric.
  if (v.length < 1 || v.length > 3) throw attrError(`IGP metric: ${v.length} bytes`);
  return { tlv: 'integer', value: v.readUIntBE(0, v.length) };
}

export const LINK_TLVS: Readonly<Record<number, LsTlvHandler>> = {
  1030: remoteRouterId,
  1031: remoteRouterId,
  1088: integer('admin-group-mask', 4),
  1089: floats('maximum-link-bandwidth', 1),
  1090: floats('maximum-reservable-link-bandwidth', 1),
  1091: floats('unreserved-bandwidth', UNRESERVED_PRIORITIES),
  1092: integer('te-metric', 4),
  1093: flags('link-protection-flags', 2, PROTECTION_FLAGS),
  1094: flags('mpls-mask', 1, MPLS_FLAGS),
  1095: {
    decode: igpMetric,
    json(t, out) {
      if (t.tlv === 'integer') out['igp-metric'] = t.value;
    },
  },
  1096: {
    decode(v) {
      if (v.length % 4 !== 0) throw attrError(`SRLG: ${v.length} bytes, not a multiple of 4`);
      const values: number[] = [];
      for (let i = 0; i < v.length; i += 4) values.push(v.readUInt32BE(i));
      return { tlv: 'integers', values };
    },
    json(t, out) {
      if (t.tlv === 'integers') out['shared-risk-link-groups'] = [...t.values];
    },
  },
  1097: text('opaque-link'),
  1098: text('link-name', MAX_NAME_BYTES),
  1099: {
    decode: (v) => decodeAdjacencySid(v, false),
    json(t: LsAttributeTlv, out) {
      if (t.tlv === 'adjacency-sid') out['sr-adj'] = adjacencyJson(t);
    },
  },
  1100: {
    decode: (v) => decodeAdjacencySid(v, true),
    json(t, out) {
      if (t.tlv === 'adjacency-sid') appendTo(out, 'sr-adj-lan-sids', [lanAdjacencyJson(t)]);
    },
  },
};
