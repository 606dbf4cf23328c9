/**
 * Addresses inside typed NLRI (EVPN RFC 7432 §7, MVPN RFC 6514 §4, MUP draft-mpmz-bess-mup-safi
 * §3): a full IPv4 or IPv6 address, often after a one-octet length in bits.
 *
 *   +---------------------------------+
 *   |  Address Length (1 octet, bits) |   32 or 128 (0 = absent, where a field allows it)
 *   +---------------------------------+
 *   |  Address (4 or 16 octets)       |
 *   +---------------------------------+
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { EncodeError } from '../../error.js';
import { formatIPv4, formatIPv6, parseIPv4, parseIPv6 } from '../prefix.js';
import { invalidNlri } from './typed-route.js';

/** Read `bytes` (4 or 16) octets as address text. */
export function decodeAddress(r: Reader, bytes: number): string {
  const b = r.bytes(bytes, 'address');
  return bytes === 4 ? formatIPv4(b) : formatIPv6(b);
}

/**
 * Read a length octet (bits) and the address after it. Only 32 and 128 are addresses; any other
 * value is "Invalid Network Field" with the given error code.
 */
export function decodeSizedAddress(r: Reader, errorCode: string, what: string): string {
  const bits = r.u8();
  if (bits !== 32 && bits !== 128) {
    throw invalidNlri(r, errorCode, `${what} length is ${bits} bits, expected 32 or 128`);
  }
  return decodeAddress(r, bits / 8);
}

/** The wire bytes of an IPv4 or IPv6 address text (IPv6 when it has a ':'). */
export function addressOf(ip: string): Buffer {
  const b = ip.includes(':') ? parseIPv6(ip) : parseIPv4(ip);
  if (!b) throw new EncodeError('address', `'${ip}' is not an IP address`);
  return b;
}

export function encodeAddress(w: Writer, ip: string): void {
  w.bytes(addressOf(ip));
}

/** Length octet in bits, then the address. */
export function encodeSizedAddress(w: Writer, ip: string): void {
  const b = addressOf(ip);
  w.u8(b.length * 8);
  w.bytes(b);
}
