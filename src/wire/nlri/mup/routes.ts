/**
 * BGP-MUP route bodies (draft-mpmz-bess-mup-safi, architecture 1 "3gpp-5g", as ExaBGP 5.0.13
 * has them): decode and encode the bytes after the architecture, route type and length. Each
 * decoder gets a reader over exactly one body and must consume all of it; a field that does
 * not fit is "Invalid Network Field" (3/10).
 *
 *   1 ISD:  RD(8) Prefix Length(1) Prefix(variable)
 *   2 DSD:  RD(8) Address(4 or 16)
 *   3 T1ST: RD(8) Prefix Length(1) Prefix(variable)
 *           TEID(4) QFI(1) Endpoint Length(1) Endpoint(4/16) [Source Length(1) Source(4/16)]
 *   4 T2ST: RD(8) Endpoint Length(1) Endpoint(4/16) TEID(0-4 octets, Endpoint Length - width bits)
 *
 * The prefix and the T2ST endpoint have the width of the NLRI's AFI (IPv4 4 octets, IPv6 16).
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { assertNever, EncodeError } from '../../error.js';
import { AFI } from '../../iana/afi.js';
import { formatIP } from '../prefix.js';
import { addressOf, decodeAddress, decodeSizedAddress, encodeSizedAddress } from '../qualifier/address.js';
import { decodeRd, encodeRd } from '../qualifier/rd.js';
import { invalidNlri } from '../qualifier/typed-route.js';
import { MUP_ARCH_3GPP_5G, MUP_ROUTE, type MupRoute } from './types.js';

/** The T2ST TEID is at most 32 bits. */
const MAX_TEID_BITS = 32;

function widthOf(afi: number): number {
  return afi === AFI.IPV6 ? 16 : 4;
}

/** Prefix Length then the prefix octets, padded to `width` octets. */
function decodeMupPrefix(r: Reader, width: number, what: string): { prefixLength: number; prefix: string } {
  const prefixLength = r.u8();
  if (prefixLength > width * 8) {
    throw invalidNlri(r, 'mup-prefix-length', `${what} prefix length ${prefixLength} > ${width * 8}`);
  }
  const bytes = r.bytes((prefixLength + 7) >>> 3, `${what} prefix`);
  const padded = Buffer.alloc(width);
  bytes.copy(padded);
  return { prefixLength, prefix: formatIP(padded) };
}

function decodeIsd(r: Reader, width: number): MupRoute {
  const rd = decodeRd(r);
  return { route: 'isd', rd, ...decodeMupPrefix(r, width, 'ISD') };
}

function decodeDsd(r: Reader): MupRoute {
  const rd = decodeRd(r);
  if (r.remaining !== 4 && r.remaining !== 16) {
    throw invalidNlri(r, 'mup-address-length', `DSD address of ${r.remaining} octets, expected 4 or 16`);
  }
  return { route: 'dsd', rd, ip: decodeAddress(r, r.remaining) };
}

function decodeT1st(r: Reader, width: number): MupRoute {
  const rd = decodeRd(r);
  const { prefixLength, prefix } = decodeMupPrefix(r, width, 'T1ST');
  const teid = r.u32();
  const qfi = r.u8();
  const endpoint = decodeSizedAddress(r, 'mup-address-length', 'T1ST endpoint');
  const base = { route: 't1st' as const, rd, prefixLength, prefix, teid, qfi, endpoint };
  if (r.done) return base;
  return { ...base, source: decodeSizedAddress(r, 'mup-address-length', 'T1ST source') };
}

function decodeT2st(r: Reader, width: number): MupRoute {
  const rd = decodeRd(r);
  const endpointLength = r.u8();
  const teidBits = endpointLength - width * 8;
  if (teidBits < 0 || teidBits > MAX_TEID_BITS) {
    throw invalidNlri(
      r,
      'mup-endpoint-length',
      `T2ST endpoint length ${endpointLength} for a ${width}-octet address`,
    );
  }
  const endpoint = decodeAddress(r, width);
  const teidBytes = (teidBits + 7) >>> 3;
  const teid = teidBytes === 0 ? 0 : r.bytes(teidBytes, 'T2ST TEID').readUIntBE(0, teidBytes);
  return { route: 't2st', rd, endpointLength, endpoint, teid };
}

function decodeKnown(code: number, r: Reader, width: number): MupRoute | undefined {
  switch (code) {
    case MUP_ROUTE.ISD:
      return decodeIsd(r, width);
    case MUP_ROUTE.DSD:
      return decodeDsd(r);
    case MUP_ROUTE.T1ST:
      return decodeT1st(r, width);
    case MUP_ROUTE.T2ST:
      return decodeT2st(r, width);
    default:
      return undefined;
  }
}

