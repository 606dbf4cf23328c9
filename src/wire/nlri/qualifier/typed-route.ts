/**
 * The type-length framing of the "typed" NLRI families: EVPN (RFC 7432 §7), MCAST-VPN
 * (RFC 6514 §4) and, with an architecture octet and a 2-octet type, MUP
 * (draft-mpmz-bess-mup-safi §3.1).
 *
 *   EVPN, MVPN                          MUP
 *   +-----------------------------+     +-----------------------------+
 *   | Route Type (1 octet)        |     | Architecture Type (1 octet) |
 *   +-----------------------------+     +-----------------------------+
 *   | Length (1 octet)            |     | Route Type (2 octets)       |
 *   +-----------------------------+     +-----------------------------+
 *   | Route Type specific (var.)  |     | Length (1 octet)            |
 *   +-----------------------------+     +-----------------------------+
 *                                       | Route Type specific (var.)  |
 *                                       +-----------------------------+
 *
 * A route whose length runs past the NLRI field, or whose fields do not fit that length, is
 * RFC 4271 §6.3 "Invalid Network Field" (3/10); RFC 7606 §5.3 tells the UPDATE decoder what to
 * do with it (the NLRI field cannot be split further, so no treat-as-withdraw).
 * INTEROP: ExaBGP 5.0.13 raises 3/5 for some of these (bad IP or MAC length in EVPN, bad MVPN
 * lengths); bgpknife uses 3/10 for every malformed typed NLRI, each with its own errorCode.
 */
import { type Reader, SHORT_NLRI } from '../../buf/reader.js';
import { NotifyError } from '../../error.js';

/** NOTIFICATION 3/10 for a malformed typed NLRI, with the offset where it was found. */
export function invalidNlri(r: Reader, errorCode: string, message: string): NotifyError {
  return new NotifyError(3, 10, errorCode, message, undefined, r.pos);
}

export interface TypedRoute {
  readonly arch: number;
  readonly code: number;
  /** A reader over exactly the route-type-specific bytes; short reads there are 3/10. */
  readonly body: Reader;
}

function body(r: Reader, length: number, what: string): Reader {
  if (length > r.remaining) {
    throw invalidNlri(r, `${what}-route-length`, `${what} route of ${length} octets, ${r.remaining} left`);
  }
  return r.sub(length, SHORT_NLRI, `${what} route`);
}

/** Route type (1) and length (1), as EVPN and MVPN have them. */
export function readTypeLength(r: Reader, what: string): TypedRoute {
  if (r.remaining < 2) throw invalidNlri(r, `${what}-truncated`, `${what} route header needs 2 octets`);
  const code = r.u8();
  return { arch: 0, code, body: body(r, r.u8(), what) };
}

/** Architecture type (1), route type (2) and length (1), as MUP has them. */
export function readArchTypeLength(r: Reader, what: string): TypedRoute {
  if (r.remaining < 4) throw invalidNlri(r, `${what}-truncated`, `${what} route header needs 4 octets`);
  const arch = r.u8();
  const code = r.u16();
  return { arch, code, body: body(r, r.u8(), what) };
}
