/**
 * The fast path of `announce route PREFIX ATTRIBUTES` and `announce attributes ATTRIBUTES nlri
 * PREFIX...` (bench/load, BENCHMARKS.md): helpers announce a million routes one per line (or
 * hundreds per line), and the lines differ only in their prefixes. The
 * attribute text after the prefix is lexed, parsed and lowered once; later lines with the same
 * text reuse the lowered parts (next hop, interned attribute array) and only the prefix is
 * parsed: a plain IPv4 or IPv6 unicast prefix by plainIpv4 / plainIpv6 (which make the route
 * lowerRoute makes, as the tests check against the full parser), any other with the very
 * functions the full parser uses (lowerPrefixesInto). Anything unusual (selectors, blocks,
 * quotes, comments, a line the full parser has not accepted yet) goes the full way, which also
 * gives every error message.
 */
import type { RouteAttribute } from '../../config/model.js';
import { readStatement } from '../../config/parse-core.js';
import type { Route } from '../../rib/route.js';
import { AFI } from '../../wire/iana/afi.js';
import { SAFI } from '../../wire/iana/safi.js';
import { familyKey } from '../../wire/nlri/family.js';
import { formatIPv4Number, formatIPv6, NOT_IPV6, scanIPv6 } from '../../wire/nlri/prefix.js';
import { parseAttributes } from '../grammar/attribute.js';
import { type Interner, lowerAttributes, type RouteParts } from '../lower/attributes.js';
import { lowerPrefixesInto } from '../lower/route.js';
import type { Command } from '../types.js';
import { checkGrammar, lineState } from './state.js';

/** Attribute texts remembered per interner; the cache is emptied when it reaches this size. */
export const FAST_ROUTE_CACHE_ENTRIES = 4096;