/** Decode one route body; `r` spans exactly that body, `afi` is the NLRI's. */
export function decodeMupRoute(arch: number, code: number, r: Reader, afi: number): MupRoute {
  const route = arch === MUP_ARCH_3GPP_5G ? decodeKnown(code, r, widthOf(afi)) : undefined;
  if (route === undefined) return { route: 'unknown', arch, code, raw: Buffer.from(r.rest()) };
  if (!r.done) throw invalidNlri(r, 'mup-route-length', `${r.remaining} octet(s) left after a MUP route`);
  return route;
}

/** Architecture and route type of a value. */
export function mupType(n: MupRoute): { arch: number; code: number } {
  switch (n.route) {
    case 'isd':
      return { arch: MUP_ARCH_3GPP_5G, code: MUP_ROUTE.ISD };
    case 'dsd':
      return { arch: MUP_ARCH_3GPP_5G, code: MUP_ROUTE.DSD };
    case 't1st':
      return { arch: MUP_ARCH_3GPP_5G, code: MUP_ROUTE.T1ST };
    case 't2st':
      return { arch: MUP_ARCH_3GPP_5G, code: MUP_ROUTE.T2ST };
    case 'unknown':
      return { arch: n.arch, code: n.code };
    default:
      return assertNever(n, 'MUP route');
  }
}

function encodeMupPrefix(w: Writer, prefixLength: number, prefix: string): void {
  const b = addressOf(prefix);
  if (prefixLength > b.length * 8)
    throw new EncodeError('mup-prefix-length', `prefix length ${prefixLength}`);
  w.u8(prefixLength).bytes(b.subarray(0, (prefixLength + 7) >>> 3));
}

function encodeT2st(w: Writer, n: Extract<MupRoute, { route: 't2st' }>): void {
  const endpoint = addressOf(n.endpoint);
  const teidBits = n.endpointLength - endpoint.length * 8;
  if (teidBits < 0 || teidBits > MAX_TEID_BITS) {
    throw new EncodeError('mup-endpoint-length', `endpoint length ${n.endpointLength} for ${n.endpoint}`);
  }
  const teidBytes = (teidBits + 7) >>> 3;
  if (!Number.isInteger(n.teid) || n.teid < 0 || n.teid >= 2 ** (teidBytes * 8)) {
    throw new EncodeError('mup-teid', `TEID ${n.teid} does not fit in ${teidBytes} octet(s)`);
  }
  encodeRd(w, n.rd);
  w.u8(n.endpointLength).bytes(endpoint);
  if (teidBytes > 0) {
    const teid = Buffer.alloc(teidBytes);
    teid.writeUIntBE(n.teid, 0, teidBytes);
    w.bytes(teid);
  }
}

function encodeBody(w: Writer, n: MupRoute): void {
  switch (n.route) {
    case 'isd':
      encodeRd(w, n.rd);
      encodeMupPrefix(w, n.prefixLength, n.prefix);
      break;
    case 'dsd':
      encodeRd(w, n.rd);
      w.bytes(addressOf(n.ip));
      break;
    case 't1st':
      encodeRd(w, n.rd);
      encodeMupPrefix(w, n.prefixLength, n.prefix);
      w.u32(n.teid).u8(n.qfi);
      encodeSizedAddress(w, n.endpoint);
      if (n.source !== undefined) encodeSizedAddress(w, n.source);
      break;
    case 't2st':
      encodeT2st(w, n);
      break;
    case 'unknown':
      if (n.arch === MUP_ARCH_3GPP_5G && n.code >= MUP_ROUTE.ISD && n.code <= MUP_ROUTE.T2ST) {
        throw new EncodeError('mup-route', `MUP route type ${n.code} must be given parsed, not raw`);
      }
      w.bytes(n.raw);
      break;
    default:
      assertNever(n, 'MUP route');
  }
}

/** The address whose width must match the NLRI's AFI, if the route has one. */
function afiBoundAddress(n: MupRoute): string | undefined {
  if (n.route === 'isd' || n.route === 't1st') return n.prefix;
  if (n.route === 't2st') return n.endpoint;
  return undefined;
}

/** Architecture type, route type, length, body; `afi` is the family the route is sent in. */
export function encodeMupRoute(w: Writer, n: MupRoute, afi: number): void {
  const bound = afiBoundAddress(n);
  if (bound !== undefined && addressOf(bound).length !== widthOf(afi)) {
    throw new EncodeError('mup-address-family', `${bound} does not belong in AFI ${afi}`);
  }
  const { arch, code } = mupType(n);
  w.u8(arch).u16(code);
  const at = w.reserve(1);
  encodeBody(w, n);
  w.patchLength(at, 1);
}
