/**
 * The BGP-LS attribute (path attribute 29, RFC 9552 §5.3, formerly RFC 7752 §3.3): optional,
 * non-transitive, a sequence of node, link and prefix attribute TLVs.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |              Type             |             Length            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   //                      Value (variable)                       //    ... repeated
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 9552 §8.2.2 has a malformed BGP-LS Attribute handled with RFC 7606's "attribute discard"
 * approach (the routes stay, the attribute goes) — hence onError. TLVs ExaBGP 5.0 does not
 * decode are kept whole and shown as "generic-lsid-<type>": ["0x..."], merged per type, as
 * ExaBGP does.
 *
 * JSON note: ExaBGP writes some members once per TLV (a repeated "sr-adj" or
 * "remote-te-router-id"), which a JSON parser reduces to the last; this object keeps the same
 * result: the first position, the last value.
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { hex0x, type JsonObject } from '../../json.js';
import { ATTR_FLAG, type AttributeCodec } from '../codec.js';
import { LINK_TLVS } from './link.js';
import { NODE_TLVS } from './node.js';
import { PREFIX_TLVS } from './prefix.js';
import { SRV6_TLVS } from './srv6.js';
import {
  appendTo,
  attrError,
  type LsAttributeTlv,
  type LsTlvHandler,
  MAX_ATTRIBUTE_TLVS,
  TLV_HEADER_BYTES,
} from './tlv.js';

export type { LsAttributeFields, LsAttributeTlv, LsSubTlv, SidStructure } from './tlv.js';

export const BGP_LS_ATTRIBUTE_CODE = 29;

export interface BgpLsAttribute {
  readonly kind: 'bgp-ls';
  readonly tlvs: readonly LsAttributeTlv[];
}

const HANDLERS: ReadonlyMap<number, LsTlvHandler> = (() => {
  const m = new Map<number, LsTlvHandler>();
  for (const table of [NODE_TLVS, LINK_TLVS, PREFIX_TLVS, SRV6_TLVS]) {
    for (const [code, h] of Object.entries(table)) {
      if (m.has(Number(code))) throw new Error(`duplicate BGP-LS attribute TLV ${code}`);
      m.set(Number(code), h);
    }
  }
  return m;
})();

function decodeTlv(type: number, value: Buffer): LsAttributeTlv {
  const raw = Buffer.from(value);
  const h = HANDLERS.get(type);
  return h ? { type, raw, ...h.decode(raw) } : { type, raw, tlv: 'unknown' };
}

/** Decode the attribute value. Throws NotifyError (3/9), which the caller turns into a discard. */
export function decodeBgpLsAttribute(data: Buffer): BgpLsAttribute {
  const tlvs: LsAttributeTlv[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (tlvs.length >= MAX_ATTRIBUTE_TLVS) throw attrError(`more than ${MAX_ATTRIBUTE_TLVS} TLVs`);
    if (data.length - pos < TLV_HEADER_BYTES) throw attrError('truncated TLV header');
    const type = data.readUInt16BE(pos);
    const length = data.readUInt16BE(pos + 2);
    pos += TLV_HEADER_BYTES;
    if (pos + length > data.length) {
      throw attrError(`TLV ${type} claims ${length} bytes, ${data.length - pos} left`);
    }
    tlvs.push(decodeTlv(type, data.subarray(pos, pos + length)));
    pos += length;
  }
  return { kind: 'bgp-ls', tlvs };
}

export function encodeBgpLsAttribute(w: Writer, a: BgpLsAttribute): void {
  for (const t of a.tlvs) {
    w.u16(t.type);
    w.u16(t.raw.length);
    w.bytes(t.raw);
  }
}

/** ExaBGP's "bgp-ls" object. */
export function bgplsAttributeJson(a: BgpLsAttribute): JsonObject {
  const out: JsonObject = {};
  for (const t of a.tlvs) {
    const h = HANDLERS.get(t.type);
    if (h) h.json(t, out);
    else appendTo(out, `generic-lsid-${t.type}`, [hex0x(t.raw)]);
  }
  return out;
}

export const bgplsAttributeCodec: AttributeCodec<BgpLsAttribute> = {
  code: BGP_LS_ATTRIBUTE_CODE,
  kind: 'bgp-ls',
  name: 'bgp-ls',
  flags: ATTR_FLAG.OPTIONAL,
  onError: 'attribute-discard',
  decode: (r: Reader) => decodeBgpLsAttribute(r.rest()),
  encode: encodeBgpLsAttribute,
  json(value, out) {
    out['bgp-ls'] = bgplsAttributeJson(value);
  },
};
