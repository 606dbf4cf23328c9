/**
 * A route's typed attributes (the grammar's AttributeValue list) -> wire Attribute values
 * (RFC 4271 §5 and the attribute RFCs), plus the parts that are not path attributes: next hop,
 * RD, labels, path identifier, split, watchdog, withdraw and the NLRI fields of VPLS/MUP/MVPN.
 *
 * Lists are interned: routes whose attributes have the same text get the same array, so the
 * packer can group routes by identity (`a.attributes === b.attributes`). The key is built from
 * the values (never the spans), the list is built once per distinct key.
 */
import type { AttributeValue } from '../../config/model.js';
import type { NextHop } from '../../rib/route.js';
import { AS_PATH_SEGMENT } from '../../wire/attribute/as-path-segments.js';
import type { ExtCommunity } from '../../wire/attribute/ext-community/types.js';
import type { Ipv6ExtCommunity } from '../../wire/attribute/ipv6-extended-community.js';
import { attributeCode } from '../../wire/attribute/registry.js';
import type { Attribute } from '../../wire/attribute/types.js';
import { parseIPv4, parseIPv6 } from '../../wire/nlri/prefix.js';
import { LowerError } from './error.js';
import { lowerExtCommunity } from './ext-community.js';
import {
  addList,
  createListTable,
  findList,
  hashList,
  type ListTable,
  MAX_INTERNED_LISTS,
} from './intern.js';
import { prefixSidAttribute, prefixSidTlvs } from './prefix-sid.js';

/** Extra values a FlowSpec `then { }` adds to the route's own communities. */
export interface ExtraAttributes {
  /** Identifies the extra values for interning (e.g. the then-block text). */
  readonly key: string;
  readonly ext: readonly ExtCommunity[];
  readonly ipv6Ext: readonly Ipv6ExtCommunity[];
  readonly communities: readonly number[];
  readonly large: readonly (readonly [number, number, number])[];
}

/**
 * The parts of a route statement besides its path attributes. Fields are `undefined` when
 * absent (not optional) so every RouteParts has one shape: a million routes make no
 * intermediate objects.
 */
export interface RouteParts {
  /** Path attributes without NEXT_HOP and MP_*, in type-code order; interned. */
  readonly attributes: readonly Attribute[];
  readonly nextHop: NextHop | undefined;
  readonly rd: string | undefined;
  readonly labels: readonly number[] | undefined;
  readonly pathId: number | undefined;
  readonly split: number | undefined;
  readonly watchdog: string | undefined;
  readonly withdraw: boolean;
  /** VPLS / MUP / MVPN NLRI fields by name (flags map to ''). */
  readonly fields: ReadonlyMap<string, string>;
}

export { MAX_INTERNED_LISTS };

export interface Interner {
  /** Attribute lists by their values (intern.ts). */
  readonly lists: ListTable;
  /** Next hops by their text: a million routes share a handful of values. */
  readonly nextHops: Map<string, NextHop>;
}

export function createInterner(): Interner {
  return { lists: createListTable(), nextHops: new Map() };
}

const ORIGIN_VALUE = { igp: 0, egp: 1, incomplete: 2 } as const;

function ipv4(text: string, what: string): string {
  if (!parseIPv4(text)) throw new LowerError(`${what} '${text}' is not an IPv4 address`);
  return text;
}

const SELF: NextHop = Object.freeze({ kind: 'self' });

function nextHopOf(interner: Interner, address: string): NextHop {
  const known = interner.nextHops.get(address);
  if (known) return known;
  const nh = parseNextHop(address);
  if (interner.nextHops.size >= MAX_INTERNED_LISTS) interner.nextHops.clear();
  interner.nextHops.set(address, nh);
  return nh;
}

function parseNextHop(address: string): NextHop {
  if (address.toLowerCase() === 'self') return SELF;
  const v4 = parseIPv4(address);
  if (v4) return { kind: 'ip', ip: address };
  if (!parseIPv6(address)) throw new LowerError(`next-hop '${address}' is not an IP address (or self)`);
  return { kind: 'ip', ip: address.toLowerCase() };
}

/** Adds communities of the same kind together (several `community` keywords add up). */
interface Collect {
  readonly byCode: Map<number, Attribute>;
  communities: number[];
  large: (readonly [number, number, number])[];
  ext: ExtCommunity[];
  ipv6Ext: Ipv6ExtCommunity[];
}

function put(c: Collect, a: Attribute): void {
  c.byCode.set(attributeCode(a), a);
}

