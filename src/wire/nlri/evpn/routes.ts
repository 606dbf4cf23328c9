/**
 * EVPN route bodies (RFC 7432 §7.1-7.4, RFC 9136 §3.1): decode and encode the bytes after the
 * route type and length octets. Each decoder gets a reader over exactly one route's body and
 * must consume all of it; a field that does not fit is "Invalid Network Field" (3/10).
 *
 *   1 Ethernet A-D:   RD(8) ESI(10) Ethernet Tag(4) MPLS Label(3)
 *   2 MAC/IP:         RD(8) ESI(10) Ethernet Tag(4) MAC Len(1) MAC(6) IP Len(1) IP(0/4/16)
 *                     MPLS Label1(3) [MPLS Label2(3)]
 *   3 Inclusive Mcast: RD(8) Ethernet Tag(4) IP Len(1) Originating Router's IP(4/16)
 *   4 Ethernet Seg.:  RD(8) ESI(10) IP Len(1) Originating Router's IP(4/16)
 *   5 IP Prefix:      RD(8) ESI(10) Ethernet Tag(4) IP Prefix Len(1) IP Prefix(4/16)
 *                     GW IP(4/16) MPLS Label(3)            (34 or 58 octets in all)
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { assertNever, EncodeError } from '../../error.js';
import { addressOf, decodeAddress, decodeSizedAddress, encodeSizedAddress } from '../qualifier/address.js';
import { encodeLabels } from '../qualifier/labels.js';
import { decodeRd, encodeRd } from '../qualifier/rd.js';
import { invalidNlri } from '../qualifier/typed-route.js';
import { decodeEsi, decodeMac, encodeEsi, encodeMac } from './fields.js';
import { EVPN_ROUTE, type EvpnRoute } from './types.js';

const MAC_BITS = 48;
/** RFC 9136 §3.1: the IP Prefix route is 34 octets with IPv4 and 58 with IPv6. */
const PREFIX_V4_BYTES = 34;
const PREFIX_V6_BYTES = 58;

function decodeEthernetAd(r: Reader): EvpnRoute {
  const rd = decodeRd(r);
  const esi = decodeEsi(r);
  const etag = r.u32();
  if (r.remaining % 3 !== 0) throw invalidNlri(r, 'evpn-label-stack', 'Ethernet A-D route: partial label');
  const labels: number[] = [];
  while (!r.done) labels.push(r.u24());
  return { route: 'ethernet-ad', rd, esi, etag, labels };
}

function decodeMacIp(r: Reader): EvpnRoute {
  const rd = decodeRd(r);
  const esi = decodeEsi(r);
  const etag = r.u32();
  const macLength = r.u8();
  if (macLength > MAC_BITS) throw invalidNlri(r, 'evpn-mac-length', `MAC length ${macLength} > 48 bits`);
  const mac = decodeMac(r);
  const ipBits = r.u8();
  if (ipBits !== 0 && ipBits !== 32 && ipBits !== 128) {
    throw invalidNlri(r, 'evpn-ip-length', `MAC/IP route: IP length ${ipBits}, expected 0, 32 or 128`);
  }
  const ip = ipBits === 0 ? undefined : decodeAddress(r, ipBits / 8);
  // RFC 7432 §7.2: Label1, then Label2 only when the route carries one; nothing else.
  if (r.remaining !== 3 && r.remaining !== 6) {
    throw invalidNlri(r, 'evpn-route-length', `MAC/IP route: ${r.remaining} octets of labels`);
  }
  const labels = r.remaining === 3 ? [r.u24()] : [r.u24(), r.u24()];
  return ip === undefined
    ? { route: 'mac-ip', rd, esi, etag, macLength, mac, labels }
    : { route: 'mac-ip', rd, esi, etag, macLength, mac, ip, labels };
}

function decodeMulticast(r: Reader): EvpnRoute {
  const rd = decodeRd(r);
  const etag = r.u32();
  const ip = decodeSizedAddress(r, 'evpn-ip-length', 'Inclusive Multicast route: originating router IP');
  return { route: 'multicast', rd, etag, ip };
}

function decodeSegment(r: Reader): EvpnRoute {
  const rd = decodeRd(r);
  const esi = decodeEsi(r);
  const ip = decodeSizedAddress(r, 'evpn-ip-length', 'Ethernet Segment route: originating router IP');
  return { route: 'segment', rd, esi, ip };
}

function decodePrefix(r: Reader): EvpnRoute {
  const size = r.remaining;
  if (size !== PREFIX_V4_BYTES && size !== PREFIX_V6_BYTES) {
    throw invalidNlri(r, 'evpn-route-length', `IP Prefix route is ${size} octets, expected 34 or 58`);
  }
  const width = size === PREFIX_V4_BYTES ? 4 : 16;
  const rd = decodeRd(r);
  const esi = decodeEsi(r);
  const etag = r.u32();
  const prefixLength = r.u8();
  // RFC 9136 §3.1: "between 0 and 32 (bits) for ipv4 and between 0 and 128 for ipv6".
  if (prefixLength > width * 8) {
    throw invalidNlri(r, 'evpn-prefix-length', `IP Prefix length ${prefixLength} > ${width * 8}`);
  }
  const ip = decodeAddress(r, width);
  const gateway = decodeAddress(r, width);
  const labels = [r.u24()];
  return { route: 'prefix', rd, esi, etag, prefixLength, ip, gateway, labels };
}

