/**
 * Multiprotocol Extensions capability, code 1 (RFC 4760 §8): one (AFI, SAFI) the speaker can
 * exchange. An OPEN carries one capability per family.
 *
 *   0       7      15      23      31
 *   +-------+-------+-------+-------+
 *   |      AFI      | Res.  | SAFI  |
 *   +-------+-------+-------+-------+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import { BAD_CAPABILITY, type CapabilityCodec, familySlash } from './codec.js';

export interface MultiprotocolCapability {
  readonly kind: 'multiprotocol';
  readonly afi: number;
  readonly safi: number;
}

const VALUE_BYTES = 4;

export const multiprotocol: CapabilityCodec<MultiprotocolCapability> = {
  code: 1,
  kind: 'multiprotocol',
  name: 'multiprotocol',
  decode(r: Reader): MultiprotocolCapability {
    if (r.remaining !== VALUE_BYTES)
      r.fail(`multiprotocol capability of ${r.remaining} bytes, not 4`, BAD_CAPABILITY);
    const afi = r.u16();
    // RFC 4760 §8: "Reserved ... SHOULD be set to 0 by the sender and ignored by the receiver."
    r.u8();
    return { kind: 'multiprotocol', afi, safi: r.u8() };
  },
  encode(w: Writer, v: MultiprotocolCapability): void {
    w.u16(v.afi).u8(0).u8(v.safi);
  },
  json(values: readonly MultiprotocolCapability[]): JsonObject {
    // ExaBGP gathers every family of every multiprotocol capability under code "1".
    return { name: 'multiprotocol', families: values.map((v) => familySlash(v.afi, v.safi)) };
  },
};
