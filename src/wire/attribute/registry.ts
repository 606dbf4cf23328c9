/**
 * The path attribute registry: one explicit list of descriptors, checked for duplicate codes at
 * load. Unknown codes decode to an UnknownAttribute that re-encodes byte for byte.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { DecodeContext, EncodeContext } from '../context.js';
import { EncodeError } from '../error.js';
import type { JsonObject, JsonOptions } from '../json.js';
import { aggregatorCodec } from './aggregator.js';
import { aigpCodec } from './aigp.js';
import { asPathCodec } from './as-path.js';
import { as4AggregatorCodec } from './as4-aggregator.js';
import { as4PathCodec } from './as4-path.js';
import { atomicAggregateCodec } from './atomic-aggregate.js';
import { bgplsAttributeCodec } from './bgpls/index.js';
import { clusterListCodec } from './cluster-list.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';
import { communityCodec } from './community.js';
import { extendedCommunityCodec } from './extended-community.js';
import { ipv6ExtendedCommunityCodec } from './ipv6-extended-community.js';
import { largeCommunityCodec } from './large-community.js';
import { localPrefCodec } from './local-pref.js';
import { medCodec } from './med.js';
import { mpReachCodec } from './mp-reach.js';
import { mpUnreachCodec } from './mp-unreach.js';
import { nextHopCodec } from './next-hop.js';
import { originCodec } from './origin.js';
import { originatorIdCodec } from './originator-id.js';
import { pmsiTunnelCodec } from './pmsi-tunnel.js';
import { prefixSidCodec } from './prefix-sid.js';
import type { Attribute } from './types.js';
import { decodeUnknownAttribute, encodeUnknownAttribute, unknownAttributeJson } from './unknown.js';

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of codecs, each typed on its own
type AnyCodec = AttributeCodec<any>;

/** Every attribute bgpknife understands. Keep in type-code order. */
const CODECS: readonly AnyCodec[] = [
  originCodec,
  asPathCodec,
  nextHopCodec,
  medCodec,
  localPrefCodec,
  atomicAggregateCodec,
  aggregatorCodec,
  communityCodec,
  originatorIdCodec,
  clusterListCodec,
  mpReachCodec,
  mpUnreachCodec,
  extendedCommunityCodec,
  as4PathCodec,
  as4AggregatorCodec,
  pmsiTunnelCodec,
  ipv6ExtendedCommunityCodec,
  aigpCodec,
  bgplsAttributeCodec,
  largeCommunityCodec,
  prefixSidCodec,
];

const BY_CODE = new Map<number, AnyCodec>();
const BY_KIND = new Map<string, AnyCodec>();
for (const c of CODECS) {
  if (BY_CODE.has(c.code)) throw new Error(`duplicate attribute code ${c.code}`);
  if (BY_KIND.has(c.kind)) throw new Error(`duplicate attribute kind ${c.kind}`);
  BY_CODE.set(c.code, c);
  BY_KIND.set(c.kind, c);
}

/** Type codes with a codec. */
export function knownAttributeCodes(): number[] {
  return [...BY_CODE.keys()];
}

export function attributeCodec(code: number): AnyCodec | undefined {
  return BY_CODE.get(code);
}

export function attributeCodecByKind(kind: string): AnyCodec | undefined {
  return BY_KIND.get(kind);
}

/** The type code of a value. */
export function attributeCode(a: Attribute): number {
  if (a.kind === 'unknown') return a.code;
  const c = BY_KIND.get(a.kind);
  if (!c) throw new EncodeError('attribute', `no codec for attribute kind ${a.kind}`);
  return c.code;
}

/** Decode one attribute value (the reader spans its value). Throws NotifyError. */
export function decodeAttributeValue(code: number, flags: number, r: Reader, ctx: DecodeContext): Attribute {
  const c = BY_CODE.get(code);
  if (!c) return decodeUnknownAttribute(r, code, flags);
  return c.decode(r, ctx, flags) as Attribute;
}

/**
 * Write one attribute with its header. The extended-length bit is set only when the value
 * needs it (> 255 bytes), as ExaBGP does.
 */
export function encodeAttribute(w: Writer, a: Attribute, ctx: EncodeContext): void {
  let flags: number;
  let code: number;
  let codec: AnyCodec | undefined;
  if (a.kind === 'unknown') {
    flags = a.flags;
    code = a.code;
  } else {
    codec = BY_KIND.get(a.kind);
    if (!codec) throw new EncodeError('attribute', `no codec for attribute kind ${a.kind}`);
    flags = codec.flags;
    code = codec.code;
  }
  const flagsAt = w.pos;
  w.u8(flags & ~ATTR_FLAG.EXTENDED_LENGTH);
  w.u8(code);
  // Write with a 2-byte length first, then shrink to 1 byte when it fits.
  const lenAt = w.reserve(2);
  if (codec) codec.encode(w, a, ctx);
  else encodeUnknownAttribute(w, a as Extract<Attribute, { kind: 'unknown' }>);
  const len = w.pos - lenAt - 2;
  if (len > 0xffff) throw new EncodeError('attribute-length', `attribute ${code} value of ${len} bytes`);
  if (len > 0xff) {
    w.buf[flagsAt] = flags | ATTR_FLAG.EXTENDED_LENGTH;
    w.buf.writeUInt16BE(len, lenAt);
  } else {
    w.buf.copyWithin(lenAt + 1, lenAt + 2, w.pos);
    w.buf[lenAt] = len;
    w.pos -= 1;
  }
}

/** Add the ExaBGP JSON of one attribute into `out`. */
export function attributeJson(a: Attribute, out: JsonObject, opts: JsonOptions): void {
  if (a.kind === 'unknown') {
    unknownAttributeJson(a, out);
    return;
  }
  const c = BY_KIND.get(a.kind);
  if (c) c.json(a, out, opts);
}
