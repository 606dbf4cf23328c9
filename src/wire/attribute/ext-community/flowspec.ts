/**
 * FlowSpec action extended communities (RFC 8955 §7, RFC 7674, and drafts ExaBGP implements).
 *
 *   0x8006 traffic-rate     | 0x80 | 0x06 | AS (2) | rate (IEEE float, 4) |
 *   0x8007 traffic-action   | 0x80 | 0x07 | reserved (5) | flags: S(0x02) T(0x01) |
 *   0x800c traffic-rate-packets | 0x80 | 0x0c | AS (2) | rate (IEEE float, 4) |
 *   0x8008 redirect AS2     | 0x80 | 0x08 | AS (2) | local (4) |
 *   0x8108 redirect IPv4    | 0x81 | 0x08 | IPv4 (4) | local (2) |      RFC 7674
 *   0x8208 redirect AS4     | 0x82 | 0x08 | AS (4) | local (2) |        RFC 7674
 *   0x8009 traffic-marking  | 0x80 | 0x09 | reserved (5) | DSCP (1) |
 *   0x010c redirect-to-ip   | 0x01 | 0x0c | IPv4 (4) | flags (2): C(0x01) |  draft-ietf-idr-flowspec-redirect-ip
 *   0x0800 redirect-to-nh   | 0x08 | 0x00 | reserved (5) | flags: C(0x01) |  draft-simpson-idr-flowspec-redirect
 *   0x0702 interface-set    | 0x07 | 0x02 | AS (4) | direction (2 bits) + id (14 bits) |
 *
 * ExaBGP 5.0 has no name for the IPv4 redirect (0x8108) nor the packet rate (0x800c): they are
 * decoded here but printed as ExaBGP prints unknown communities.
 */
import { hexUpper } from '../../json.js';
import { formatIPv4 } from '../../nlri/prefix.js';
import { decodeAdminLocal } from './admin-local.js';
import { type ExtCommunityCodec, ecKey, pyIntText } from './codec.js';
import type {
  InterfaceSetEc,
  RedirectEc,
  RedirectToNextHopEc,
  RedirectToNextHopIetfEc,
  TrafficActionEc,
  TrafficMarkEc,
  TrafficRateEc,
  TrafficRatePacketsEc,
} from './types.js';

export const trafficRateEc: ExtCommunityCodec<TrafficRateEc> = {
  kind: 'traffic-rate',
  keys: [ecKey(0x80, 0x06)],
  decode: (raw) => ({ kind: 'traffic-rate', asn: raw.readUInt16BE(2), rate: raw.readFloatBE(4), raw }),
  string: (v) => `rate-limit:${pyIntText(v.rate)}`,
};

export const trafficRatePacketsEc: ExtCommunityCodec<TrafficRatePacketsEc> = {
  kind: 'traffic-rate-packets',
  keys: [ecKey(0x80, 0x0c)],
  decode: (raw) => ({
    kind: 'traffic-rate-packets',
    asn: raw.readUInt16BE(2),
    rate: raw.readFloatBE(4),
    raw,
  }),
  string: () => undefined,
};

export const trafficActionEc: ExtCommunityCodec<TrafficActionEc> = {
  kind: 'traffic-action',
  keys: [ecKey(0x80, 0x07)],
  decode: (raw) => ({
    kind: 'traffic-action',
    sample: (raw[7]! & 0x02) !== 0,
    terminal: (raw[7]! & 0x01) !== 0,
    raw,
  }),
  string: (v) =>
    `action ${[v.sample ? 'sample' : '', v.terminal ? 'terminal' : ''].filter(Boolean).join('-')}`,
};

export const redirectEc: ExtCommunityCodec<RedirectEc> = {
  kind: 'redirect',
  keys: [ecKey(0x80, 0x08), ecKey(0x81, 0x08), ecKey(0x82, 0x08)],
  decode: (raw) => ({ ...decodeAdminLocal('target', raw), kind: 'redirect' }),
  // ExaBGP 5.0 prints the 4-byte AS form as its hex, and does not decode the IPv4 form at all.
  string: (v) => {
    if (v.format === 'as2') return `redirect:${v.global}:${v.local}`;
    return v.format === 'as4' ? `0x${hexUpper(v.raw)}` : undefined;
  },
};

export const trafficMarkEc: ExtCommunityCodec<TrafficMarkEc> = {
  kind: 'traffic-mark',
  keys: [ecKey(0x80, 0x09)],
  decode: (raw) => ({ kind: 'traffic-mark', dscp: raw[7]!, raw }),
  string: (v) => `mark ${v.dscp}`,
};

export const redirectToNextHopIetfEc: ExtCommunityCodec<RedirectToNextHopIetfEc> = {
  kind: 'redirect-to-nexthop-ietf',
  keys: [ecKey(0x01, 0x0c)],
  decode: (raw) => ({
    kind: 'redirect-to-nexthop-ietf',
    ip: formatIPv4(raw, 2),
    copy: (raw.readUInt16BE(6) & 0x01) !== 0,
    raw,
  }),
  string: (v) => nextHopIetfString(v.ip, v.copy),
};

export function nextHopIetfString(ip: string, copy: boolean): string {
  return copy ? `copy-to-nexthop-ietf ${ip} (with copy)` : `redirect-to-nexthop-ietf ${ip}`;
}

export const redirectToNextHopEc: ExtCommunityCodec<RedirectToNextHopEc> = {
  kind: 'redirect-to-nexthop',
  keys: [ecKey(0x08, 0x00)],
  decode: (raw) => ({ kind: 'redirect-to-nexthop', copy: (raw[7]! & 0x01) !== 0, raw }),
  string: (v) => (v.copy ? 'copy-to-nexthop' : 'redirect-to-nexthop'),
};

const DIRECTIONS: Record<number, string> = { 1: 'input', 2: 'output', 3: 'input-output' };

export const interfaceSetEc: ExtCommunityCodec<InterfaceSetEc> = {
  kind: 'interface-set',
  keys: [ecKey(0x07, 0x02)],
  decode: (raw) => {
    const word = raw.readUInt16BE(6);
    return {
      kind: 'interface-set',
      transitive: (raw[0]! & 0x40) === 0,
      asn: raw.readUInt32BE(2),
      direction: word >>> 14,
      // ExaBGP keeps 13 of the 14 identifier bits; its output is matched.
      target: word & 0x1fff,
      raw,
    };
  },
  string: (v) => `interface-set:${DIRECTIONS[v.direction] ?? String(v.direction)}:${v.asn}:${v.target}`,
};
