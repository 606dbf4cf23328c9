/**
 * The Path Attributes field of an UPDATE (RFC 4271 §4.3) with the error handling of RFC 7606.
 *
 *   +---------------+---------------+---------------+ - - - - - - - +
 *   |  Attr. Flags  |Attr. Type Code|    Length (1, or 2 with Extended Length)  |
 *   +---------------+---------------+---------------+ - - - - - - - +
 *   |                     Attribute Value (Length octets)                      |
 *   +--------------------------------------------------------------------------+
 *
 * Outcomes, weakest first (RFC 7606 §2): a malformed attribute whose descriptor says
 * 'attribute-discard' is dropped; 'treat-as-withdraw' drops it and marks the UPDATE; anything
 * that needs a "session reset" throws NotifyError. Collected soft errors are returned.
 *  - §4: an attribute header or length that overruns the field: treat-as-withdraw, the Total
 *    Attribute Length still locates the NLRI. INTEROP/RFC 7606 §5.3: if the overrunning attribute
 *    is MP_REACH/MP_UNREACH its NLRI cannot be parsed, so that is a session reset (3/1).
 *  - §3.c: Optional/Transitive flags in conflict with the attribute: "treat-as-withdraw". For
 *    MP_REACH/MP_UNREACH the value is still decoded (treat-as-withdraw needs their NLRI).
 *  - §3.g: "If the MP_REACH_NLRI attribute or the MP_UNREACH_NLRI attribute appears more than
 *    once in the UPDATE message, then a NOTIFICATION message MUST be sent with the Error
 *    Subcode 'Malformed Attribute List'"; other duplicates: "all the occurrences of the
 *    attribute other than the first one SHALL be discarded".
 */

import { ATTR_FLAG, type SoftErrorAction } from '../attribute/codec.js';
import { MP_REACH_CODE } from '../attribute/mp-reach.js';
import { MP_UNREACH_CODE } from '../attribute/mp-unreach.js';
import { attributeCodec, decodeAttributeValue } from '../attribute/registry.js';
import type { Attribute } from '../attribute/types.js';
import { Reader, type ShortRead } from '../buf/reader.js';
import type { DecodeContext } from '../context.js';
import { NotifyError } from '../error.js';

/** One RFC 7606 error that did not reset the session. */
export interface SoftError {
  readonly action: SoftErrorAction;
  /** The attribute type code concerned, or -1 when the error is about the field itself. */
  readonly attributeCode: number;
  /** Stable machine-readable reason ('attribute-flags', 'attribute-duplicate', ...). */
  readonly errorCode: string;
  readonly message: string;
}

/**
 * A bound on the attribute headers one UPDATE may carry. There are 256 type codes and every
 * duplicate is an error, so a well-formed UPDATE never has more than 256.
 */
export const MAX_ATTRIBUTES_PER_UPDATE = 256;

/** RFC 4271 §6.3 "Attribute Length Error": what a value too short for its fields throws. */
const SHORT_ATTRIBUTE: ShortRead = { code: 3, subcode: 5, errorCode: 'attribute-length' };

const FLAG_BITS = ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE;

function isMp(code: number): boolean {
  return code === MP_REACH_CODE || code === MP_UNREACH_CODE;
}

export interface DecodedAttributes {
  readonly attributes: Attribute[];
  /** present[code] is 1 when an attribute of that code was kept. */
  readonly present: Uint8Array;
  /** Codes of kept attributes sent with the Extended Length bit though 255 octets or fewer. */
  readonly extendedLengthCodes: number[];
}

/** Decode the attributes in `r` (a reader over exactly the field); soft errors go to `errors`. */
export function decodeAttributes(r: Reader, ctx: DecodeContext, errors: SoftError[]): DecodedAttributes {
  const attributes: Attribute[] = [];
  const seen = new Uint8Array(256);
  const present = new Uint8Array(256);
  const extendedLengthCodes: number[] = [];
  let count = 0;
  while (r.pos < r.end) {
    if (++count > MAX_ATTRIBUTES_PER_UPDATE) {
      r.fail(`more than ${MAX_ATTRIBUTES_PER_UPDATE} attributes`, {
        code: 3,
        subcode: 1,
        errorCode: 'attribute-count',
      });
    }
    const at = r.pos;
    const left = r.end - at;
    const flags = r.buf[at]!;
    const code = left > 1 ? r.buf[at + 1]! : -1;
    const headerBytes = flags & ATTR_FLAG.EXTENDED_LENGTH ? 4 : 3;
    const length = left < headerBytes ? -1 : headerBytes === 4 ? r.buf.readUInt16BE(at + 2) : r.buf[at + 2]!;
    if (length < 0 || left < headerBytes + length) {
      overrun(r, code, at, errors);
      break;
    }
    r.pos = at + headerBytes;
    const value = new Reader(r.buf, r.pos, r.pos + length, SHORT_ATTRIBUTE);
    r.pos += length;
    if (seen[code]) {
      if (isMp(code)) {
        throw new NotifyError(
          3,
          1,
          'attribute-duplicate-mp',
          `attribute ${code} appears twice`,
          undefined,
          at,
        );
      }
      errors.push(soft('attribute-discard', code, 'attribute-duplicate', `attribute ${code} appears twice`));
      continue;
    }
    seen[code] = 1;
    const a = decodeOne(value, code, flags, ctx, errors, at);
    if (a) {
      attributes.push(a);
      present[code] = 1;
      if (headerBytes === 4 && length <= 0xff) extendedLengthCodes.push(code);
    }
  }
  return { attributes, present, extendedLengthCodes };
}

function soft(action: SoftErrorAction, attributeCode: number, errorCode: string, message: string): SoftError {
  return { action, attributeCode, errorCode, message };
}

/** RFC 7606 §4: the last attribute does not fit in the field. */
function overrun(r: Reader, code: number, at: number, errors: SoftError[]): void {
  if (isMp(code)) {
    throw new NotifyError(
      3,
      1,
      'attribute-overrun-mp',
      `attribute ${code} overruns the attributes`,
      undefined,
      at,
    );
  }
  errors.push(soft('treat-as-withdraw', code, 'attribute-overrun', 'attribute overruns the attributes'));
  r.pos = r.end;
}

/** Decode one value; undefined when it was dropped as malformed. */
function decodeOne(
  value: Reader,
  code: number,
  flags: number,
  ctx: DecodeContext,
  errors: SoftError[],
  at: number,
): Attribute | undefined {
  const codec = attributeCodec(code);
  if (codec && (flags & FLAG_BITS) !== (codec.flags & FLAG_BITS)) {
    errors.push(
      soft(
        'treat-as-withdraw',
        code,
        'attribute-flags',
        `attribute ${code} has flags 0x${flags.toString(16)}`,
      ),
    );
    if (!isMp(code)) return undefined;
  }
  try {
    return decodeAttributeValue(code, flags, value, ctx);
  } catch (e) {
    if (!(e instanceof NotifyError)) throw e;
    if (!codec || codec.onError === 'session-reset') throw e.at(at);
    errors.push(soft(codec.onError, code, e.errorCode, e.message));
    return undefined;
  }
}
