/**
 * AS4_PATH (type 17), RFC 6793 §3: optional transitive, the AS path with 4-octet ASNs that a
 * 4-octet speaker adds beside an AS_PATH carrying AS_TRANS towards an old (2-octet) speaker.
 *
 *   +------+--------+-------------------+-----
 *   | type | length | ASNs (4 octets)   | ...
 *   +------+--------+-------------------+-----
 *
 * RFC 6793 §6: a malformed AS4_PATH is discarded (attribute-discard), and an empty one is
 * malformed too. Merging it into AS_PATH (§4.2.3) is the UPDATE's job.
 *
 * ExaBGP has no JSON name for it: it prints "attribute-0x11-0xC0" with the path as a string.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import {
  type AsPathSegment,
  decodeSegments,
  encodeSegments,
  segmentsRepr4,
  segmentsRepr5,
} from './as-path-segments.js';
import { checkNotEmpty, UPDATE_SUBCODE, updateError } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface As4PathAttribute {
  readonly kind: 'as4-path';
  readonly segments: readonly AsPathSegment[];
}

const FLAGS = ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE;
const KEY = 'attribute-0x11-0xC0';

export const as4PathCodec: AttributeCodec<As4PathAttribute> = {
  code: 17,
  kind: 'as4-path',
  name: 'as4-path',
  flags: FLAGS,
  onError: 'attribute-discard',
  decode(r: Reader): As4PathAttribute {
    if (r.done) updateError(UPDATE_SUBCODE.MALFORMED_AS_PATH, 'as-path', 'AS4_PATH is empty', r);
    return { kind: 'as4-path', segments: decodeSegments(r, 4, 'AS4_PATH') };
  },
  encode(w: Writer, v: As4PathAttribute): void {
    checkNotEmpty('AS4_PATH', v.segments);
    encodeSegments(w, v.segments, 4);
  },
  json(v, out, opts): void {
    out[KEY] = opts.dialect === '4' ? segmentsRepr4(v.segments) : segmentsRepr5(v.segments);
  },
  text(v): string {
    return `attribute [ 0x11 0xC0 ${segmentsRepr5(v.segments)} ]`;
  },
};
