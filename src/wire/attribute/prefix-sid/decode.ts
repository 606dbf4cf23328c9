/**
 * Decoding and encoding of the BGP Prefix-SID TLVs (RFC 8669 §3, RFC 9252 §2-3). Every level
 * is the same TLV shape, read iteratively (never recursively) and bounded by MAX_TLVS:
 *
 *   +--------+----------------+---------------------+
 *   | Type 1 | Length 2       | Value (Length)      |
 *   +--------+----------------+---------------------+
 *
 *   Label-Index (1):      Reserved(1) Flags(2) Label Index(4)
 *   Originator SRGB (3):  Flags(2) { SRGB Base(3) SRGB Range(3) }+
 *   SRv6 L3/L2 Service (5/6): Reserved(1) { Service Sub-TLV }*
 *     SID Information (1): Reserved1(1) SID(16) Flags(1) Endpoint Behavior(2) Reserved2(1) { Sub-Sub-TLV }*
 *       SID Structure (1): LBL(1) LNL(1) FL(1) AL(1) TL(1) TO(1)
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { assertNever, EncodeError } from '../../error.js';
import { formatIPv6, parseIPv6 } from '../../nlri/prefix.js';
import { UPDATE_SUBCODE, updateError } from '../check.js';
import type {
  PrefixSidTlv,
  ServiceSubTlv,
  SidInformation,
  SidSubSubTlv,
  SrgbRange,
  Srv6ServiceTlv,
} from './types.js';

/** More TLVs than this at any one level is refused as malformed. */
export const MAX_TLVS = 64;
export const TLV_TYPE = {
  LABEL_INDEX: 1,
  ORIGINATOR_SRGB: 3,
  SRV6_L3_SERVICE: 5,
  SRV6_L2_SERVICE: 6,
} as const;
const LABEL_INDEX_LENGTH = 7;
const SID_INFORMATION_MIN = 21;
const SID_STRUCTURE_LENGTH = 6;

export function malformed(message: string, r: Reader): never {
  return updateError(UPDATE_SUBCODE.OPTIONAL_ATTRIBUTE, 'prefix-sid', message, r);
}

/** Split a reader into (type, value reader) TLVs with a 1-octet type and a 2-octet length. */
function tlvs(r: Reader, what: string): Array<{ type: number; value: Reader }> {
  const out: Array<{ type: number; value: Reader }> = [];
  while (!r.done) {
    if (out.length >= MAX_TLVS) malformed(`${what}: more than ${MAX_TLVS} TLVs`, r);
    if (r.remaining < 3) malformed(`${what}: truncated TLV header`, r);
    const type = r.u8();
    const length = r.u16();
    if (length > r.remaining) malformed(`${what}: TLV ${type} of ${length} bytes overruns`, r);
    out.push({ type, value: r.sub(length) });
  }
  return out;
}

function unknown(type: number, r: Reader): { kind: 'unknown'; type: number; value: Buffer } {
  return { kind: 'unknown', type, value: Buffer.from(r.rest()) };
}

export function decodePrefixSidTlvs(r: Reader): PrefixSidTlv[] {
  return tlvs(r, 'BGP Prefix-SID').map(({ type, value }): PrefixSidTlv => {
    switch (type) {
      case TLV_TYPE.LABEL_INDEX:
        if (value.remaining !== LABEL_INDEX_LENGTH)
          malformed(`Label-Index TLV of ${value.remaining} bytes`, value);
        return { kind: 'label-index', reserved: value.u8(), flags: value.u16(), labelIndex: value.u32() };
      case TLV_TYPE.ORIGINATOR_SRGB:
        return decodeSrgb(value);
      case TLV_TYPE.SRV6_L3_SERVICE:
      case TLV_TYPE.SRV6_L2_SERVICE:
        return decodeService(type, value);
      default:
        return unknown(type, value);
    }
  });
}

function decodeSrgb(r: Reader): PrefixSidTlv {
  if (r.remaining < 8 || (r.remaining - 2) % 6 !== 0)
    malformed(`Originator SRGB TLV of ${r.remaining} bytes`, r);
  const flags = r.u16();
  const ranges: SrgbRange[] = [];
  while (!r.done) ranges.push({ base: r.u24(), range: r.u24() });
  return { kind: 'originator-srgb', flags, ranges };
}

