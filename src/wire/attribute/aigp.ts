/**
 * ACCUMULATED IGP METRIC (AIGP, type 26), RFC 7311 §3: optional non-transitive, a list of TLVs
 * of which only type 1 (the 8-octet accumulated metric) is defined.
 *
 *    0                   1                   2                   3
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     Type      |         Length (incl. 3)      |               |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+               |
 *   ~                  Value (AIGP TLV: 8-octet metric)             ~
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 7311 §3.2: a malformed AIGP attribute "MUST be treated exactly as if it were an
 * unrecognized non-transitive attribute", i.e. attribute-discard. Malformed: a TLV overrunning
 * the attribute, an AIGP TLV whose length is not 11, or no AIGP TLV at all.
 * "If ... more than one AIGP TLV ... all but the first MUST be disregarded": later ones (and
 * TLVs of other types) are kept in `otherTlvs` so they re-encode.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { UPDATE_SUBCODE, updateError } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface AigpTlv {
  readonly type: number;
  readonly value: Buffer;
}

export interface AigpAttribute {
  readonly kind: 'aigp';
  readonly metric: bigint;
  readonly otherTlvs: readonly AigpTlv[];
}

const TLV_AIGP = 1;
const TLV_HEADER = 3;
const AIGP_TLV_LENGTH = 11;

function malformed(message: string, r: Reader): never {
  return updateError(UPDATE_SUBCODE.OPTIONAL_ATTRIBUTE, 'aigp', message, r);
}

export const aigpCodec: AttributeCodec<AigpAttribute> = {
  code: 26,
  kind: 'aigp',
  name: 'aigp',
  flags: ATTR_FLAG.OPTIONAL,
  onError: 'attribute-discard',
  decode(r: Reader): AigpAttribute {
    let metric: bigint | undefined;
    const otherTlvs: AigpTlv[] = [];
    while (!r.done) {
      if (r.remaining < TLV_HEADER) malformed('AIGP: truncated TLV header', r);
      const type = r.u8();
      const length = r.u16();
      if (length < TLV_HEADER || length - TLV_HEADER > r.remaining)
        malformed(`AIGP: TLV length ${length}`, r);
      if (type === TLV_AIGP && length !== AIGP_TLV_LENGTH) malformed(`AIGP: AIGP TLV length ${length}`, r);
      if (type === TLV_AIGP && metric === undefined) metric = r.u64();
      else otherTlvs.push({ type, value: Buffer.from(r.bytes(length - TLV_HEADER)) });
    }
    if (metric === undefined) malformed('AIGP: no AIGP TLV', r);
    return { kind: 'aigp', metric, otherTlvs };
  },
  encode(w: Writer, v: AigpAttribute): void {
    w.u8(TLV_AIGP).u16(AIGP_TLV_LENGTH).u64(v.metric);
    for (const t of v.otherTlvs) {
      w.u8(t.type)
        .u16(t.value.length + TLV_HEADER)
        .bytes(t.value);
    }
  },
  json(v, out): void {
    // ExaBGP prints the metric as 16 lower-case hex digits, quoted.
    out.aigp = aigpHex(v.metric);
  },
  text(v): string {
    return `aigp ${aigpHex(v.metric)}`;
  },
};

export function aigpHex(metric: bigint): string {
  return `0x${metric.toString(16).padStart(16, '0')}`;
}
