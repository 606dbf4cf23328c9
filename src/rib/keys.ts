/**
 * The keys the Adj-RIB-Out and the packer compute from routes:
 *
 * - `routeKey`: which route an NLRI is within its family (a second announce of the same key
 *   replaces the first). Path identifier included (RFC 7911: each path is its own route), and
 *   labels left out, as ExaBGP's NLRI index does. IPv4 prefixes without a path identifier — the
 *   bulk of any large table — get a number instead of a string: half the memory, faster hashing.
 * - `attributesKey`: the content of an attribute array (its wire bytes), cached per array so
 *   routes sharing one interned array cost one computation. Routes with equal keys (and the same
 *   next hop) share UPDATEs.
 * - `nlriOrder`: the byte string ExaBGP sorts NLRI by before packing an UPDATE (its NLRI
 *   `index()`: path identifier or the text "no-pi", then the prefix as on the wire, labels left
 *   out). Compared as latin1 strings, i.e. byte by byte.
 */
import { encodeAttribute } from '../wire/attribute/registry.js';
import type { Attribute } from '../wire/attribute/types.js';
import { Writer } from '../wire/buf/writer.js';
import { DEFAULT_CONTEXT } from '../wire/context.js';
import { EncodeError } from '../wire/error.js';
import { AFI } from '../wire/iana/afi.js';
import { nlriCodecByKind } from '../wire/nlri/registry.js';
import type { Nlri } from '../wire/nlri/types.js';
import { encodeUnknownNlri } from '../wire/nlri/unknown.js';
import type { NextHop } from './route.js';

export type RouteKey = number | string;

const TWO_32 = 2 ** 32;
const TWO_31 = 2 ** 31;
const SCRATCH = new Writer(64);

/** A dotted-quad IPv4 address as a number, or -1 when it is not one. */
function ipv4Number(ip: string): number {
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < ip.length; i++) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || part > 255) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      part = part * 10 + c - 48;
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0 || part > 255) return -1;
  return value * 256 + part;
}

/** Which route `nlri` is within its family. */
export function routeKey(nlri: Nlri): RouteKey {
  if ((nlri.kind === 'inet' || nlri.kind === 'labeled') && nlri.pathId === undefined) {
    const ip = ipv4Number(nlri.ip);
    // A /32 (most of any large table) gets a key in the small-integer range, which the engine
    // stores in the Map's own slot (no heap number per key: 16 bytes less a route, and faster
    // lookups); other lengths get keys from 2^32 up, so the two never meet.
    if (ip >= 0) return nlri.length === 32 ? ip - TWO_31 : (nlri.length + 1) * TWO_32 + ip;
  }
  const path = nlri.pathId === undefined ? '' : `${nlri.pathId}#`;
  if (nlri.kind === 'unknown') return `${path}${nlri.raw.toString('hex')}`;
  const codec = nlriCodecByKind(nlri.kind);
  if (!codec) throw new EncodeError('nlri', `no codec for NLRI kind ${nlri.kind}`);
  return `${path}${codec.key(nlri)}`;
}

const ATTRIBUTE_KEYS = new WeakMap<readonly Attribute[], string>();

/** The wire bytes of `attributes` (4-octet ASNs) as a latin1 string; EncodeError if invalid. */
export function attributesKey(attributes: readonly Attribute[]): string {
  const cached = ATTRIBUTE_KEYS.get(attributes);
  if (cached !== undefined) return cached;
  SCRATCH.reset();
  for (const a of attributes) {
    encodeAttribute(SCRATCH, a, DEFAULT_CONTEXT);
    if (a.kind === 'unknown') SCRATCH.u8(a.flags); // the extended-length bit is part of the value
  }
  const key = SCRATCH.view().toString('latin1');
  ATTRIBUTE_KEYS.set(attributes, key);
  return key;
}

export function nextHopKey(nextHop: NextHop | undefined): string {
  if (!nextHop) return '';
  if (nextHop.kind === 'self') return 'self';
  return nextHop.linkLocal ? `${nextHop.ip}%${nextHop.linkLocal}` : nextHop.ip;
}

// Bulk loads give many routes in a row the same attribute array and next-hop object.
let lastAttributes: readonly Attribute[] | undefined;
let lastNextHop: NextHop | undefined;
let lastGroupKey = '';

/** What routes sharing UPDATEs have in common: the attributes and the next hop. */
export function groupKey(attributes: readonly Attribute[], nextHop: NextHop | undefined): string {
  if (attributes === lastAttributes && nextHop === lastNextHop && lastGroupKey !== '') return lastGroupKey;
  lastAttributes = attributes;
  lastNextHop = nextHop;
  lastGroupKey = `${nextHopKey(nextHop)}\n${attributesKey(attributes)}`;
  return lastGroupKey;
}

const NO_PATH = 'no-pi';

function pathPart(pathId: number | undefined): string {
  if (pathId === undefined) return NO_PATH;
  return String.fromCharCode(pathId >>> 24, (pathId >>> 16) & 0xff, (pathId >>> 8) & 0xff, pathId & 0xff);
}

/** Prefix bytes (without the length octet) of an inet/labeled/vpn NLRI as latin1 text. */
function prefixText(afi: number, ip: string, length: number): string {
  SCRATCH.reset();
  const bytes = Math.ceil(length / 8);
  if (afi === AFI.IPV4) {
    const n = ipv4Number(ip);
    for (let i = 0; i < bytes; i++) SCRATCH.u8(Math.floor(n / 256 ** (3 - i)) % 256);
  } else {
    writeNlriBody(SCRATCH, { kind: 'inet', family: afi * 256 + 1, ip, length });
    return SCRATCH.view().subarray(1).toString('latin1');
  }
  return SCRATCH.view().toString('latin1');
}

/**
 * `nlriOrder` as a number for an IPv4 prefix without a path identifier (the bulk case, sorted
 * without building strings): the length, then the prefix octets the wire carries. -1 otherwise.
 */
export function ipv4OrderNumber(nlri: Nlri): number {
  if (nlri.kind !== 'inet' || nlri.pathId !== undefined) return -1;
  const ip = ipv4Number(nlri.ip);
  if (ip < 0) return -1;
  const kept = 256 ** (4 - Math.ceil(nlri.length / 8));
  return nlri.length * TWO_32 + Math.floor(ip / kept) * kept;
}

/** ExaBGP's sort order of NLRI within one UPDATE. */
export function nlriOrder(nlri: Nlri): string {
  const afi = Math.floor(nlri.family / 256);
  if (nlri.kind === 'inet' || nlri.kind === 'labeled') {
    return pathPart(nlri.pathId) + String.fromCharCode(nlri.length) + prefixText(afi, nlri.ip, nlri.length);
  }
  if (nlri.kind === 'vpn') {
    const rd = nlri.rd.raw.toString('latin1');
    return `${pathPart(nlri.pathId)}${String.fromCharCode(64 + nlri.length)}${rd}${prefixText(afi, nlri.ip, nlri.length)}`;
  }
  SCRATCH.reset();
  writeNlriBody(SCRATCH, nlri);
  return SCRATCH.view().toString('latin1');
}

/** One NLRI as on the wire, without a path identifier. */
export function writeNlriBody(w: Writer, nlri: Nlri): void {
  if (nlri.kind === 'unknown') {
    encodeUnknownNlri(w, nlri);
    return;
  }
  const codec = nlriCodecByKind(nlri.kind);
  if (!codec) throw new EncodeError('nlri', `no codec for NLRI kind ${nlri.kind}`);
  codec.encode(w, nlri);
}
