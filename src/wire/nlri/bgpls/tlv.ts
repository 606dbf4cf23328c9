/**
 * BGP-LS NLRI TLV framing (RFC 9552 §4, §5.2): every descriptor is a 2-octet type, a 2-octet
 * length and a value; node descriptors (TLV 256/257) carry sub-TLVs in the same format.
 *
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |              Type             |             Length            |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   //                      Value (variable)                       //
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 9552 §8.2.2: a TLV whose length runs past its container makes the NLRI malformed; here
 * that is "Invalid Network Field" (3/10), and the UPDATE decoder chooses the RFC 7606 action.
 */
import { NotifyError } from '../../error.js';

/** At most this many descriptor TLVs in one NLRI (a peer could send thousands of empty ones). */
export const MAX_DESCRIPTOR_TLVS = 256;
/** At most this many sub-TLVs inside one node descriptor TLV (256/257). */
export const MAX_NODE_SUB_TLVS = 32;

export const TLV_HEADER_BYTES = 4;

export interface RawTlv {
  readonly type: number;
  /** The value bytes: a view into the input, copied by whoever keeps it. */
  readonly value: Buffer;
}

export function nlriError(errorCode: string, message: string): NotifyError {
  return new NotifyError(3, 10, errorCode, message);
}

/** Split `data` into TLVs, checking every length; at most `max` of them. */
export function splitTlvs(data: Buffer, max: number, what: string): RawTlv[] {
  const out: RawTlv[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (out.length >= max) throw nlriError('bgp-ls-too-many-tlvs', `${what}: more than ${max} TLVs`);
    if (data.length - pos < TLV_HEADER_BYTES) {
      throw nlriError('bgp-ls-tlv-truncated', `${what}: truncated TLV header`);
    }
    const type = data.readUInt16BE(pos);
    const length = data.readUInt16BE(pos + 2);
    pos += TLV_HEADER_BYTES;
    if (pos + length > data.length) {
      throw nlriError(
        'bgp-ls-tlv-length',
        `${what}: TLV ${type} claims ${length} bytes, ${data.length - pos} left`,
      );
    }
    out.push({ type, value: data.subarray(pos, pos + length) });
    pos += length;
  }
  return out;
}

/** Lower-case hex, as ExaBGP prints IS-IS system identifiers. */
export function hexLower(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

/** A u64 as a JSON number when exact, else as a bigint (printed as an integer literal). */
export function u64Json(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
