/**
 * The path attributes of an UPDATE as ExaBGP 5.0 writes them (Attributes.pack):
 *
 * - in type-code order, MP_UNREACH_NLRI / MP_REACH_NLRI appended by the packer after them;
 * - ORIGIN IGP when absent; AS_PATH when absent: empty towards an iBGP peer, our AS towards an
 *   eBGP one (RFC 4271 §5.1.2); LOCAL_PREF 100 towards an iBGP peer when absent, and never any
 *   LOCAL_PREF towards an eBGP peer (RFC 4271 §5.1.5: "MUST NOT include this attribute in
 *   UPDATE messages it sends to external peers");
 * - NEXT_HOP when the route's next hop is an IPv4 address, for every family whose ExaBGP
 *   configuration syntax sets it as an attribute too (all but VPLS and FlowSpec: there
 *   `next-hop` / `redirect` only fill MP_REACH_NLRI);
 * - towards a 2-octet-AS peer (RFC 6793 §4.2.2), AS_PATH and AGGREGATOR carry AS_TRANS and are
 *   each followed at once by AS4_PATH / AS4_AGGREGATOR holding the real ASNs;
 * - an unknown attribute given with the Extended Length flag keeps it (ExaBGP's generic
 *   attributes do), even when its value is short.
 *
 * With `withDefaults` false (an UPDATE carrying only withdrawals of unicast/multicast routes in
 * MP_UNREACH_NLRI, RFC 4760 §4: "not required to carry any other path attributes") nothing at
 * all is written.
 */
import { AS_PATH_SEGMENT } from '../wire/attribute/as-path-segments.js';
import { ATTR_FLAG } from '../wire/attribute/codec.js';
import { attributeCode, encodeAttribute } from '../wire/attribute/registry.js';
import type { Attribute } from '../wire/attribute/types.js';
import { Writer } from '../wire/buf/writer.js';
import type { CodecContext } from '../wire/context.js';
import { SAFI } from '../wire/iana/safi.js';

/** What the attributes depend on besides the route. */
export interface AttributeContext {
  readonly localAs: number;
  readonly peerAs: number;
  readonly codec: CodecContext;
}

const ORIGIN = 1;
const AS_PATH = 2;
const NEXT_HOP = 3;
const LOCAL_PREF = 5;
const MP_CODES = new Set([14, 15]);
const DEFAULT_LOCAL_PREF = 100;

/** Families whose configured next hop is not also a NEXT_HOP attribute in ExaBGP. */
const NO_NEXT_HOP_ATTRIBUTE = new Set<number>([SAFI.VPLS, SAFI.FLOW, SAFI.FLOW_VPN]);

export function hasNextHopAttribute(safi: number, nextHop: string | undefined): boolean {
  return nextHop !== undefined && !nextHop.includes(':') && !NO_NEXT_HOP_ATTRIBUTE.has(safi);
}

function defaults(
  ctx: AttributeContext,
  present: Set<number>,
  nextHop: string | undefined,
  safi: number,
): Attribute[] {
  const ibgp = ctx.localAs === ctx.peerAs;
  const out: Attribute[] = [];
  if (!present.has(ORIGIN)) out.push({ kind: 'origin', value: 0 });
  if (!present.has(AS_PATH)) {
    out.push({
      kind: 'as-path',
      segments: ibgp ? [] : [{ type: AS_PATH_SEGMENT.SEQUENCE, asns: [ctx.localAs] }],
    });
  }
  if (ibgp && !present.has(LOCAL_PREF)) out.push({ kind: 'local-preference', value: DEFAULT_LOCAL_PREF });
  if (hasNextHopAttribute(safi, nextHop)) out.push({ kind: 'next-hop', ip: nextHop! });
  return out;
}

/** Attributes in the order they go on the wire, defaults added, companions not yet. */
export function attributeList(
  attributes: readonly Attribute[],
  ctx: AttributeContext,
  nextHop: string | undefined,
  safi: number,
): Attribute[] {
  const ebgp = ctx.localAs !== ctx.peerAs;
  const present = new Set<number>();
  const kept: { code: number; a: Attribute }[] = [];
  for (const a of attributes) {
    const code = attributeCode(a);
    if (code === NEXT_HOP || MP_CODES.has(code) || (ebgp && code === LOCAL_PREF)) continue;
    present.add(code);
    kept.push({ code, a });
  }
  for (const a of defaults(ctx, present, nextHop, safi)) kept.push({ code: attributeCode(a), a });
  kept.sort((x, y) => x.code - y.code);
  return kept.map((k) => k.a);
}

/** Write one attribute, and its RFC 6793 companion towards a 2-octet-AS peer. */
function writeAttribute(w: Writer, a: Attribute, codec: CodecContext): void {
  const at = w.pos;
  encodeAttribute(w, a, codec);
  if (a.kind === 'unknown' && a.flags & ATTR_FLAG.EXTENDED_LENGTH) widen(w, at);
  if (codec.asn4) return;
  if (a.kind === 'as-path' && a.segments.some((s) => s.asns.some((asn) => asn > 0xffff))) {
    encodeAttribute(w, { kind: 'as4-path', segments: a.segments }, codec);
  } else if (a.kind === 'aggregator' && a.asn > 0xffff) {
    encodeAttribute(w, { kind: 'as4-aggregator', asn: a.asn, speaker: a.speaker }, codec);
  }
}

/** Give the attribute just written at `at` a 2-octet length if it has a 1-octet one. */
function widen(w: Writer, at: number): void {
  const flags = w.buf[at]!;
  if (flags & ATTR_FLAG.EXTENDED_LENGTH) return;
  const end = w.pos;
  w.u8(0);
  w.buf.copyWithin(at + 4, at + 3, end);
  w.buf[at] = flags | ATTR_FLAG.EXTENDED_LENGTH;
  w.buf.writeUInt16BE(end - at - 3, at + 2);
}

const SCRATCH = new Writer(4096);

/** The attribute bytes of an UPDATE (no MP_REACH/MP_UNREACH). */
export function packAttributes(
  attributes: readonly Attribute[],
  ctx: AttributeContext,
  nextHop: string | undefined,
  safi: number,
  withDefaults: boolean,
): Buffer {
  if (!withDefaults) return Buffer.alloc(0);
  SCRATCH.reset();
  for (const a of attributeList(attributes, ctx, nextHop, safi)) writeAttribute(SCRATCH, a, ctx.codec);
  return SCRATCH.toBuffer();
}
