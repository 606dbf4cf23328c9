/**
 * NLRI values from route text: a prefix with its qualifiers (RD, labels, path identifier) for
 * inet (RFC 4271), labeled (RFC 8277) and VPN (RFC 4364) families, `split /N` expansion, and
 * the field-described families: VPLS (RFC 4761 §3.2.2), MVPN (RFC 6514 §4) and MUP
 * (draft-mpmz-bess-mup-safi). Prefix octets beyond the length are dropped, as on the wire, so
 * a lowered NLRI equals the one decoded from the UPDATE that carries it.
 */
import { AFI } from '../../wire/iana/afi.js';
import { SAFI } from '../../wire/iana/safi.js';
import { familyKey } from '../../wire/nlri/family.js';
import type { MupNlri } from '../../wire/nlri/mup/types.js';
import type { MvpnNlri } from '../../wire/nlri/mvpn/types.js';
import {
  formatIPv4,
  formatIPv6,
  NOT_IPV6,
  parseIPv4,
  parseIPv4Into,
  parseIPv6,
  prefixBytes,
  scanIPv6,
} from '../../wire/nlri/prefix.js';
import { labelEntry } from '../../wire/nlri/qualifier/labels.js';
import { parseRd, type RouteDistinguisher } from '../../wire/nlri/qualifier/rd.js';
import type { Nlri } from '../../wire/nlri/types.js';
import type { VplsNlri } from '../../wire/nlri/vpls.js';
import type { RouteParts } from './attributes.js';
import { LowerError } from './error.js';

/** `split` may not make more routes than this from one statement. */
export const MAX_SPLIT_ROUTES = 1 << 20;

export interface Prefix {
  readonly afi: 1 | 2;
  /** The address octets (4 or 16), host octets beyond the length zeroed. */
  readonly bytes: Buffer;
  readonly length: number;
}

// Scratch space for addresses: lowering is synchronous and copies what it keeps.
const SCRATCH4 = Buffer.alloc(4);
const SCRATCH16 = Buffer.alloc(16);

/** Parses ADDRESS[/LENGTH]; `bytes` may be a shared scratch buffer: copy it to keep it. */
export function parsePrefix(text: string): Prefix {
  const slash = text.indexOf('/');
  const end = slash < 0 ? text.length : slash;
  const v4 = parseIPv4Into(slash < 0 ? text : text.slice(0, slash), SCRATCH4);
  const bytes = v4 ? SCRATCH4 : scanIPv6(text, 0, end, SCRATCH16) !== NOT_IPV6 ? SCRATCH16 : undefined;
  if (!bytes) throw new LowerError(`'${text}' is not a prefix (ADDRESS/LENGTH)`);
  const max = v4 ? 32 : 128;
  const length = slash < 0 ? max : prefixLength(text, slash + 1);
  if (!(length <= max)) throw new LowerError(`'${text}': prefix length must be 0..${max}`);
  bytes.fill(0, prefixBytes(length));
  return { afi: v4 ? 1 : 2, bytes, length };
}

/** Decimal digits (at most 3) from `at` to the end; NaN otherwise. */
function prefixLength(text: string, at: number): number {
  const n = text.length - at;
  if (n < 1 || n > 3) return Number.NaN;
  let v = 0;
  for (let i = at; i < text.length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return Number.NaN;
    v = v * 10 + c;
  }
  return v;
}

function ipText(afi: number, bytes: Uint8Array): string {
  return afi === AFI.IPV6 ? formatIPv6(bytes) : formatIPv4(bytes);
}

/** The SAFI a prefixed route statement means: by keyword, else by its qualifiers. */
export function prefixSafi(keyword: string, parts: RouteParts): number {
  switch (keyword) {
    case 'unicast':
      return SAFI.UNICAST;
    case 'multicast':
      return SAFI.MULTICAST;
    case 'nlri-mpls':
    case 'labeled-unicast':
      return SAFI.NLRI_MPLS;
    case 'mpls-vpn':
      return SAFI.MPLS_VPN;
    default:
      return parts.rd !== undefined ? SAFI.MPLS_VPN : parts.labels ? SAFI.NLRI_MPLS : SAFI.UNICAST;
  }
}