function decodeService(type: number, r: Reader): Srv6ServiceTlv {
  const kind = type === TLV_TYPE.SRV6_L3_SERVICE ? 'srv6-l3-service' : 'srv6-l2-service';
  if (r.done) malformed('SRv6 Service TLV without its reserved octet', r);
  const reserved = r.u8();
  const subTlvs = tlvs(r, 'SRv6 Service TLV').map(
    ({ type: t, value }): ServiceSubTlv => (t === 1 ? decodeSidInformation(value) : unknown(t, value)),
  );
  return { kind, reserved, subTlvs };
}

function decodeSidInformation(r: Reader): SidInformation {
  if (r.remaining < SID_INFORMATION_MIN) malformed(`SRv6 SID Information of ${r.remaining} bytes`, r);
  const reserved1 = r.u8();
  const sid = formatIPv6(r.bytes(16));
  const flags = r.u8();
  const behavior = r.u16();
  const reserved2 = r.u8();
  const subSubTlvs = tlvs(r, 'SRv6 SID Information').map(({ type, value }): SidSubSubTlv => {
    if (type !== 1) return unknown(type, value);
    if (value.remaining !== SID_STRUCTURE_LENGTH)
      malformed(`SRv6 SID Structure of ${value.remaining} bytes`, value);
    return {
      kind: 'sid-structure',
      locatorBlockLength: value.u8(),
      locatorNodeLength: value.u8(),
      functionLength: value.u8(),
      argumentLength: value.u8(),
      transpositionLength: value.u8(),
      transpositionOffset: value.u8(),
    };
  });
  return { kind: 'sid-information', reserved1, sid, flags, behavior, reserved2, subSubTlvs };
}

/** Write one TLV: type, a 2-octet length patched after `body` ran. */
function tlv(w: Writer, type: number, body: () => void): void {
  w.u8(type);
  const at = w.reserve(2);
  body();
  w.patchLength(at, 2);
}

export function encodePrefixSidTlvs(w: Writer, list: readonly PrefixSidTlv[]): void {
  for (const t of list) {
    switch (t.kind) {
      case 'label-index':
        tlv(w, TLV_TYPE.LABEL_INDEX, () => w.u8(t.reserved).u16(t.flags).u32(t.labelIndex));
        break;
      case 'originator-srgb':
        tlv(w, TLV_TYPE.ORIGINATOR_SRGB, () => {
          w.u16(t.flags);
          for (const g of t.ranges) w.u24(g.base).u24(g.range);
        });
        break;
      case 'srv6-l3-service':
      case 'srv6-l2-service':
        tlv(w, t.kind === 'srv6-l3-service' ? TLV_TYPE.SRV6_L3_SERVICE : TLV_TYPE.SRV6_L2_SERVICE, () => {
          w.u8(t.reserved);
          for (const s of t.subTlvs) encodeServiceSubTlv(w, s);
        });
        break;
      case 'unknown':
        tlv(w, t.type, () => w.bytes(t.value));
        break;
      default:
        assertNever(t, 'Prefix-SID TLV');
    }
  }
}

function encodeServiceSubTlv(w: Writer, s: ServiceSubTlv): void {
  if (s.kind === 'unknown') {
    tlv(w, s.type, () => w.bytes(s.value));
    return;
  }
  const sid = parseIPv6(s.sid);
  if (!sid) throw new EncodeError('prefix-sid', `'${s.sid}' is not an IPv6 SID`);
  tlv(w, 1, () => {
    w.u8(s.reserved1).bytes(sid).u8(s.flags).u16(s.behavior).u8(s.reserved2);
    for (const ss of s.subSubTlvs) {
      if (ss.kind === 'unknown') tlv(w, ss.type, () => w.bytes(ss.value));
      else
        tlv(w, 1, () =>
          w
            .u8(ss.locatorBlockLength)
            .u8(ss.locatorNodeLength)
            .u8(ss.functionLength)
            .u8(ss.argumentLength)
            .u8(ss.transpositionLength)
            .u8(ss.transpositionOffset),
        );
    }
  });
}
