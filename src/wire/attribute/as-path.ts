/**
 * AS_PATH (type 2), RFC 4271 §4.3 / §5.1.2, confederation segments RFC 5065 §3, 4-octet ASNs
 * RFC 6793: well-known mandatory; a sequence of segments (see as-path-segments.ts).
 *
 *   +------+--------+-----------------+------+--------+-----
 *   | type | length | ASNs            | type | length | ...
 *   +------+--------+-----------------+------+--------+-----
 *
 * ASNs are 4 octets when both speakers sent the 4-octet AS capability (ctx.asn4), else 2.
 * RFC 7606 §7.2: a malformed AS_PATH -> treat-as-withdraw. An empty AS_PATH is valid (iBGP).
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { DecodeContext, EncodeContext } from '../context.js';
import {
  type AsPathSegment,
  decodeSegments,
  encodeSegments,
  segmentsJson4,
  segmentsJson5,
  segmentsText,
} from './as-path-segments.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface AsPathAttribute {
  readonly kind: 'as-path';
  readonly segments: readonly AsPathSegment[];
}

export const asPathCodec: AttributeCodec<AsPathAttribute> = {
  code: 2,
  kind: 'as-path',
  name: 'as-path',
  flags: ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader, ctx: DecodeContext): AsPathAttribute {
    return { kind: 'as-path', segments: decodeSegments(r, ctx.asn4 ? 4 : 2, 'AS_PATH') };
  },
  encode(w: Writer, v: AsPathAttribute, ctx: EncodeContext): void {
    encodeSegments(w, v.segments, ctx.asn4 ? 4 : 2);
  },
  json(v, out, opts): void {
    // ExaBGP drops an empty AS_PATH when decoding, so it prints no key for one.
    if (v.segments.length === 0) return;
    if (opts.dialect === '4') segmentsJson4(v.segments, out);
    else out['as-path'] = segmentsJson5(v.segments);
  },
  text(v): string {
    return `as-path ${segmentsText(v.segments)}`;
  },
};