function rdOf(parts: RouteParts, what: string): RouteDistinguisher {
  if (parts.rd === undefined) throw new LowerError(`${what} needs an rd`);
  return lowerRd(parts.rd);
}

export function lowerRd(text: string): RouteDistinguisher {
  try {
    return parseRd(text);
  } catch {
    throw new LowerError(`'${text}' is not a route distinguisher (ASN:N or IPv4:N)`);
  }
}

function labelStack(labels: readonly number[] | undefined): number[] {
  const list = labels ?? [];
  return list.map((l, i) => {
    if (l > 0xfffff) throw new LowerError(`label ${l} is above 1048575`);
    return labelEntry(l, i === list.length - 1);
  });
}

/** One prefix NLRI of family (afi, safi) with the route's qualifiers. */
function prefixNlri(afi: number, safi: number, ip: string, length: number, parts: RouteParts): Nlri {
  const family = familyKey(afi, safi);
  const pathId = parts.pathId;
  if (safi === SAFI.MPLS_VPN) {
    const rd = rdOf(parts, 'an mpls-vpn route');
    const labels = labelStack(parts.labels);
    return pathId === undefined
      ? { kind: 'vpn', family, labels, rd, ip, length }
      : { kind: 'vpn', family, pathId, labels, rd, ip, length };
  }
  if (safi === SAFI.NLRI_MPLS) {
    const labels = labelStack(parts.labels);
    return pathId === undefined
      ? { kind: 'labeled', family, labels, ip, length }
      : { kind: 'labeled', family, pathId, labels, ip, length };
  }
  return pathId === undefined
    ? { kind: 'inet', family, ip, length }
    : { kind: 'inet', family, pathId, ip, length };
}

/** The NLRI of a prefixed statement, `split` expanded, given to `each` in order. */
export function prefixNlris(
  prefixText: string,
  safi: number,
  parts: RouteParts,
  each: (n: Nlri) => void,
): void {
  const p = parsePrefix(prefixText);
  const split = parts.split;
  if (split === undefined || split <= p.length) {
    each(prefixNlri(p.afi, safi, ipText(p.afi, p.bytes), p.length, parts));
    return;
  }
  const max = p.afi === AFI.IPV6 ? 128 : 32;
  if (split > max) throw new LowerError(`split /${split} is longer than /${max}`);
  if (split - p.length > 20 || 2 ** (split - p.length) > MAX_SPLIT_ROUTES)
    throw new LowerError(`split /${split} of ${prefixText} makes more than ${MAX_SPLIT_ROUTES} routes`);
  const count = 2 ** (split - p.length);
  const bytes = Buffer.from(p.bytes);
  for (let i = 0; i < count; i++) {
    setBits(bytes, p.length, split - p.length, i);
    each(prefixNlri(p.afi, safi, ipText(p.afi, bytes), split, parts));
  }
}

/** Writes `value` into `width` bits of `b` starting at bit `offset` (width <= 20). */
function setBits(b: Buffer, offset: number, width: number, value: number): void {
  for (let k = 0; k < width; k++) {
    const bit = offset + k;
    const on = (value >>> (width - 1 - k)) & 1;
    const mask = 0x80 >>> (bit & 7);
    b[bit >>> 3] = on ? b[bit >>> 3]! | mask : b[bit >>> 3]! & ~mask;
  }
}

function field(parts: RouteParts, name: string): string {
  const v = parts.fields.get(name);
  if (v === undefined) throw new LowerError(`'${name}' is missing`);
  return v;
}

function uint(parts: RouteParts, name: string, max: number): number {
  const t = field(parts, name);
  const n = /^[0-9]{1,10}$/.test(t) ? Number(t) : Number.NaN;
  if (!(n <= max)) throw new LowerError(`${name} '${t}' must be 0..${max}`);
  return n;
}

/** RFC 4761 VPLS: `rd R endpoint N base B offset O size S`. */
export function vplsNlri(parts: RouteParts): VplsNlri {
  const base = uint(parts, 'base', 0xfffff);
  return {
    kind: 'vpls',
    family: familyKey(AFI.L2VPN, SAFI.VPLS),
    rd: rdOf(parts, 'a vpls route'),
    endpoint: uint(parts, 'endpoint', 0xffff),
    offset: uint(parts, 'offset', 0xffff),
    size: uint(parts, 'size', 0xffff),
    labelBase: base * 16 + 1,
  };
}

