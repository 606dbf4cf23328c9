/**
 * The extended community sub-registry: an explicit list of descriptors, keyed as ExaBGP keys
 * them (low nibble of the type, subtype); duplicate keys fail at load. Anything else decodes to
 * { kind: 'unknown', raw }.
 */
import { assertNever } from '../../error.js';
import { hexUpper, type JsonObject } from '../../json.js';
import { routeOriginEc, routeTargetEc, rtRecordEc } from './admin-local.js';
import { type ExtCommunityCodec, ecKey } from './codec.js';
import {
  interfaceSetEc,
  redirectEc,
  redirectToNextHopEc,
  redirectToNextHopIetfEc,
  trafficActionEc,
  trafficMarkEc,
  trafficRateEc,
  trafficRatePacketsEc,
} from './flowspec.js';
import {
  bandwidthEc,
  consistentHashSortOrderEc,
  encapsulationEc,
  l2InfoEc,
  macMobilityEc,
  mupEc,
} from './other.js';
import type { ExtCommunity } from './types.js';

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of codecs, each typed on its own
type AnyCodec = ExtCommunityCodec<any>;

const CODECS: readonly AnyCodec[] = [
  routeTargetEc,
  routeOriginEc,
  rtRecordEc,
  trafficRateEc,
  trafficRatePacketsEc,
  trafficActionEc,
  redirectEc,
  trafficMarkEc,
  redirectToNextHopIetfEc,
  redirectToNextHopEc,
  interfaceSetEc,
  encapsulationEc,
  l2InfoEc,
  macMobilityEc,
  bandwidthEc,
  consistentHashSortOrderEc,
  mupEc,
];

const BY_KEY = new Map<number, AnyCodec>();
const BY_KIND = new Map<string, AnyCodec>();
for (const c of CODECS) {
  for (const k of c.keys) {
    if (BY_KEY.has(k)) throw new Error(`duplicate extended community key 0x${k.toString(16)}`);
    BY_KEY.set(k, c);
  }
  BY_KIND.set(c.kind, c);
}

/** Decode one community from its 8 bytes (the buffer is kept: pass a copy). */
export function decodeExtCommunity(raw: Buffer): ExtCommunity {
  const c = BY_KEY.get(ecKey(raw[0]!, raw[1]!));
  return c ? (c.decode(raw) as ExtCommunity) : { kind: 'unknown', raw };
}

/** ExaBGP's text for one community ('target:65000:1'; hex when it has no name). */
export function extCommunityText(e: ExtCommunity): string {
  const named = e.kind === 'unknown' ? undefined : codecOf(e).string(e);
  return named ?? `0x${hexUpper(e.raw)}`;
}

/** ExaBGP's JSON for one community: the 64-bit value and its string ('' when unknown). */
export function extCommunityJson(e: ExtCommunity): JsonObject {
  if (e.kind === 'unknown') return { value: e.raw.readBigUInt64BE(0), string: '' };
  const c = codecOf(e);
  const bytes = c.jsonBytes ? c.jsonBytes(e) : e.raw;
  return { value: bytes.readBigUInt64BE(0), string: c.string(e) ?? '' };
}

function codecOf(e: Exclude<ExtCommunity, { kind: 'unknown' }>): AnyCodec {
  const c = BY_KIND.get(e.kind);
  if (!c) return assertNever(e as never, 'extended community kind');
  return c;
}
