/**
 * FlowSpec rules (RFC 8955, RFC 8956) from their text parts: `match` components become the
 * NLRI (wire/nlri/flowspec/text.ts), `then` actions become extended communities (RFC 8955 §7:
 * traffic-rate, traffic-action, redirect, traffic-marking; draft-simpson redirect-to-nexthop;
 * draft-ietf-idr-flowspec-redirect-ip) and `scope` interface-sets, a `redirect`/`copy` to an IP
 * sets the next hop.
 *
 *   redirect ASN:NN        -> 0x8008 (0x8208 for a 4-byte ASN)
 *   redirect IPv4:NN       -> 0x8108   (ExaBGP 3.x form, refused by 4.2; accepted here)
 *   redirect [IPv6]:NN     -> IPv6 extended community 0x000b
 *   redirect IP            -> next hop IP + redirect-to-nexthop (0x0800)
 */
import type { AttributeValue } from '../../config/model.js';
import type { NextHop, Route } from '../../rib/route.js';
import {
  redirect,
  redirectToNextHop,
  redirectToNextHopIetf,
  trafficAction,
  trafficMark,
  trafficRate,
} from '../../wire/attribute/ext-community/build.js';
import { decodeExtCommunity } from '../../wire/attribute/ext-community/registry.js';
import type { ExtCommunity } from '../../wire/attribute/ext-community/types.js';
import {
  decodeIpv6ExtCommunity,
  type Ipv6ExtCommunity,
} from '../../wire/attribute/ipv6-extended-community.js';
import { EncodeError } from '../../wire/error.js';
import type { FlowNlri } from '../../wire/nlri/flowspec/components.js';
import { flowFromMatches } from '../../wire/nlri/flowspec/text.js';
import { formatIPv6, parseIPv4, parseIPv6 } from '../../wire/nlri/prefix.js';
import { parseCommunity, parseExtendedCommunity, parseLargeCommunity } from '../grammar/attribute.js';
import { type ExtraAttributes, type Interner, lowerAttributes } from './attributes.js';
import { LowerError } from './error.js';
import { lowerExtCommunity } from './ext-community.js';
import { lowerRd } from './nlri.js';

/** One `name value` line of a match, then or scope block, value text as written. */
export interface FlowPart {
  readonly name: string;
  readonly text: string;
}

export interface FlowRule {
  readonly match: readonly FlowPart[];
  readonly then: readonly FlowPart[];
  readonly scope: readonly FlowPart[];
  /** rd, next-hop and other route attributes. */
  readonly attributes: readonly AttributeValue[];
}

interface Actions {
  ext: ExtCommunity[];
  ipv6Ext: Ipv6ExtCommunity[];
  communities: number[];
  large: (readonly [number, number, number])[];
  nextHop?: NextHop;
}

function words(text: string): string[] {
  return text
    .replace(/[[\]]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '');
}

function num(text: string, what: string, max: number): number {
  const n = /^[0-9]{1,20}$/.test(text) ? Number(text) : Number.NaN;
  if (!(n <= max)) throw new LowerError(`${what} '${text}' must be a number 0..${max}`);
  return n;
}

function ipNextHop(text: string): NextHop {
  const ip = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (!parseIPv4(ip) && !parseIPv6(ip)) throw new LowerError(`'${text}' is not an IP address`);
  return { kind: 'ip', ip: ip.toLowerCase() };
}

function redirectIpv6(ip: string, local: number): Ipv6ExtCommunity {
  const b = Buffer.alloc(20);
  const addr = parseIPv6(ip);
  if (!addr) throw new LowerError(`'${ip}' is not an IPv6 address`);
  b[0] = 0x00;
  b[1] = 0x0b;
  addr.copy(b, 2);
  b.writeUInt16BE(local, 18);
  return decodeIpv6ExtCommunity(b);
}

function redirectTo(a: Actions, value: string): void {
  const colons = value.split(':').length - 1;
  if (colons === 0 || (colons > 1 && !value.includes(']:'))) {
    a.nextHop = ipNextHop(value);
    a.ext.push(redirectToNextHop(false));
    return;
  }
  if (value.includes(']:')) {
    const [ip = '', nn = ''] = value.slice(1).split(']:');
    a.ipv6Ext.push(redirectIpv6(ip, num(nn, 'local administrator', 0xffff)));
    return;
  }
  const [admin = '', nn = ''] = value.split(':');
  const ip = parseIPv4(admin);
  if (ip) {
    // INTEROP: ExaBGP 3.x wrote `redirect 1.2.3.4:5678` as the IPv4 redirect (RFC 7674 0x8108).
    const b = Buffer.alloc(8);
    b[0] = 0x81;
    b[1] = 0x08;
    ip.copy(b, 2);
    b.writeUInt16BE(num(nn, 'local administrator', 0xffff), 6);
    a.ext.push(decodeExtCommunity(b));
    return;
  }
  a.ext.push(redirect(num(admin, 'ASN', 0xffffffff), num(nn, 'target', 0xffffffff)));
}

function listOf<T>(text: string, what: string, conv: (w: string) => T | undefined): T[] {
  return words(text).map((w) => {
    const v = conv(w);
    if (v === undefined) throw new LowerError(`invalid ${what} '${w}'`);
    return v;
  });
}

