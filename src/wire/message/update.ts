/**
 * UPDATE (RFC 4271 §4.3): withdrawn IPv4 routes, path attributes, announced IPv4 routes; other
 * families travel in the MP_REACH_NLRI / MP_UNREACH_NLRI attributes (RFC 4760).
 *
 *   +-----------------------------------------------------+
 *   |   Withdrawn Routes Length (2 octets)                |
 *   +-----------------------------------------------------+
 *   |   Withdrawn Routes (variable)                       |
 *   +-----------------------------------------------------+
 *   |   Total Path Attribute Length (2 octets)            |
 *   +-----------------------------------------------------+
 *   |   Path Attributes (variable)                        |   see update-attributes.ts
 *   +-----------------------------------------------------+
 *   |   Network Layer Reachability Information (variable) |
 *   +-----------------------------------------------------+
 *
 * The decoded value keeps every attribute in wire order (MP_REACH/MP_UNREACH included), so
 * encode(decode(b)) gives b back. RFC 7606 outcomes: only "session reset" throws (NotifyError);
 * weaker errors are listed in `errors`, and `action` is 'treat-as-withdraw' when any of them
 * asks for it: the receiver must then treat every NLRI of the UPDATE (the IPv4 field and
 * MP_REACH_NLRI) as withdrawn.
 */

import { ATTR_FLAG } from '../attribute/codec.js';
import { MP_REACH_CODE } from '../attribute/mp-reach.js';
import { MP_UNREACH_CODE } from '../attribute/mp-unreach.js';
import { encodeAttribute } from '../attribute/registry.js';
import type { Attribute } from '../attribute/types.js';
import { Reader, SHORT_NLRI, SHORT_UPDATE } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { DecodeContext, EncodeContext } from '../context.js';
import { maxMessageBytes } from '../context.js';
import { NotifyError } from '../error.js';
import { frameMessage } from '../frame.js';
import { AFI } from '../iana/afi.js';
import { MESSAGE_TYPE } from '../iana/message-type.js';
import { SAFI } from '../iana/safi.js';
import { type FamilyKey, familyKey, IPV4_UNICAST } from '../nlri/family.js';
import { decodeNlriList, encodeNlriList } from '../nlri/list.js';
import type { Nlri } from '../nlri/types.js';
import { decodeAttributes, type SoftError } from './update-attributes.js';

export type { SoftError } from './update-attributes.js';
export { MAX_ATTRIBUTES_PER_UPDATE } from './update-attributes.js';

export interface Update {
  readonly kind: 'update';
  /** The Withdrawn Routes field (IPv4 unicast). */
  readonly withdrawn: readonly Nlri[];
  /** Path attributes in wire order, MP_REACH_NLRI / MP_UNREACH_NLRI included. */
  readonly attributes: readonly Attribute[];
  /** The NLRI field (IPv4 unicast). */
  readonly nlri: readonly Nlri[];
  /** RFC 7606 errors that did not reset the session (empty for a well-formed UPDATE). */
  readonly errors: readonly SoftError[];
  /** 'treat-as-withdraw' (RFC 7606 §2): every NLRI of this UPDATE must be handled as withdrawn. */
  readonly action: 'ok' | 'treat-as-withdraw';
  /**
   * Type codes of attributes to send with the Extended Length bit although they are 255 octets
   * or fewer (RFC 4271 §4.3 allows either). Absent means "only when needed". Kept from the wire
   * so a received UPDATE re-encodes exactly; ExaBGP always sets it on its End-of-RIB
   * MP_UNREACH_NLRI and on generic attributes configured with it.
   */
  readonly extendedLengthCodes?: readonly number[];
}

const IPV4_UNICAST_FAMILY = { afi: AFI.IPV4, safi: SAFI.UNICAST } as const;
const ORIGIN_CODE = 1;
const AS_PATH_CODE = 2;
const NEXT_HOP_CODE = 3;

/** RFC 4271 §6.3: lengths that overrun the message are "Malformed Attribute List". */
function lengthError(what: string, at: number): NotifyError {
  return new NotifyError(3, 1, 'update-length', `${what} overruns the UPDATE`, undefined, at);
}

/** Decode an UPDATE body (after the 19-byte header). Throws only NotifyError. */
export function decodeUpdate(body: Buffer, ctx: DecodeContext): Update {
  const r = new Reader(body, 0, body.length, SHORT_UPDATE);
  const addPath = ctx.addPath.has(IPV4_UNICAST);
  const withdrawnBytes = r.u16();
  if (withdrawnBytes > r.remaining) throw lengthError('Withdrawn Routes Length', 0);
  const withdrawn: Nlri[] = [];
  decodeNlriList(r.sub(withdrawnBytes, SHORT_NLRI), IPV4_UNICAST_FAMILY, addPath, withdrawn);
  const attributeBytes = r.u16();
  if (attributeBytes > r.remaining) throw lengthError('Total Path Attribute Length', r.pos - 2);
  const errors: SoftError[] = [];
  const { attributes, present, extendedLengthCodes } = decodeAttributes(r.sub(attributeBytes), ctx, errors);
  const nlri: Nlri[] = [];
  decodeNlriList(r.sub(r.remaining, SHORT_NLRI), IPV4_UNICAST_FAMILY, addPath, nlri);
  checkMandatory(nlri.length > 0, present, errors);
  const action = errors.some((e) => e.action === 'treat-as-withdraw') ? 'treat-as-withdraw' : 'ok';
  const u: Update = { kind: 'update', withdrawn, attributes, nlri, errors, action };
  return extendedLengthCodes.length > 0 ? { ...u, extendedLengthCodes } : u;
}

