/**
 * BGP-LS prefix attribute TLVs (RFC 9552 §5.3.3, RFC 9085 §2.3 for segment routing):
 *
 *   1152 IGP Flags (1)                  D N L P . . . .
 *   1153 IGP Route Tag (4*n)            1154 IGP Extended Route Tag (8*n)
 *   1155 Prefix Metric (4)              1156 OSPF Forwarding Address (4 / 16)
 *   1157 Opaque Prefix Attribute        1158 Prefix SID: Flags Algorithm Reserved(2) SID/Label
 *   1170 Prefix Attribute Flags (IS-IS: X R N)
 *   1171 Source Router Identifier (4 / 16)
 */

import { hex0x } from '../../json.js';
import { formatIP } from '../../nlri/prefix.js';
import { decodePrefixSid } from './sid.js';
import { attrError, flagsJson, type LsTlvHandler, needAtLeast, needExactly, utf8 } from './tlv.js';

const IGP_FLAGS = ['D', 'N', 'L', 'P', 'RSV', 'RSV', 'RSV', 'RSV'];
const PREFIX_SID_FLAGS = ['R', 'N', 'P', 'E', 'V', 'L', 'RSV', 'RSV'];
const PREFIX_ATTRIBUTE_FLAGS = ['X', 'R', 'N', 'RSV', 'RSV', 'RSV', 'RSV', 'RSV'];

function address(key: string): LsTlvHandler {
  return {
    decode(v) {
      if (v.length !== 4 && v.length !== 16) throw attrError(`${key}: ${v.length} bytes, expected 4 or 16`);
      return { tlv: 'address', address: formatIP(v) };
    },
    json(t, out) {
      if (t.tlv === 'address') out[key] = t.address;
    },
  };
}

export const PREFIX_TLVS: Readonly<Record<number, LsTlvHandler>> = {
  1152: {
    decode(v) {
      needExactly(v, 1, 'IGP flags');
      return { tlv: 'flags', bits: v[0]! };
    },
    json(t, out) {
      if (t.tlv === 'flags') out['igp-flags'] = flagsJson(t.bits, IGP_FLAGS);
    },
  },
  1153: {
    decode(v) {
      if (v.length % 4 !== 0) throw attrError(`route tags: ${v.length} bytes, not a multiple of 4`);
      const values: number[] = [];
      for (let i = 0; i < v.length; i += 4) values.push(v.readUInt32BE(i));
      return { tlv: 'integers', values };
    },
    json(t, out) {
      if (t.tlv === 'integers') out['igp-route-tags'] = [...t.values];
    },
  },
  1154: {
    decode(v) {
      if (v.length % 8 !== 0) throw attrError(`extended route tags: ${v.length} bytes, not a multiple of 8`);
      const values: bigint[] = [];
      for (let i = 0; i < v.length; i += 8) values.push(v.readBigUInt64BE(i));
      return { tlv: 'extended-tags', values };
    },
    json(t, out) {
      if (t.tlv === 'extended-tags') out['igp-extended-route-tags'] = [...t.values];
    },
  },
  1155: {
    decode(v) {
      needExactly(v, 4, 'prefix metric');
      return { tlv: 'integer', value: v.readUInt32BE(0) };
    },
    json(t, out) {
      if (t.tlv === 'integer') out['prefix-metric'] = t.value;
    },
  },
  1156: address('ospf-forwarding-address'),
  1157: {
    decode: (v) => ({ tlv: 'text', text: utf8(v) }),
    json(t, out) {
      if (t.tlv === 'text') out['opaque-prefix'] = t.text;
    },
  },
  1158: {
    decode: decodePrefixSid,
    json(t, out) {
      if (t.tlv !== 'prefix-sid') return;
      out['sr-prefix-flags'] = flagsJson(t.flags, PREFIX_SID_FLAGS);
      out.sids = [...t.sids];
      out['undecoded-sids'] = t.undecoded ? [hex0x(t.undecoded)] : [];
      out['sr-algorithm'] = t.algorithm;
    },
  },
  1170: {
    decode(v) {
      needAtLeast(v, 1, 'prefix attribute flags');
      return { tlv: 'flags', bits: v[0]! };
    },
    json(t, out) {
      if (t.tlv === 'flags') out['sr-prefix-attribute-flags'] = flagsJson(t.bits, PREFIX_ATTRIBUTE_FLAGS);
    },
  },
  1171: address('sr-source-router-id'),
};