function thenAction(a: Actions, part: FlowPart): void {
  const w = words(part.text);
  const first = w[0] ?? '';
  switch (part.name) {
    case 'accept':
      return;
    case 'discard':
      a.ext.push(trafficRate(0, 0));
      return;
    case 'rate-limit':
      a.ext.push(trafficRate(0, num(first, 'rate-limit', 0xffffffff)));
      return;
    case 'redirect':
      redirectTo(a, first);
      return;
    case 'redirect-to-nexthop':
      a.ext.push(redirectToNextHop(false));
      return;
    case 'redirect-to-nexthop-ietf':
      if (parseIPv4(first)) a.ext.push(redirectToNextHopIetf(first, false));
      else a.ipv6Ext.push(ietfIpv6(first));
      return;
    case 'copy':
      a.nextHop = ipNextHop(first);
      a.ext.push(redirectToNextHop(true));
      return;
    case 'mark':
      a.ext.push(trafficMark(num(first, 'mark', 0x3f)));
      return;
    case 'action':
      action(a, first);
      return;
    case 'community':
      a.communities.push(...listOf(part.text, 'community', parseCommunity));
      return;
    case 'large-community':
      a.large.push(...listOf(part.text, 'large community', parseLargeCommunity));
      return;
    case 'extended-community':
      for (const c of listOf(part.text, 'extended community', parseExtendedCommunity))
        a.ext.push(lowerExtCommunity(c));
      return;
    default:
      throw new LowerError(`unknown flow action '${part.name}'`);
  }
}

function action(a: Actions, value: string): void {
  const sample = value.includes('sample');
  const terminal = value.includes('terminal');
  if (!sample && !terminal)
    throw new LowerError(`invalid flow action '${value}' (sample, terminal, sample-terminal)`);
  a.ext.push(trafficAction(sample, terminal));
}

function ietfIpv6(ip: string): Ipv6ExtCommunity {
  const addr = parseIPv6(ip);
  if (!addr) throw new LowerError(`'${ip}' is not an IP address`);
  const b = Buffer.alloc(20);
  b[1] = 0x0c;
  addr.copy(b, 2);
  return decodeIpv6ExtCommunity(b);
}

function scopeAction(a: Actions, part: FlowPart): void {
  if (part.name !== 'interface-set') throw new LowerError(`unknown flow scope '${part.name}'`);
  for (const w of words(part.text)) a.ext.push(lowerExtCommunity({ type: 'interface-set', value: w }));
}

/** IPv6 prefix components with their RFC 5952 text (as the decoder prints them). */
function canonicalPrefixes(nlri: FlowNlri): FlowNlri {
  if (!nlri.components.some((c) => 'ip' in c && c.ip.includes(':'))) return nlri;
  const components = nlri.components.map((c) => {
    if (!('ip' in c) || !c.ip.includes(':')) return c;
    const b = parseIPv6(c.ip);
    return b ? { ...c, ip: formatIPv6(b) } : c;
  });
  return { ...nlri, components };
}

/**
 * INTEROP: ExaBGP 3.x accepted `fragment not-a-fragment`; it is the IS-fragment bit not set,
 * which RFC 8955 writes as a NOT bitmask term.
 */
function matchValue(m: FlowPart): { name: string; value: string } {
  if (m.name === 'fragment' && m.text.includes('not-a-fragment'))
    return { name: m.name, value: m.text.replace(/not-a-fragment/g, '!is-fragment') };
  return { name: m.name, value: m.text };
}

function partsKey(list: readonly FlowPart[]): string {
  let key = '';
  for (const p of list) key += `${p.name} ${p.text};`;
  return key;
}

/** One FlowSpec route. Throws LowerError. */
export function lowerFlow(interner: Interner, rule: FlowRule): Route {
  const a: Actions = { ext: [], ipv6Ext: [], communities: [], large: [] };
  try {
    for (const part of rule.then) thenAction(a, part);
    for (const part of rule.scope) scopeAction(a, part);
    const extra: ExtraAttributes = {
      key: `F${partsKey(rule.then)}${partsKey(rule.scope)}`,
      ext: a.ext,
      ipv6Ext: a.ipv6Ext,
      communities: a.communities,
      large: a.large,
    };
    const parts = lowerAttributes(interner, rule.attributes, extra);
    const rd = parts.rd === undefined ? undefined : lowerRd(parts.rd);
    const nlri = flowFromMatches(rule.match.map(matchValue), rd);
    const canonical = canonicalPrefixes(nlri);
    const withPath = parts.pathId === undefined ? canonical : { ...canonical, pathId: parts.pathId };
    const nextHop = a.nextHop ?? parts.nextHop;
    return {
      nlri: withPath,
      ...(nextHop ? { nextHop } : {}),
      attributes: parts.attributes,
      ...(parts.watchdog !== undefined ? { watchdog: parts.watchdog } : {}),
      ...(parts.withdraw ? { startWithdrawn: true } : {}),
    };
  } catch (e) {
    if (e instanceof EncodeError) throw new LowerError(e.message);
    throw e;
  }
}
