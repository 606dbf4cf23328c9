/**
 * The Network Address of Next Hop field of MP_REACH_NLRI (RFC 4760 §3), whose layout depends on
 * its length and the family:
 *
 *   0 octets   FlowSpec (RFC 8955 §4: no next hop)
 *   4          IPv4
 *   16         IPv6 global (RFC 2545 §3), or IPv6 for IPv4 NLRI (RFC 8950 §3)
 *   32         IPv6 global + link-local (RFC 2545 §3)
 *   12 / 24    VPN families: a zero route distinguisher + IPv4 / IPv6 (RFC 4364 §4.3.2,
 *              RFC 4659 §3.2.1.1, RFC 8950 §3 for VPN-IPv4 over IPv6)
 *   48         VPN families: RD + IPv6 global, RD + IPv6 link-local (RFC 4659 §3.2.1.1)
 *
 * Addresses are kept as text with the route distinguishers dropped: they are zero by rule, so
 * the encoder puts them back for VPN families. Any layout that would not re-encode exactly (a
 * non-zero RD, ExaBGP's 40-octet RD + 2 × IPv6, an unknown family's odd length) is also kept raw.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError, NotifyError } from '../error.js';
import { SAFI } from '../iana/safi.js';
import { addressBytes, formatIPv4, formatIPv6 } from '../nlri/prefix.js';

export interface MpNextHop {
  /** Next-hop addresses in wire order: none, one, or global + link-local. */
  readonly nextHop: readonly string[];
  /** The field as received, present only when `nextHop` alone would not re-encode it exactly. */
  readonly nextHopRaw?: Buffer;
}

const RD_BYTES = 8;

/** Families whose next hop carries a route distinguisher (VPN-IPv4/IPv6, BGP-LS-VPN). */
export function nextHopHasRd(safi: number): boolean {
  return safi === SAFI.MPLS_VPN || safi === SAFI.BGP_LS_VPN;
}

function formatAddress(b: Buffer, off: number, len: number): string {
  return len === 4 ? formatIPv4(b, off) : formatIPv6(b, off);
}

function isZero(b: Buffer, off: number, len: number): boolean {
  for (let i = off; i < off + len; i++) if (b[i] !== 0) return false;
  return true;
}

/** Address offsets and sizes of each known layout, or undefined. */
function layout(len: number, vpn: boolean): readonly (readonly [number, number])[] | undefined {
  if (!vpn) {
    if (len === 0) return [];
    if (len === 4) return [[0, 4]];
    if (len === 16) return [[0, 16]];
    if (len === 32)
      return [
        [0, 16],
        [16, 16],
      ];
    return undefined;
  }
  if (len === 0) return [];
  if (len === 12) return [[8, 4]];
  if (len === 24) return [[8, 16]];
  if (len === 48)
    return [
      [8, 16],
      [32, 16],
    ];
  if (len === 40)
    return [
      [8, 16],
      [24, 16],
    ]; // INTEROP: ExaBGP's RD + global + link-local
  return undefined;
}

/**
 * Read the length octet and the next hop. `known` says whether bgpknife has a codec for the
 * family: then an impossible length is an error (RFC 7606 §7.11, "session reset"), otherwise
 * the bytes are kept raw.
 */
export function decodeMpNextHop(r: Reader, safi: number, known: boolean): MpNextHop {
  const at = r.pos;
  const len = r.u8();
  const b = r.bytes(len, 'next hop');
  const vpn = nextHopHasRd(safi);
  const parts = layout(len, vpn);
  if (!parts) {
    if (known) {
      throw new NotifyError(3, 9, 'mp-next-hop-length', `next hop of ${len} octets`, undefined, at);
    }
    return { nextHop: [], nextHopRaw: Buffer.from(b) };
  }
  const nextHop = parts.map(([off, size]) => formatAddress(b, off, size));
  const exact = !vpn || (len !== 40 && isZero(b, 0, RD_BYTES) && (len !== 48 || isZero(b, 24, RD_BYTES)));
  return exact ? { nextHop } : { nextHop, nextHopRaw: Buffer.from(b) };
}

/** Write the length octet and the next hop. */
export function encodeMpNextHop(w: Writer, safi: number, nh: MpNextHop): void {
  if (nh.nextHopRaw) {
    w.u8(nh.nextHopRaw.length).bytes(nh.nextHopRaw);
    return;
  }
  if (nh.nextHop.length > 2) throw new EncodeError('next-hop', 'at most two next-hop addresses');
  const lenAt = w.reserve(1);
  for (const ip of nh.nextHop) {
    if (nextHopHasRd(safi)) w.zeros(RD_BYTES);
    w.bytes(addressBytes(ip, ip.includes(':') ? 2 : 1));
  }
  w.patchLength(lenAt, 1);
}
