/**
 * Support for 4-octet AS Number capability, code 65 (RFC 6793 §3): the speaker's own ASN as a
 * 4-octet number. The 2-octet "My Autonomous System" field of the OPEN then holds AS_TRANS
 * (23456) when the ASN does not fit; reconciling the two is the session's job.
 *
 *   0                   1                   2                   3
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                    4-octet AS number                          |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import { BAD_CAPABILITY, type CapabilityCodec, lastOf } from './codec.js';

export interface Asn4Capability {
  readonly kind: 'asn4';
  readonly asn: number;
}

/** RFC 6793 §9: the 2-octet ASN a 4-octet speaker puts in fields too small for its ASN. */
export const AS_TRANS = 23456;

export const asn4: CapabilityCodec<Asn4Capability> = {
  code: 65,
  kind: 'asn4',
  name: 'asn4',
  decode(r: Reader): Asn4Capability {
    // RFC 6793 §3: the value field is always the 4-octet AS number.
    if (r.remaining !== 4) r.fail(`asn4 capability of ${r.remaining} bytes, not 4`, BAD_CAPABILITY);
    return { kind: 'asn4', asn: r.u32() };
  },
  encode(w: Writer, v: Asn4Capability): void {
    w.u32(v.asn);
  },
  json: (values: readonly Asn4Capability[]): JsonObject => ({ name: 'asn4', asn4: lastOf(values).asn }),
};
