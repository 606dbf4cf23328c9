/**
 * SR-MPLS SID lists shared by the Adjacency SID (1099), LAN Adjacency SID (1100) and Prefix SID
 * (1158) TLVs (RFC 9085 §2.2.1, §2.2.2, §2.3.1):
 *
 *   Flags (1) | Weight or Algorithm (1) | Reserved (2) | [System-ID (6), LAN only] | SID/Label ...
 *
 * The V (value) and L (local) flags choose the SID form: both set, a 3-octet label; both clear,
 * a 4-octet index. ExaBGP keeps anything else as undecoded hex.
 */
import { hexLower } from '../../nlri/bgpls/tlv.js';
import { attrError, type Fields, needAtLeast } from './tlv.js';

const HEADER_BYTES = 4;
const SYSTEM_ID_BYTES = 6;

interface SidList {
  readonly sids: number[];
  readonly undecoded?: Buffer;
}

function decodeSids(
  v: Buffer,
  from: number,
  bothSet: boolean,
  bothClear: boolean,
  exactIndex: boolean,
): SidList {
  const sids: number[] = [];
  let pos = from;
  while (pos < v.length) {
    const left = v.length - pos;
    if (bothSet) {
      if (left < 3) throw attrError('SID list: truncated label');
      sids.push(v.readUIntBE(pos, 3));
      pos += 3;
    } else if (bothClear) {
      // ExaBGP wants exactly one 4-octet index in a Prefix SID.
      if (left < 4 || (exactIndex && left !== 4)) throw attrError('SID list: truncated index');
      sids.push(v.readUInt32BE(pos));
      pos += 4;
    } else return { sids, undecoded: Buffer.from(v.subarray(pos)) };
  }
  return { sids };
}

const ADJ_V = 0x20;
const ADJ_L = 0x10;

/** 1099 (lan false) and 1100 (lan true). */
export function decodeAdjacencySid(v: Buffer, lan: boolean): Fields<'adjacency-sid'> {
  needAtLeast(v, lan ? HEADER_BYTES + SYSTEM_ID_BYTES : 2, lan ? 'LAN adjacency SID' : 'adjacency SID');
  const flags = v[0]!;
  const from = lan ? HEADER_BYTES + SYSTEM_ID_BYTES : HEADER_BYTES;
  const list = decodeSids(
    v,
    from,
    (flags & ADJ_V) !== 0 && (flags & ADJ_L) !== 0,
    (flags & (ADJ_V | ADJ_L)) === 0,
    false,
  );
  const base = { tlv: 'adjacency-sid', flags, weight: v[1]!, ...list } as const;
  return lan
    ? { ...base, systemId: hexLower(v.subarray(HEADER_BYTES, HEADER_BYTES + SYSTEM_ID_BYTES)) }
    : base;
}

const PREFIX_V = 0x08;
const PREFIX_L = 0x04;

/** 1158. */
export function decodePrefixSid(v: Buffer): Fields<'prefix-sid'> {
  needAtLeast(v, 2, 'prefix SID');
  const flags = v[0]!;
  const set = (flags & PREFIX_V) !== 0 && (flags & PREFIX_L) !== 0;
  const list = decodeSids(v, HEADER_BYTES, set, (flags & (PREFIX_V | PREFIX_L)) === 0, true);
  return { tlv: 'prefix-sid', flags, algorithm: v[1]!, ...list };
}
