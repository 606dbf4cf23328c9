/**
 * The loop over a field of NLRI (RFC 4271 §4.3 Withdrawn Routes and NLRI, RFC 4760 §3/§4 the
 * NLRI of MP_REACH_NLRI/MP_UNREACH_NLRI), shared by every family: read the RFC 7911 path
 * identifier when ADD-PATH is on, then one NLRI with the family's codec, until the field ends.
 * A family with no codec keeps its whole field as one UnknownNlri.
 *
 * Hot path: no closures, one codec lookup per field, one object per NLRI. Each NLRI consumes at
 * least one octet, so the number of NLRI is bounded by the field size.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError, NotifyError } from '../error.js';
import type { Family } from './family.js';
import { familyKey } from './family.js';
import { PATH_ID_BYTES } from './qualifier/path-id.js';
import { nlriCodec, nlriCodecByKind } from './registry.js';
import type { Nlri } from './types.js';
import { decodeUnknownNlri, encodeUnknownNlri } from './unknown.js';

/** Decode every NLRI left in `r` (a reader over exactly the field) and append them to `out`. */
export function decodeNlriList(r: Reader, family: Family, addPath: boolean, out: Nlri[]): void {
  const codec = nlriCodec(familyKey(family.afi, family.safi));
  if (!codec) {
    if (!r.done) out.push(decodeUnknownNlri(r, family));
    return;
  }
  while (r.pos < r.end) {
    let pathId: number | undefined;
    if (addPath) {
      if (r.end - r.pos <= PATH_ID_BYTES) {
        throw new NotifyError(
          3,
          10,
          'nlri-path-id',
          'no room for a path identifier and an NLRI',
          undefined,
          r.pos,
        );
      }
      pathId = r.buf.readUInt32BE(r.pos);
      r.pos += PATH_ID_BYTES;
    }
    const before = r.pos;
    out.push(codec.decode(r, family, pathId) as Nlri);
    // A codec must consume input; guard the loop against a codec bug all the same.
    if (r.pos <= before)
      throw new NotifyError(3, 10, 'nlri-stuck', 'NLRI decoder consumed nothing', undefined, before);
  }
}

/** Encode NLRI (each with a path identifier when `addPath`, 0 when the value has none). */
export function encodeNlriList(w: Writer, list: readonly Nlri[], addPath: boolean): void {
  for (let i = 0; i < list.length; i++) {
    const n = list[i]!;
    if (n.kind === 'unknown') {
      encodeUnknownNlri(w, n);
      continue;
    }
    const codec = nlriCodecByKind(n.kind);
    if (!codec) throw new EncodeError('nlri', `no codec for NLRI kind ${n.kind}`);
    if (addPath) w.u32(n.pathId ?? 0);
    codec.encode(w, n);
  }
}
