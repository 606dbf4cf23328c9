/**
 * Route Target Constraint NLRI, ipv4 rtc (RFC 4684 §4): an origin AS and a route target
 * (an extended community), as a prefix of 0 or 32..96 bits. Length 0 is the default route
 * target ("wildcard") that asks for every VPN route.
 *
 *   +-------------------------------+
 *   | Length (1 octet, bits)        |   0, or 32 (origin only) .. 96
 *   +-------------------------------+
 *   | Origin AS (4 octets)          |
 *   +-------------------------------+
 *   | Route Target (0..8 octets)    |   the leading (length - 32) bits
 *   +-------------------------------+
 *
 * ExaBGP 5.0 JSON: { "origin": 65000, "route-target": "target:65000:100" }, the wildcard as
 * { "origin": 0, "route-target": null }. INTEROP: ExaBGP reads a full 13 bytes whatever the
 * length; we honour the length (RFC 4684 allows shorter route-target prefixes).
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError, NotifyError } from '../error.js';
import { AFI } from '../iana/afi.js';
import { SAFI } from '../iana/safi.js';
import { hex0x, type JsonObject } from '../json.js';
import type { NlriBase, NlriCodec } from './codec.js';
import { type Family, familyKey } from './family.js';
import { formatIPv4, prefixBytes } from './prefix.js';
import { addPathIdJson, pathIdSuffix } from './qualifier/path-id.js';

export interface RtcNlri extends NlriBase {
  readonly kind: 'rtc';
  /** Prefix length in bits: 0 (wildcard) or 32..96. */
  readonly length: number;
  /** Origin AS (0 for the wildcard). */
  readonly origin: number;
  /** The route target bytes present on the wire ((length - 32) / 8 rounded up; 8 for a full one). */
  readonly routeTarget: Buffer;
}

const ORIGIN_BITS = 32;
const MAX_BITS = 96;
const RT_BYTES = 8;

/** ExaBGP's text of a route target extended community: "target:ASN:N" or "target:IP:N". */
export function routeTargetText(rt: Buffer): string {
  const b = Buffer.alloc(RT_BYTES);
  rt.copy(b, 0, 0, Math.min(rt.length, RT_BYTES));
  const type = b[0]! & 0x3f; // the IANA-authority and transitive bits do not apply here
  if (b[1] === 0x02) {
    if (type === 0) return `target:${b.readUInt16BE(2)}:${b.readUInt32BE(4)}`;
    if (type === 1) return `target:${formatIPv4(b, 2)}:${b.readUInt16BE(6)}`;
    if (type === 2) return `target:${b.readUInt32BE(2)}:${b.readUInt16BE(6)}`;
  }
  return hex0x(b);
}

function decodeRtc(r: Reader, family: Family, pathId: number | undefined): RtcNlri {
  const at = r.pos;
  const length = r.u8();
  let origin = 0;
  let routeTarget = Buffer.alloc(0);
  if (length !== 0) {
    if (length < ORIGIN_BITS || length > MAX_BITS) {
      throw new NotifyError(
        3,
        10,
        'nlri-prefix-length',
        `RTC length ${length} not 0 or 32..96`,
        undefined,
        at,
      );
    }
    origin = r.u32();
    routeTarget = Buffer.from(r.bytes(prefixBytes(length - ORIGIN_BITS), 'route target'));
  }
  const key = familyKey(family.afi, family.safi);
  return pathId === undefined
    ? { kind: 'rtc', family: key, length, origin, routeTarget }
    : { kind: 'rtc', family: key, pathId, length, origin, routeTarget };
}

function encodeRtc(w: Writer, nlri: RtcNlri): void {
  if (nlri.length === 0) {
    w.u8(0);
    return;
  }
  const want = prefixBytes(nlri.length - ORIGIN_BITS);
  if (nlri.length < ORIGIN_BITS || nlri.length > MAX_BITS || nlri.routeTarget.length !== want) {
    throw new EncodeError(
      'rtc',
      `RTC length ${nlri.length} with ${nlri.routeTarget.length} route-target bytes`,
    );
  }
  w.u8(nlri.length).u32(nlri.origin).bytes(nlri.routeTarget);
}

export const rtcCodec: NlriCodec<RtcNlri> = {
  kind: 'rtc',
  families: [familyKey(AFI.IPV4, SAFI.RTC)],
  decode: decodeRtc,
  encode: encodeRtc,
  json(nlri: RtcNlri): JsonObject {
    const out: JsonObject =
      nlri.length === 0
        ? { origin: 0, 'route-target': null }
        : { origin: nlri.origin, 'route-target': routeTargetText(nlri.routeTarget) };
    addPathIdJson(out, nlri.pathId);
    return out;
  },
  text(nlri: RtcNlri): string {
    const body =
      nlri.length === 0 ? 'rtc wildcard' : `rtc ${nlri.origin}:${routeTargetText(nlri.routeTarget)}`;
    return `${body}${pathIdSuffix(nlri.pathId)}`;
  },
  key(nlri: RtcNlri): string {
    return `${nlri.length}:${nlri.origin}:${nlri.routeTarget.toString('hex')}`;
  },
};
