/**
 * Extended communities made of an administrator and a local number, in the three encodings:
 *
 *   type 0x00: | 0x00 | sub | AS (2)   | local (4)   |   RFC 4360 §3.1
 *   type 0x01: | 0x01 | sub | IPv4 (4) | local (2)   |   RFC 4360 §3.2
 *   type 0x02: | 0x02 | sub | AS (4)         | local (2) |   RFC 5668 §2
 *
 * Subtypes: 0x02 route target (RFC 4360 §4), 0x03 route origin (§5), 0x13 RT record (RFC 7153).
 * ExaBGP prints the 2-byte-AS route origin's local part as an IPv4 address; kept for its output.
 */
import { formatIPv4 } from '../../nlri/prefix.js';
import { type ExtCommunityCodec, ecKey } from './codec.js';
import type { AdminFormat, AdminLocalEc } from './types.js';

const FORMATS: readonly AdminFormat[] = ['as2', 'ipv4', 'as4'];

export function decodeAdminLocal(kind: AdminLocalEc['kind'], raw: Buffer): AdminLocalEc {
  const format = FORMATS[raw[0]! & 0x0f]!;
  if (format === 'as2') return { kind, format, global: raw.readUInt16BE(2), local: raw.readUInt32BE(4), raw };
  if (format === 'ipv4') return { kind, format, global: formatIPv4(raw, 2), local: raw.readUInt16BE(6), raw };
  return { kind, format, global: raw.readUInt32BE(2), local: raw.readUInt16BE(6), raw };
}

function keys(subtype: number): number[] {
  return [ecKey(0, subtype), ecKey(1, subtype), ecKey(2, subtype)];
}

export const routeTargetEc: ExtCommunityCodec<AdminLocalEc> = {
  kind: 'target',
  keys: keys(0x02),
  decode: (raw) => decodeAdminLocal('target', raw),
  string: (v) => `target:${v.global}:${v.local}`,
};

export const routeOriginEc: ExtCommunityCodec<AdminLocalEc> = {
  kind: 'origin',
  keys: keys(0x03),
  decode: (raw) => decodeAdminLocal('origin', raw),
  string: (v) =>
    v.format === 'as2' ? `origin:${v.global}:${formatIPv4(v.raw, 4)}` : `origin:${v.global}:${v.local}`,
};

export const rtRecordEc: ExtCommunityCodec<AdminLocalEc> = {
  kind: 'rt-record',
  keys: keys(0x13),
  decode: (raw) => decodeAdminLocal('rt-record', raw),
  string: (v) => `rtrecord:${v.global}:${v.local}`,
};
