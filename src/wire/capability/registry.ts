/**
 * The capability registry (RFC 5492): one explicit list of descriptors, checked for duplicate
 * codes and kinds at load. Unknown codes decode to an UnknownCapability that re-encodes byte for
 * byte. This module also frames one capability (code, length, value) and builds ExaBGP's
 * `capabilities` JSON object of an OPEN.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import { DEFAULT_JSON_OPTIONS, type JsonObject, type JsonOptions } from '../json.js';
import { addPath } from './add-path.js';
import { asn4 } from './asn4.js';
import type { CapabilityCodec } from './codec.js';
import { enhancedRouteRefresh } from './enhanced-route-refresh.js';
import { extendedMessage } from './extended-message.js';
import { extendedNextHop } from './extended-next-hop.js';
import { gracefulRestart } from './graceful-restart.js';
import { hostname } from './hostname.js';
import { multiprotocol } from './multiprotocol.js';
import { ciscoMultisession, multisession } from './multisession.js';
import { operational } from './operational.js';
import { ciscoRouteRefresh, routeRefresh } from './route-refresh.js';
import { softwareVersion } from './software-version.js';
import type { Capability } from './types.js';
import {
  decodeUnknownCapability,
  encodeUnknownCapability,
  type UnknownCapability,
  unknownCapabilityJson,
} from './unknown.js';

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of codecs, each typed on its own
type AnyCodec = CapabilityCodec<any>;

/** Every capability bgpknife understands. Keep in code order. */
const CODECS: readonly AnyCodec[] = [
  multiprotocol, // 1, RFC 4760
  routeRefresh, // 2, RFC 2918
  extendedNextHop, // 5, RFC 8950
  extendedMessage, // 6, RFC 8654
  gracefulRestart, // 64, RFC 4724
  asn4, // 65, RFC 6793
  multisession, // 68, draft-ietf-idr-bgp-multisession
  addPath, // 69, RFC 7911
  enhancedRouteRefresh, // 70, RFC 7313
  hostname, // 73, draft-walton-bgp-hostname-capability
  softwareVersion, // 75, draft-abraitis-bgp-version-capability
  ciscoRouteRefresh, // 128, pre-RFC 2918 Cisco
  ciscoMultisession, // 131, Cisco
  operational, // 185, ExaBGP
];

const BY_CODE = new Map<number, AnyCodec>();
const BY_KIND = new Map<string, AnyCodec>();
for (const c of CODECS) {
  if (BY_CODE.has(c.code)) throw new Error(`duplicate capability code ${c.code}`);
  if (BY_KIND.has(c.kind) || c.kind === 'unknown') throw new Error(`duplicate capability kind ${c.kind}`);
  BY_CODE.set(c.code, c);
  BY_KIND.set(c.kind, c);
}

export function capabilityCodec(code: number): AnyCodec | undefined {
  return BY_CODE.get(code);
}

/** The codes bgpknife understands, in order (for property tests and tools). */
export function knownCapabilityCodes(): number[] {
  return CODECS.map((c) => c.code);
}

/** The capability code of a value. */
export function capabilityCode(c: Capability): number {
  if (c.kind === 'unknown') return c.code;
  const codec = BY_KIND.get(c.kind);
  if (!codec) throw new EncodeError('capability', `no codec for capability kind ${c.kind}`);
  return codec.code;
}

/** Decode one capability value (the reader spans its value). Throws NotifyError (2/0). */
export function decodeCapabilityValue(code: number, r: Reader): Capability {
  const c = BY_CODE.get(code);
  if (!c) return decodeUnknownCapability(r, code);
  return c.decode(r) as Capability;
}

/** Read one capability: code, length, value. The reader's short-read error applies. */
export function decodeCapability(r: Reader): Capability {
  const code = r.u8();
  const length = r.u8();
  return decodeCapabilityValue(code, r.sub(length, r.short, 'capability value'));
}

/** Write one capability: code, length, value. EncodeError if the value exceeds 255 bytes. */
export function encodeCapability(w: Writer, c: Capability): void {
  w.u8(capabilityCode(c));
  const lenAt = w.reserve(1);
  if (c.kind === 'unknown') encodeUnknownCapability(w, c);
  else BY_KIND.get(c.kind)!.encode(w, c);
  w.patchLength(lenAt, 1);
}

/**
 * ExaBGP's `capabilities` object of an OPEN: one entry per code, keyed by the decimal code, in
 * the order codes first appear; repeats of a code are merged by the code's descriptor.
 */
export function capabilitiesJson(
  caps: readonly Capability[],
  opts: JsonOptions = DEFAULT_JSON_OPTIONS,
): JsonObject {
  // A value built as 'unknown' with a known code groups apart, so no descriptor sees it.
  const groups = new Map<string, Capability[]>();
  for (const c of caps) {
    const key = c.kind === 'unknown' ? `u${c.code}` : String(capabilityCode(c));
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const out: JsonObject = {};
  for (const [key, group] of groups) {
    if (key.startsWith('u')) {
      out[key.slice(1)] = unknownCapabilityJson(group as UnknownCapability[]);
    } else {
      out[key] = BY_CODE.get(Number(key))!.json(group, opts);
    }
  }
  return out;
}
