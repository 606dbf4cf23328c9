/**
 * EVPN field codecs shared by the route types (RFC 7432 §5, §7): the 10-octet Ethernet Segment
 * Identifier and the 6-octet MAC address, kept as text in ExaBGP's spelling.
 *
 *   ESI:  | Type (1) | ESI Value (9) |     "-" when all ten octets are zero, else "00:11:...:99"
 *   MAC:  | 6 octets |                    "FC:15:B4:78:7B:8F"
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { EncodeError } from '../../error.js';

export const ESI_BYTES = 10;
export const MAC_BYTES = 6;
/** ExaBGP's text for the all-zero ESI (a single-homed site, RFC 7432 §5). */
export const ESI_ZERO = '-';

function colonHex(b: Uint8Array, upper: boolean): string {
  const parts: string[] = [];
  for (const byte of b) parts.push(byte.toString(16).padStart(2, '0'));
  const text = parts.join(':');
  return upper ? text.toUpperCase() : text;
}

/** Parse "aa:bb:..." of exactly `n` octets; undefined when it is not that. */
function parseColonHex(text: string, n: number): Buffer | undefined {
  const parts = text.split(':');
  if (parts.length !== n) return undefined;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    const p = parts[i]!;
    if (!/^[0-9a-fA-F]{1,2}$/.test(p)) return undefined;
    out[i] = Number.parseInt(p, 16);
  }
  return out;
}

export function decodeEsi(r: Reader): string {
  const b = r.bytes(ESI_BYTES, 'ethernet segment identifier');
  return b.every((x) => x === 0) ? ESI_ZERO : colonHex(b, false);
}

/** The 10 octets of an ESI text ("-" or ten colon-separated hex octets). */
export function esiBytes(esi: string): Buffer {
  if (esi === ESI_ZERO) return Buffer.alloc(ESI_BYTES);
  const b = parseColonHex(esi, ESI_BYTES);
  if (!b) throw new EncodeError('esi', `'${esi}' is not an ethernet segment identifier`);
  return b;
}

export function encodeEsi(w: Writer, esi: string): void {
  w.bytes(esiBytes(esi));
}

export function decodeMac(r: Reader): string {
  return colonHex(r.bytes(MAC_BYTES, 'mac address'), true);
}

export function macBytes(mac: string): Buffer {
  const b = parseColonHex(mac, MAC_BYTES);
  if (!b) throw new EncodeError('mac', `'${mac}' is not a MAC address`);
  return b;
}

export function encodeMac(w: Writer, mac: string): void {
  w.bytes(macBytes(mac));
}