/**
 * RFC 7606 §3.d: "If any of the well-known mandatory attributes are not present in an UPDATE
 * message, then 'treat-as-withdraw' MUST be used." They are needed only when the UPDATE
 * announces something; NEXT_HOP only for the IPv4 NLRI field (RFC 4760 §3). LOCAL_PREF depends
 * on the session (iBGP) and is checked outside the codec.
 */
function checkMandatory(hasIpv4Nlri: boolean, present: Uint8Array, errors: SoftError[]): void {
  if (!hasIpv4Nlri && !present[MP_REACH_CODE]) return;
  const required = hasIpv4Nlri ? [ORIGIN_CODE, AS_PATH_CODE, NEXT_HOP_CODE] : [ORIGIN_CODE, AS_PATH_CODE];
  for (const code of required) {
    if (present[code]) continue;
    errors.push({
      action: 'treat-as-withdraw',
      attributeCode: code,
      errorCode: 'attribute-missing',
      message: `mandatory attribute ${code} is missing`,
    });
  }
}

/** Write an UPDATE body (everything after the header). */
export function writeUpdateBody(w: Writer, u: Update, ctx: EncodeContext): void {
  const addPath = ctx.addPath.has(IPV4_UNICAST);
  const withdrawnAt = w.reserve(2);
  encodeNlriList(w, u.withdrawn, addPath);
  w.patchLength(withdrawnAt, 2);
  const attributesAt = w.reserve(2);
  const extended = u.extendedLengthCodes;
  for (const a of u.attributes) {
    const at = w.pos;
    encodeAttribute(w, a, ctx);
    if (extended && extended.length > 0) widenLength(w, at, extended);
  }
  w.patchLength(attributesAt, 2);
  encodeNlriList(w, u.nlri, addPath);
}

/** Rewrite the attribute just written at `at` with a 2-octet length if its code asks for it. */
function widenLength(w: Writer, at: number, codes: readonly number[]): void {
  const flags = w.buf[at]!;
  if (flags & ATTR_FLAG.EXTENDED_LENGTH || !codes.includes(w.buf[at + 1]!)) return;
  const end = w.pos;
  w.u8(0); // room for the second length octet
  w.buf.copyWithin(at + 4, at + 3, end);
  w.buf[at] = flags | ATTR_FLAG.EXTENDED_LENGTH;
  w.buf.writeUInt16BE(end - at - 3, at + 2);
}

/** The whole UPDATE message with its header; EncodeError when it exceeds the maximum size. */
export function encodeUpdate(u: Update, ctx: EncodeContext): Buffer {
  return frameMessage(MESSAGE_TYPE.UPDATE, (w) => writeUpdateBody(w, u, ctx), maxMessageBytes(ctx));
}

/**
 * RFC 4724 §2: the End-of-RIB marker is an UPDATE with no withdrawn routes, no attributes and
 * no NLRI for IPv4 unicast, and for other families an UPDATE holding only an MP_UNREACH_NLRI
 * with no withdrawn routes. Returns the family, or undefined when `u` is not one.
 */
export function isEndOfRib(u: Update): FamilyKey | undefined {
  if (u.withdrawn.length > 0 || u.nlri.length > 0) return undefined;
  if (u.attributes.length === 0) return IPV4_UNICAST;
  const only = u.attributes[0]!;
  if (u.attributes.length === 1 && only.kind === 'mp-unreach' && only.nlri.length === 0) {
    return familyKey(only.afi, only.safi);
  }
  return undefined;
}

/**
 * The End-of-RIB marker of a family (RFC 4724 §2), byte for byte as ExaBGP sends it (its
 * MP_UNREACH_NLRI has the Extended Length bit).
 */
export function endOfRib(family: FamilyKey): Update {
  const empty = { kind: 'update', withdrawn: [], nlri: [], errors: [], action: 'ok' } as const;
  if (family === IPV4_UNICAST) return { ...empty, attributes: [] };
  const unreach: Attribute = { kind: 'mp-unreach', afi: family >> 8, safi: family & 0xff, nlri: [] };
  return { ...empty, attributes: [unreach], extendedLengthCodes: [MP_UNREACH_CODE] };
}
