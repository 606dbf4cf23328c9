/**
 * Next hops as the packer writes them: `self` resolved per neighbor, and the Network Address of
 * Next Hop field of MP_REACH_NLRI (RFC 4760 §3):
 *
 *   0 octets    FlowSpec without redirect-to-IP (RFC 8955 §4)
 *   4 / 16      IPv4 / IPv6 global
 *   32          IPv6 global + link-local (RFC 2545 §3)
 *   12 / 24     VPN families: zero route distinguisher + IPv4 / IPv6 (RFC 4364 §4.3.2,
 *               RFC 4659 §3.2.1.1)
 *   48          VPN: RD + IPv6 global, RD + IPv6 link-local (RFC 4659 §3.2.1.1)
 */
import { nextHopHasRd } from '../wire/attribute/mp-next-hop.js';
import { AFI } from '../wire/iana/afi.js';
import { addressBytes } from '../wire/nlri/prefix.js';
import type { NextHop } from './route.js';

export interface SelfAddresses {
  /** The session's local address: next-hop self for routes of its address family. */
  readonly localAddress: string;
  /** ExaBGP uses the router-id as next-hop self for IPv4 routes over an IPv6 session. */
  readonly routerId: string;
}

export interface ResolvedNextHop {
  readonly ip: string;
  readonly linkLocal?: string;
}

function afiOf(ip: string): number {
  return ip.includes(':') ? AFI.IPV6 : AFI.IPV4;
}

/** The next hop to send, or undefined when there is none (or `self` cannot be resolved). */
export function resolveNextHop(
  nextHop: NextHop | undefined,
  nlriAfi: number,
  self: SelfAddresses,
): ResolvedNextHop | undefined {
  if (!nextHop) return undefined;
  if (nextHop.kind === 'ip') return nextHop;
  if (afiOf(self.localAddress) === nlriAfi) return { ip: self.localAddress };
  if (nlriAfi === AFI.IPV4) return { ip: self.routerId };
  return undefined;
}

const RD_ZERO = Buffer.alloc(8);

/** The MP_REACH_NLRI next-hop field (without its length octet). */
export function mpNextHopBytes(nextHop: ResolvedNextHop | undefined, safi: number): Buffer {
  if (!nextHop) return Buffer.alloc(0);
  const parts: Buffer[] = [];
  const rd = nextHopHasRd(safi);
  for (const ip of nextHop.linkLocal ? [nextHop.ip, nextHop.linkLocal] : [nextHop.ip]) {
    if (rd) parts.push(RD_ZERO);
    parts.push(addressBytes(ip, afiOf(ip) === AFI.IPV6 ? 2 : 1));
  }
  return Buffer.concat(parts);
}

export function isIpv4(ip: string): boolean {
  return !ip.includes(':');
}