function address(text: string, afi: number, what: string): string {
  const b = afi === AFI.IPV6 ? parseIPv6(text) : parseIPv4(text);
  if (!b) throw new LowerError(`${what} '${text}' is not an ${afi === AFI.IPV6 ? 'IPv6' : 'IPv4'} address`);
  return ipText(afi, b);
}

/** RFC 6514 MVPN: source-ad, shared-join (rp) and source-join routes. */
export function mvpnNlri(afi: number, parts: RouteParts): MvpnNlri {
  const family = familyKey(afi, SAFI.MCAST_VPN);
  const rd = rdOf(parts, 'an mcast-vpn route');
  const group = address(field(parts, 'group'), afi, 'group');
  if (parts.fields.has('source-ad'))
    return {
      kind: 'mvpn',
      family,
      route: 'source-ad',
      rd,
      source: address(field(parts, 'source'), afi, 'source'),
      group,
    };
  const shared = parts.fields.has('shared-join');
  if (!shared && !parts.fields.has('source-join'))
    throw new LowerError('an mcast-vpn route is source-ad, shared-join or source-join');
  const source = address(field(parts, shared ? 'rp' : 'source'), afi, shared ? 'rp' : 'source');
  const sourceAs = uint(parts, 'source-as', 0xffffffff);
  return { kind: 'mvpn', family, route: shared ? 'shared-join' : 'source-join', rd, sourceAs, source, group };
}

/** MUP: mup-isd PREFIX, mup-dsd IP, mup-t1st PREFIX teid qfi endpoint [source], mup-t2st IP teid N/BITS. */
export function mupNlri(afi: number, parts: RouteParts): MupNlri {
  const family = familyKey(afi, SAFI.MUP);
  const rd = rdOf(parts, 'a mup route');
  const f = parts.fields;
  if (f.has('mup-isd') || f.has('mup-t1st')) {
    const p = parsePrefix(field(parts, f.has('mup-isd') ? 'mup-isd' : 'mup-t1st'));
    if (p.afi !== afi) throw new LowerError('the prefix does not match the family');
    const prefix = ipText(afi, p.bytes);
    if (f.has('mup-isd')) return { kind: 'mup', family, route: 'isd', rd, prefixLength: p.length, prefix };
    const source = f.get('source');
    return {
      kind: 'mup',
      family,
      route: 't1st',
      rd,
      prefixLength: p.length,
      prefix,
      teid: uint(parts, 'teid', 0xffffffff),
      qfi: uint(parts, 'qfi', 0xff),
      endpoint: anyAddress(field(parts, 'endpoint')),
      ...(source !== undefined ? { source: anyAddress(source) } : {}),
    };
  }
  if (f.has('mup-dsd'))
    return { kind: 'mup', family, route: 'dsd', rd, ip: address(field(parts, 'mup-dsd'), afi, 'mup-dsd') };
  if (f.has('mup-t2st')) {
    const endpoint = anyAddress(field(parts, 'mup-t2st'));
    const [teidText = '', bitsText = '0'] = field(parts, 'teid').split('/');
    const bits = Number(bitsText);
    const teid = Number(teidText);
    if (
      !(
        Number.isInteger(bits) &&
        bits >= 0 &&
        bits <= 32 &&
        Number.isInteger(teid) &&
        teid >= 0 &&
        teid < 2 ** 32
      )
    )
      throw new LowerError(`teid '${field(parts, 'teid')}' must be N/BITS`);
    const width = endpoint.includes(':') ? 128 : 32;
    return { kind: 'mup', family, route: 't2st', rd, endpointLength: width + bits, endpoint, teid };
  }
  throw new LowerError('a mup route is mup-isd, mup-dsd, mup-t1st or mup-t2st');
}

function anyAddress(text: string): string {
  const v4 = parseIPv4(text);
  if (v4) return formatIPv4(v4);
  const v6 = parseIPv6(text);
  if (!v6) throw new LowerError(`'${text}' is not an IP address`);
  return formatIPv6(v6);
}