/** Decode one route body of type `code`; `r` spans exactly that body. */
export function decodeEvpnRoute(code: number, r: Reader): EvpnRoute {
  let route: EvpnRoute;
  switch (code) {
    case EVPN_ROUTE.ETHERNET_AD:
      route = decodeEthernetAd(r);
      break;
    case EVPN_ROUTE.MAC_IP:
      route = decodeMacIp(r);
      break;
    case EVPN_ROUTE.MULTICAST:
      route = decodeMulticast(r);
      break;
    case EVPN_ROUTE.SEGMENT:
      route = decodeSegment(r);
      break;
    case EVPN_ROUTE.PREFIX:
      route = decodePrefix(r);
      break;
    default:
      return { route: 'unknown', code, raw: Buffer.from(r.rest()) };
  }
  if (!r.done) throw invalidNlri(r, 'evpn-route-length', `${r.remaining} octet(s) left after an EVPN route`);
  return route;
}

/** The route type code of a value. */
export function evpnCode(n: EvpnRoute): number {
  switch (n.route) {
    case 'ethernet-ad':
      return EVPN_ROUTE.ETHERNET_AD;
    case 'mac-ip':
      return EVPN_ROUTE.MAC_IP;
    case 'multicast':
      return EVPN_ROUTE.MULTICAST;
    case 'segment':
      return EVPN_ROUTE.SEGMENT;
    case 'prefix':
      return EVPN_ROUTE.PREFIX;
    case 'unknown':
      return n.code;
    default:
      return assertNever(n, 'EVPN route');
  }
}

function checkLabels(labels: readonly number[], min: number, max: number, what: string): void {
  if (labels.length < min || labels.length > max) {
    throw new EncodeError('evpn-labels', `${what}: ${labels.length} label(s), expected ${min} to ${max}`);
  }
}

function encodeMacIp(w: Writer, n: Extract<EvpnRoute, { route: 'mac-ip' }>): void {
  checkLabels(n.labels, 1, 2, 'MAC/IP route');
  if (n.macLength > MAC_BITS) throw new EncodeError('evpn-mac-length', `MAC length ${n.macLength} > 48`);
  encodeRd(w, n.rd);
  encodeEsi(w, n.esi);
  w.u32(n.etag).u8(n.macLength);
  encodeMac(w, n.mac);
  if (n.ip === undefined) w.u8(0);
  else encodeSizedAddress(w, n.ip);
  encodeLabels(w, n.labels);
}

function encodePrefix(w: Writer, n: Extract<EvpnRoute, { route: 'prefix' }>): void {
  checkLabels(n.labels, 1, 1, 'IP Prefix route');
  const ip = addressOf(n.ip);
  const gateway = addressOf(n.gateway);
  if (ip.length !== gateway.length)
    throw new EncodeError('evpn-gateway', 'IP prefix and gateway families differ');
  if (n.prefixLength > ip.length * 8) {
    throw new EncodeError('evpn-prefix-length', `prefix length ${n.prefixLength} > ${ip.length * 8}`);
  }
  encodeRd(w, n.rd);
  encodeEsi(w, n.esi);
  w.u32(n.etag).u8(n.prefixLength).bytes(ip).bytes(gateway);
  encodeLabels(w, n.labels);
}

function encodeBody(w: Writer, n: EvpnRoute): void {
  switch (n.route) {
    case 'ethernet-ad':
      encodeRd(w, n.rd);
      encodeEsi(w, n.esi);
      w.u32(n.etag);
      encodeLabels(w, n.labels);
      break;
    case 'mac-ip':
      encodeMacIp(w, n);
      break;
    case 'multicast':
      encodeRd(w, n.rd);
      w.u32(n.etag);
      encodeSizedAddress(w, n.ip);
      break;
    case 'segment':
      encodeRd(w, n.rd);
      encodeEsi(w, n.esi);
      encodeSizedAddress(w, n.ip);
      break;
    case 'prefix':
      encodePrefix(w, n);
      break;
    case 'unknown':
      w.bytes(n.raw);
      break;
    default:
      assertNever(n, 'EVPN route');
  }
}

/** Route type, length, body. */
export function encodeEvpnRoute(w: Writer, n: EvpnRoute): void {
  const code = evpnCode(n);
  if (n.route === 'unknown' && code >= EVPN_ROUTE.ETHERNET_AD && code <= EVPN_ROUTE.PREFIX) {
    throw new EncodeError('evpn-route', `route type ${code} must be given parsed, not raw`);
  }
  w.u8(code);
  const at = w.reserve(1);
  encodeBody(w, n);
  w.patchLength(at, 1);
}
