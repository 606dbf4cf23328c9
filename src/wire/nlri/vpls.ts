/**
 * VPLS NLRI, l2vpn vpls (RFC 4761 §3.2.2): a VE's label block for BGP auto-discovery and
 * signalling.
 *
 *   +------------------------------------+
 *   |  Length (2 octets)                 |   17
 *   +------------------------------------+
 *   |  Route Distinguisher  (8 octets)   |
 *   +------------------------------------+
 *   |  VE ID (2 octets)                  |   ExaBGP: "endpoint"
 *   +------------------------------------+
 *   |  VE Block Offset (2 octets)        |   "offset"
 *   +------------------------------------+
 *   |  VE Block Size (2 octets)          |   "size"
 *   +------------------------------------+
 *   |  Label Base (3 octets)             |   "base": a label stack entry (20-bit label)
 *   +------------------------------------+
 *
 * ExaBGP 5.0 JSON: { "rd", "endpoint", "base", "offset", "size" }.
 * INTEROP: like ExaBGP 5.0, a length above 17 is accepted; the extra octets are kept so the
 * NLRI re-encodes as received.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { NotifyError } from '../error.js';
import { AFI } from '../iana/afi.js';
import { SAFI } from '../iana/safi.js';
import type { JsonObject } from '../json.js';
import type { NlriBase, NlriCodec } from './codec.js';
import { type Family, familyKey } from './family.js';
import { addPathIdJson, pathIdSuffix } from './qualifier/path-id.js';
import { decodeRd, encodeRd, type RouteDistinguisher } from './qualifier/rd.js';

export interface VplsNlri extends NlriBase {
  readonly kind: 'vpls';
  readonly rd: RouteDistinguisher;
  /** VE ID. */
  readonly endpoint: number;
  /** VE block offset. */
  readonly offset: number;
  /** VE block size. */
  readonly size: number;
  /** The label base as its raw 24-bit stack entry (label << 4 | TC << 1 | S). */
  readonly labelBase: number;
  /** Octets after the 17 RFC 4761 defines, when the length said more (kept to re-encode). */
  readonly trailing?: Buffer;
}

/** RFC 4761 §3.2.2: RD + VE ID + offset + size + label base. */
export const VPLS_BODY_BYTES = 17;

function decodeVpls(r: Reader, family: Family, pathId: number | undefined): VplsNlri {
  const at = r.pos;
  const length = r.u16();
  if (length < VPLS_BODY_BYTES) {
    throw new NotifyError(3, 10, 'nlri-vpls-length', `VPLS NLRI length ${length} < 17`, undefined, at);
  }
  r.need(length, 'VPLS NLRI');
  const rd = decodeRd(r);
  const endpoint = r.u16();
  const offset = r.u16();
  const size = r.u16();
  const labelBase = r.u24();
  const key = familyKey(family.afi, family.safi);
  const base: VplsNlri =
    pathId === undefined
      ? { kind: 'vpls', family: key, rd, endpoint, offset, size, labelBase }
      : { kind: 'vpls', family: key, pathId, rd, endpoint, offset, size, labelBase };
  if (length === VPLS_BODY_BYTES) return base;
  return { ...base, trailing: Buffer.from(r.bytes(length - VPLS_BODY_BYTES)) };
}

function encodeVpls(w: Writer, nlri: VplsNlri): void {
  const extra = nlri.trailing?.length ?? 0;
  w.u16(VPLS_BODY_BYTES + extra);
  encodeRd(w, nlri.rd);
  w.u16(nlri.endpoint).u16(nlri.offset).u16(nlri.size).u24(nlri.labelBase);
  if (nlri.trailing) w.bytes(nlri.trailing);
}

export const vplsCodec: NlriCodec<VplsNlri> = {
  kind: 'vpls',
  families: [familyKey(AFI.L2VPN, SAFI.VPLS)],
  decode: decodeVpls,
  encode: encodeVpls,
  json(nlri: VplsNlri): JsonObject {
    const out: JsonObject = {
      rd: nlri.rd.text,
      endpoint: nlri.endpoint,
      base: nlri.labelBase >>> 4,
      offset: nlri.offset,
      size: nlri.size,
    };
    addPathIdJson(out, nlri.pathId);
    return out;
  },
  text(nlri: VplsNlri): string {
    const { rd, endpoint, offset, size } = nlri;
    const body = `vpls rd ${rd.text} endpoint ${endpoint} base ${nlri.labelBase >>> 4} offset ${offset} size ${size}`;
    return `${body}${pathIdSuffix(nlri.pathId)}`;
  },
  key(nlri: VplsNlri): string {
    return `${nlri.rd.text}:${nlri.endpoint}:${nlri.offset}:${nlri.size}`;
  },
};