const HEAD = 'announce route ';
/** As long as HEAD: the prefix starts at the same place. */
const WITHDRAW_HEAD = 'withdraw route ';
/** A prefix word: address characters and one length. */
const PREFIX = /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/;
/** Characters the lexer treats specially: such lines take the full path. */
const SPECIAL = /[;{}#"'\\]/;

const CACHES = new WeakMap<Interner, Map<string, RouteParts>>();

function lowered(interner: Interner, text: string): RouteParts | undefined {
  let cache = CACHES.get(interner);
  if (!cache) {
    cache = new Map();
    CACHES.set(interner, cache);
  }
  const hit = cache.get(text);
  if (hit) return hit;
  try {
    const p = lineState(text);
    const st = readStatement(p);
    checkGrammar(p);
    const values: RouteAttribute[] = [];
    parseAttributes(p, st.items, 0, values);
    checkGrammar(p);
    const parts = lowerAttributes(interner, values);
    if (cache.size >= FAST_ROUTE_CACHE_ENTRIES) cache.clear();
    cache.set(text, parts);
    return parts;
  } catch {
    return undefined;
  }
}

/**
 * The command of a plain `announce|withdraw route PREFIX [ATTRIBUTES]` line, or undefined when the line
 * must take the full parser. Only attribute texts the full parser already accepted once are
 * used (`accepted`), so an error is always reported by the full parser.
 */
export function fastRoute(line: string, interner: Interner): Command | undefined {
  const action = line.startsWith(HEAD) ? 'announce' : line.startsWith(WITHDRAW_HEAD) ? 'withdraw' : undefined;
  if (action === undefined) return undefined;
  let space = line.indexOf(' ', HEAD.length);
  if (space < 0) space = line.length;
  const rest = line.slice(space + 1);
  // A text is cached only after it passed the SPECIAL check (learnRoute / lowered).
  const parts = CACHES.get(interner)?.get(rest);
  if (!parts) return undefined;
  const plain = plainParts(parts) ? plainPrefix(line, HEAD.length, space, parts) : undefined;
  if (plain) return { kind: 'routes', action, routes: [plain] };
  const prefix = line.slice(HEAD.length, space);
  if (!PREFIX.test(prefix)) return undefined;
  const routes: Route[] = [];
  try {
    lowerPrefixesInto(parts, { keyword: 'route' }, [prefix], routes);
  } catch {
    return undefined;
  }
  return { kind: 'routes', action, routes };
}

const IPV4_UNICAST = familyKey(AFI.IPV4, SAFI.UNICAST);
const IPV6_UNICAST = familyKey(AFI.IPV6, SAFI.UNICAST);

/** Attributes without a qualifier: a prefix alone says the NLRI (plainIpv4, plainIpv6). */
function plainParts(parts: RouteParts): boolean {
  return (
    parts.pathId === undefined &&
    parts.labels === undefined &&
    parts.rd === undefined &&
    parts.split === undefined &&
    parts.watchdog === undefined &&
    !parts.withdraw &&
    parts.fields.size === 0
  );
}

/** The route of the prefix `line[from, to)` with plain `parts` (plainParts), or undefined. */
function plainPrefix(line: string, from: number, to: number, parts: RouteParts): Route | undefined {
  return plainIpv4(line, from, to, parts) ?? plainIpv6(line, from, to, parts);
}

/**
 * The bulk case without the general lowering: an IPv4 `A.B.C.D/LEN` prefix (decimal, no
 * leading zeros) with plain attributes (plainParts). The route is the one lowerRoute makes
 * (octets past the length zeroed, as the full parser does); anything else: undefined.
 */
function plainIpv4(line: string, from: number, to: number, parts: RouteParts): Route | undefined {
  let ip = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  let i = from;
  for (; i < to; i++) {
    const c = line.charCodeAt(i);
    if (c === 46 || c === 47) {
      if (digits === 0 || octet > 255) return undefined;
      ip = ip * 256 + octet;
      octet = 0;
      digits = 0;
      if (c === 47) break;
      if (++dots > 3) return undefined;
    } else if (c >= 48 && c <= 57 && digits < 3 && !(digits === 1 && octet === 0)) {
      octet = octet * 10 + c - 48;
      digits++;
    } else return undefined;
  }
  if (dots !== 3 || i === to) return undefined;
  let length = 0;
  const lengthDigits = to - i - 1;
  if (lengthDigits < 1 || lengthDigits > 2) return undefined;
  for (let j = i + 1; j < to; j++) {
    const c = line.charCodeAt(j);
    if (c < 48 || c > 57 || (j > i + 1 && length === 0)) return undefined;
    length = length * 10 + c - 48;
  }
  if (length > 32) return undefined;
  const kept = 256 ** (4 - ((length + 7) >>> 3));
  const masked = ip - (ip % kept);
  const text = masked === ip ? line.slice(from, i) : formatIPv4Number(masked);
  const nlri = { kind: 'inet' as const, family: IPV4_UNICAST, ip: text, length };
  const attributes = parts.attributes;
  return parts.nextHop ? { nlri, nextHop: parts.nextHop, attributes } : { nlri, attributes };
}

/** The octets of the last IPv6 prefix read (plainIpv6: read synchronously, never kept). */
const V6_OCTETS = new Uint8Array(16);

/**
 * The same for an IPv6 `ADDRESS[/LEN]` prefix in any spelling parseIPv6Into reads (length 1 to
 * 3 digits, 128 when absent, as parsePrefix): the route has the RFC 5952 text of the address
 * with the octets past the length zeroed, printed from the octets even when the line has that
 * text already. A substring of the line is ~180 ns a route cheaper, but it is a slice that
 * keeps the whole line alive for as long as the Adj-RIB-Out keeps the route's key (+82 bytes a
 * route for one route a line, +20 for 500 a line, measured).
 */
function plainIpv6(line: string, from: number, to: number, parts: RouteParts): Route | undefined {
  let slash = from;
  while (slash < to && line.charCodeAt(slash) !== 47) slash++;
  const octets = V6_OCTETS;
  if (scanIPv6(line, from, slash, octets) === NOT_IPV6) return undefined;
  let length = 128;
  if (slash < to) {
    const digits = to - slash - 1;
    if (digits < 1 || digits > 3) return undefined;
    length = 0;
    for (let j = slash + 1; j < to; j++) {
      const c = line.charCodeAt(j);
      if (c < 48 || c > 57) return undefined;
      length = length * 10 + c - 48;
    }
    if (length > 128) return undefined;
  }
  octets.fill(0, (length + 7) >>> 3);
  const nlri = { kind: 'inet' as const, family: IPV6_UNICAST, ip: formatIPv6(octets), length };
  const attributes = parts.attributes;
  return parts.nextHop ? { nlri, nextHop: parts.nextHop, attributes } : { nlri, attributes };
}

const BULK_HEAD = 'announce attributes ';
/** As long as BULK_HEAD. */
const BULK_WITHDRAW = 'withdraw attributes ';
const NLRI = ' nlri ';

/**
 * The command of `announce|withdraw attributes ATTRIBUTES nlri PREFIX...` when the attribute text was
 * accepted before and every prefix is a plain IPv4 or IPv6 one (plainPrefix); otherwise undefined.
 */
export function fastBulk(line: string, interner: Interner): Command | undefined {
  const action = line.startsWith(BULK_HEAD)
    ? 'announce'
    : line.startsWith(BULK_WITHDRAW)
      ? 'withdraw'
      : undefined;
  if (action === undefined) return undefined;
  const n = line.indexOf(NLRI, BULK_HEAD.length);
  if (n < 0) return undefined;
  const parts = CACHES.get(interner)?.get(line.slice(BULK_HEAD.length, n));
  if (!parts || !plainParts(parts)) return undefined;
  const routes: Route[] = [];
  let from = n + NLRI.length;
  while (from < line.length) {
    let to = line.indexOf(' ', from);
    if (to < 0) to = line.length;
    const route = plainPrefix(line, from, to, parts);
    if (!route) return undefined;
    routes.push(route);
    from = to + 1;
  }
  if (routes.length === 0 || from !== line.length + 1) return undefined;
  return { kind: 'routes', action, routes };
}

/** After the full parser accepted a plain route or bulk line: remember its attribute text. */
export function learnRoute(line: string, interner: Interner): void {
  if (line.startsWith(BULK_HEAD) || line.startsWith(BULK_WITHDRAW)) {
    const n = line.indexOf(NLRI, BULK_HEAD.length);
    const text = line.slice(BULK_HEAD.length, n);
    if (n > BULK_HEAD.length && !SPECIAL.test(text)) lowered(interner, text);
    return;
  }
  if (!line.startsWith(HEAD) && !line.startsWith(WITHDRAW_HEAD)) return;
  let space = line.indexOf(' ', HEAD.length);
  if (space < 0) space = line.length;
  const rest = line.slice(space + 1);
  if (!PREFIX.test(line.slice(HEAD.length, space)) || SPECIAL.test(rest)) return;
  lowered(interner, rest);
}
