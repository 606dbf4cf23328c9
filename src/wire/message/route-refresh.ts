/**
 * ROUTE-REFRESH (RFC 2918 §3), with the message subtypes of Enhanced Route Refresh (RFC 7313
 * §3.2): 0 a normal request, 1 Beginning of Route Refresh (BoRR), 2 End of Route Refresh (EoRR).
 *
 *   0       7      15      23      31
 *   +-------+-------+-------+-------+
 *   |      AFI      | Subtype|  SAFI |
 *   +-------+-------+-------+-------+
 */
import type { Writer } from '../buf/writer.js';
import { NotifyError } from '../error.js';
import { frameMessage } from '../frame.js';
import { MESSAGE_TYPE } from '../iana/message-type.js';
import type { JsonObject } from '../json.js';
import { afiName, safiName } from '../nlri/family.js';

export const REFRESH_SUBTYPE = { REQUEST: 0, BEGIN: 1, END: 2 } as const;

export interface RouteRefresh {
  readonly kind: 'route-refresh';
  readonly afi: number;
  readonly safi: number;
  /** RFC 7313 §3.2 subtype; other values are kept so the session can ignore the message. */
  readonly subtype: number;
}

const BODY_BYTES = 4;

/**
 * Decode a ROUTE-REFRESH body. RFC 7313 §5: a length other than 4 is "ROUTE-REFRESH Message
 * Error" / "Invalid Message Length" (7/1), and "The Data field of the NOTIFICATION message MUST
 * contain the complete ROUTE-REFRESH message" — pass it as `whole`. A subtype other than 0, 1
 * or 2 is returned as is: "it MUST ignore the received ROUTE-REFRESH message" (see
 * `isKnownRefreshSubtype`). INTEROP: ExaBGP answers such a subtype with 7/2 instead.
 */
export function decodeRouteRefresh(body: Buffer, whole: Uint8Array = body): RouteRefresh {
  if (body.length !== BODY_BYTES) {
    throw new NotifyError(
      7,
      1,
      'refresh-length',
      `ROUTE-REFRESH body of ${body.length} bytes`,
      Buffer.from(whole),
    );
  }
  return { kind: 'route-refresh', afi: body.readUInt16BE(0), subtype: body[2]!, safi: body[3]! };
}

/** RFC 7313 §5: false means the message must be ignored, with no NOTIFICATION. */
export function isKnownRefreshSubtype(subtype: number): boolean {
  return (
    subtype === REFRESH_SUBTYPE.REQUEST ||
    subtype === REFRESH_SUBTYPE.BEGIN ||
    subtype === REFRESH_SUBTYPE.END
  );
}

export function encodeRouteRefreshBody(w: Writer, m: RouteRefresh): void {
  w.u16(m.afi).u8(m.subtype).u8(m.safi);
}

export function encodeRouteRefresh(m: RouteRefresh): Buffer {
  return frameMessage(MESSAGE_TYPE.ROUTE_REFRESH, (w) => encodeRouteRefreshBody(w, m));
}

export function makeRouteRefresh(
  afi: number,
  safi: number,
  subtype: number = REFRESH_SUBTYPE.REQUEST,
): RouteRefresh {
  return { kind: 'route-refresh', afi, safi, subtype };
}

const SUBTYPE_NAMES: Readonly<Record<number, string>> = { 0: 'query', 1: 'begin', 2: 'end' };

/** ExaBGP's word for a subtype: query, begin, end, or invalid. */
export function refreshSubtypeName(subtype: number): string {
  return SUBTYPE_NAMES[subtype] ?? 'invalid';
}

/** ExaBGP's `route-refresh` object: `{ afi, safi, subtype }`. */
export function refreshJson(m: RouteRefresh): JsonObject {
  return { afi: afiName(m.afi), safi: safiName(m.safi), subtype: refreshSubtypeName(m.subtype) };
}
