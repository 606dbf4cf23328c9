/**
 * IPv4/IPv6 unicast and multicast NLRI (RFC 4271 §4.3, RFC 4760 §5): one prefix, with an RFC
 * 7911 path identifier in front when ADD-PATH is on (read by the caller).
 *
 *   +---------------------------+
 *   |   Length (1 octet)        |   prefix length in bits, 0..32 (IPv4) or 0..128 (IPv6)
 *   +---------------------------+
 *   |   Prefix (variable)       |   ceil(length / 8) octets, trailing bits as sent
 *   +---------------------------+
 *
 * This is the hot loop of bulk decoding (millions of prefixes per second): the decoder reads
 * the buffer directly, makes one object per prefix and no closures, regexes or copies.
 * ExaBGP JSON: { "nlri": "10.0.0.0/24" } plus "path-information" with ADD-PATH.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError, NotifyError } from '../error.js';
import { AFI } from '../iana/afi.js';
import { SAFI } from '../iana/safi.js';
import type { JsonObject } from '../json.js';
import type { NlriBase, NlriCodec } from './codec.js';
import { type Family, familyKey } from './family.js';
import { formatIPv4, formatIPv6, parseIPv4Into, parseIPv6Into, prefixBytes } from './prefix.js';
import { addPathIdJson, pathIdSuffix } from './qualifier/path-id.js';

export interface InetNlri extends NlriBase {
  readonly kind: 'inet';
  /** The prefix address as canonical text, host bits as received. */
  readonly ip: string;
  /** Prefix length in bits. */
  readonly length: number;
}

/** Largest prefix length of an address family: 32 for IPv4, 128 for IPv6. */
export function maxPrefixBits(afi: number): number {
  return afi === AFI.IPV6 ? 128 : 32;
}

/**
 * Read the prefix at the reader's position (the length octet, then the bytes) and return its
 * text. A length beyond the address size is "Invalid Network Field" (RFC 4271 §6.3); running
 * past the end throws the reader's own short-read error.
 */
export function readPrefixText(r: Reader, afi: number, bits: number): string {
  const n = prefixBytes(bits);
  if (r.pos + n > r.end) r.fail(`prefix /${bits}: needs ${n} byte(s), ${r.end - r.pos} left`);
  const ip = afi === AFI.IPV6 ? formatIPv6(r.buf, r.pos, n) : formatIPv4(r.buf, r.pos, n);
  r.pos += n;
  return ip;
}

export function badPrefixLength(at: number, bits: number, afi: number): NotifyError {
  return new NotifyError(
    3,
    10,
    'nlri-prefix-length',
    `prefix length ${bits} > ${maxPrefixBits(afi)}`,
    undefined,
    at,
  );
}

export function decodeInet(r: Reader, family: Family, pathId: number | undefined): InetNlri {
  const afi = family.afi;
  const at = r.pos;
  if (at >= r.end) r.fail('prefix: no length octet');
  const length = r.buf[at]!;
  if (length > maxPrefixBits(afi)) throw badPrefixLength(at, length, afi);
  r.pos = at + 1;
  const ip = readPrefixText(r, afi, length);
  const key = familyKey(afi, family.safi);
  return pathId === undefined
    ? { kind: 'inet', family: key, ip, length }
    : { kind: 'inet', family: key, pathId, ip, length };
}

// One scratch buffer for address bytes: encoders run synchronously and copy what they write.
const SCRATCH = Buffer.alloc(16);

/** Write the prefix bytes (without the length octet) of `ip` truncated to `bits`. */
export function writePrefixBytes(w: Writer, afi: number, ip: string, bits: number): void {
  if (!Number.isInteger(bits) || bits < 0 || bits > maxPrefixBits(afi))
    throw new EncodeError('prefix-length', `prefix length ${bits} is out of range`);
  const n = prefixBytes(bits);
  if (afi === AFI.IPV6) {
    if (!parseIPv6Into(ip, SCRATCH)) throw new EncodeError('address', `'${ip}' is not an IPv6 address`);
    w.bytes(SCRATCH.subarray(0, n));
    return;
  }
  if (!parseIPv4Into(ip, SCRATCH)) throw new EncodeError('address', `'${ip}' is not an IPv4 address`);
  w.bytes(SCRATCH.subarray(0, n));
}

export function encodeInet(w: Writer, nlri: InetNlri): void {
  w.u8(nlri.length);
  writePrefixBytes(w, nlri.family >> 8, nlri.ip, nlri.length);
}

export const inetCodec: NlriCodec<InetNlri> = {
  kind: 'inet',
  families: [
    familyKey(AFI.IPV4, SAFI.UNICAST),
    familyKey(AFI.IPV6, SAFI.UNICAST),
    familyKey(AFI.IPV4, SAFI.MULTICAST),
    familyKey(AFI.IPV6, SAFI.MULTICAST),
  ],
  decode: decodeInet,
  encode: encodeInet,
  json(nlri: InetNlri): JsonObject {
    const out: JsonObject = { nlri: `${nlri.ip}/${nlri.length}` };
    addPathIdJson(out, nlri.pathId);
    return out;
  },
  text(nlri: InetNlri): string {
    return `${nlri.ip}/${nlri.length}${pathIdSuffix(nlri.pathId)}`;
  },
  key(nlri: InetNlri): string {
    return `${nlri.ip}/${nlri.length}`;
  },
};