function addValue(c: Collect, a: AttributeValue): void {
  switch (a.kind) {
    case 'origin':
      put(c, { kind: 'origin', value: ORIGIN_VALUE[a.origin] });
      return;
    case 'med':
      put(c, { kind: 'med', value: a.value });
      return;
    case 'local-preference':
      put(c, { kind: 'local-preference', value: a.value });
      return;
    case 'aigp':
      put(c, { kind: 'aigp', metric: BigInt(a.value), otherTlvs: [] });
      return;
    case 'as-path':
      put(c, {
        kind: 'as-path',
        segments: a.segments.map((s) => ({
          type: s.type === 'set' ? AS_PATH_SEGMENT.SET : AS_PATH_SEGMENT.SEQUENCE,
          asns: s.asns,
        })),
      });
      return;
    case 'atomic-aggregate':
      put(c, { kind: 'atomic-aggregate' });
      return;
    case 'aggregator':
      put(c, { kind: 'aggregator', asn: a.asn, speaker: ipv4(a.address, 'aggregator') });
      return;
    case 'originator-id':
      put(c, { kind: 'originator-id', id: ipv4(a.address, 'originator-id') });
      return;
    case 'cluster-list':
      put(c, { kind: 'cluster-list', clusters: a.ids.map((id) => ipv4(id, 'cluster-id')) });
      return;
    case 'community':
      c.communities.push(...a.values);
      return;
    case 'large-community':
      c.large.push(...a.values);
      return;
    case 'extended-community':
      for (const v of a.values) c.ext.push(lowerExtCommunity(v));
      return;
    case 'generic':
      put(c, { kind: 'unknown', code: a.code, flags: a.flags, raw: Buffer.from(a.data, 'hex') });
      return;
    case 'prefix-sid':
      put(c, prefixSidAttribute(prefixSidTlvs(a.keyword, a.text)));
      return;
    default:
      return;
  }
}

/** Sorted, duplicates dropped (ExaBGP keeps a large community once). */
function uniqueLarge(
  list: readonly (readonly [number, number, number])[],
): (readonly [number, number, number])[] {
  const sorted = [...list].sort(compareLarge);
  return sorted.filter((x, i) => i === 0 || compareLarge(x, sorted[i - 1]!) !== 0);
}

function compareLarge(a: readonly number[], b: readonly number[]): number {
  return a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!;
}

/** Builds the attribute list: communities sorted as ExaBGP sends them, then type-code order. */
function build(values: readonly AttributeValue[], extra: ExtraAttributes | undefined): readonly Attribute[] {
  const c: Collect = { byCode: new Map(), communities: [], large: [], ext: [], ipv6Ext: [] };
  for (const a of values) addValue(c, a);
  if (extra) {
    c.ext.push(...extra.ext);
    c.ipv6Ext.push(...extra.ipv6Ext);
    c.communities.push(...extra.communities);
    c.large.push(...extra.large);
  }
  if (c.communities.length > 0)
    put(c, { kind: 'community', communities: [...new Set(c.communities)].sort((x, y) => x - y) });
  if (c.large.length > 0) put(c, { kind: 'large-community', communities: uniqueLarge(c.large) });
  if (c.ext.length > 0)
    put(c, {
      kind: 'extended-community',
      communities: [...c.ext].sort((x, y) => Buffer.compare(x.raw, y.raw)),
    });
  if (c.ipv6Ext.length > 0) put(c, { kind: 'extended-community-ipv6', communities: c.ipv6Ext });
  return [...c.byCode.entries()].sort((x, y) => x[0] - y[0]).map((e) => e[1]);
}

function internList(
  interner: Interner,
  values: readonly AttributeValue[],
  extra: ExtraAttributes | undefined,
): readonly Attribute[] {
  const extraKey = extra ? extra.key : '';
  const hash = hashList(values, extraKey);
  const found = findList(interner.lists, hash, values, extraKey);
  if (found) return found;
  const list = Object.freeze(build(values, extra)) as readonly Attribute[];
  addList(interner.lists, hash, values, extraKey, list);
  return list;
}

/** Splits a route's attribute values into wire attributes and route parts. Throws LowerError. */
export function lowerAttributes(
  interner: Interner,
  values: readonly AttributeValue[],
  extra?: ExtraAttributes,
): RouteParts {
  let nextHop: NextHop | undefined;
  let rd: string | undefined;
  let labels: readonly number[] | undefined;
  let pathId: number | undefined;
  let split: number | undefined;
  let watchdog: string | undefined;
  let withdraw = false;
  let fields: Map<string, string> | undefined;
  for (const a of values) {
    if (a.kind === 'next-hop') nextHop = nextHopOf(interner, a.address);
    else if (a.kind === 'rd') rd = a.value;
    else if (a.kind === 'label') labels = a.labels;
    else if (a.kind === 'path-information') pathId = a.value;
    else if (a.kind === 'split') split = a.value;
    else if (a.kind === 'watchdog') watchdog = a.value;
    else if (a.kind === 'withdraw') withdraw = true;
    else if (a.kind === 'field') {
      fields ??= new Map();
      fields.set(a.name, a.value ?? '');
    }
  }
  const attributes = internList(interner, values, extra);
  return {
    attributes,
    nextHop,
    rd,
    labels,
    pathId,
    split,
    watchdog,
    withdraw,
    fields: fields ?? EMPTY_FIELDS,
  };
}

const EMPTY_FIELDS: ReadonlyMap<string, string> = new Map();
