/**
 * MCAST-VPN route bodies (RFC 6514 §4.5, §4.6): decode and encode the bytes after the route type
 * and length. Each decoder gets a reader over exactly one body and must consume all of it; a
 * field that does not fit is "Invalid Network Field" (3/10).
 *
 *   5 Source Active A-D:   RD(8) Source Length(1) Source(4/16) Group Length(1) Group(4/16)
 *   6 Shared Tree Join,
 *   7 Source Tree Join:    RD(8) Source AS(4) Source Length(1) Source(4/16)
 *                          Group Length(1) Group(4/16)
 *
 * Lengths are in bits; only 32 and 128 are accepted, as ExaBGP 5.0.13 does (so no RFC 6625
 * wildcards).
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { assertNever, EncodeError } from '../../error.js';
import { decodeSizedAddress, encodeSizedAddress } from '../qualifier/address.js';
import { decodeRd, encodeRd } from '../qualifier/rd.js';
import { invalidNlri } from '../qualifier/typed-route.js';
import { MVPN_ROUTE, type MvpnRoute } from './types.js';

function sourceGroup(r: Reader): { source: string; group: string } {
  const source = decodeSizedAddress(r, 'mvpn-address-length', 'multicast source');
  const group = decodeSizedAddress(r, 'mvpn-address-length', 'multicast group');
  return { source, group };
}

function decodeKnown(code: number, r: Reader): MvpnRoute | undefined {
  switch (code) {
    case MVPN_ROUTE.SOURCE_AD: {
      const rd = decodeRd(r);
      return { route: 'source-ad', rd, ...sourceGroup(r) };
    }
    case MVPN_ROUTE.SHARED_JOIN:
    case MVPN_ROUTE.SOURCE_JOIN: {
      const rd = decodeRd(r);
      const sourceAs = r.u32();
      const route = code === MVPN_ROUTE.SHARED_JOIN ? 'shared-join' : 'source-join';
      return { route, rd, sourceAs, ...sourceGroup(r) };
    }
    default:
      return undefined;
  }
}

/** Decode one route body of type `code`; `r` spans exactly that body. */
export function decodeMvpnRoute(code: number, r: Reader): MvpnRoute {
  const route = decodeKnown(code, r);
  if (route === undefined) return { route: 'unknown', code, raw: Buffer.from(r.rest()) };
  if (!r.done) throw invalidNlri(r, 'mvpn-route-length', `${r.remaining} octet(s) left after an MVPN route`);
  return route;
}

export function mvpnCode(n: MvpnRoute): number {
  switch (n.route) {
    case 'source-ad':
      return MVPN_ROUTE.SOURCE_AD;
    case 'shared-join':
      return MVPN_ROUTE.SHARED_JOIN;
    case 'source-join':
      return MVPN_ROUTE.SOURCE_JOIN;
    case 'unknown':
      return n.code;
    default:
      return assertNever(n, 'MVPN route');
  }
}

function encodeBody(w: Writer, n: MvpnRoute): void {
  switch (n.route) {
    case 'source-ad':
      encodeRd(w, n.rd);
      break;
    case 'shared-join':
    case 'source-join':
      encodeRd(w, n.rd);
      w.u32(n.sourceAs);
      break;
    case 'unknown':
      if (n.code >= MVPN_ROUTE.SOURCE_AD && n.code <= MVPN_ROUTE.SOURCE_JOIN) {
        throw new EncodeError('mvpn-route', `MVPN route type ${n.code} must be given parsed, not raw`);
      }
      w.bytes(n.raw);
      return;
    default:
      assertNever(n, 'MVPN route');
  }
  encodeSizedAddress(w, n.source);
  encodeSizedAddress(w, n.group);
}

/** Route type, length, body. */
export function encodeMvpnRoute(w: Writer, n: MvpnRoute): void {
  w.u8(mvpnCode(n));
  const at = w.reserve(1);
  encodeBody(w, n);
  w.patchLength(at, 1);
}
