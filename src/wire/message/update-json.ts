/**
 * ExaBGP 5.0's JSON for a received UPDATE: the value of `message` in an "update" event
 * (the envelope around it is built elsewhere).
 *
 *   { "update": { "attribute": { ... },
 *                 "announce": { "ipv4 unicast": { "<next-hop>": [ <nlri>, ... ] } },
 *                 "withdraw": { "ipv4 unicast": [ <nlri>, ... ] } } }
 *   { "eor": { "afi": "ipv6", "safi": "unicast" } }              (End-of-RIB, RFC 4724)
 *
 * As ExaBGP does: NLRI are taken in the order IPv4 withdrawn, IPv4 announced, MP_UNREACH,
 * MP_REACH; families and next hops keep their first-seen order; attributes are sorted by type
 * code, without NEXT_HOP's own entry (each descriptor decides), MP_REACH/MP_UNREACH (their NLRI
 * are the announce/withdraw parts) and unknown non-transitive attributes (ExaBGP drops them);
 * "attribute" is present when any other attribute is. A next hop of global + link-local lists
 * the NLRI under both addresses (ExaBGP 5.0 gives each NLRI each next hop); no next hop is
 * "no-nexthop" (FlowSpec). After a treat-as-withdraw error every NLRI is listed under
 * "withdraw", as ExaBGP reports it.
 */

import { ATTR_FLAG } from '../attribute/codec.js';
import { attributeCode, attributeJson, encodeAttribute } from '../attribute/registry.js';
import type { Attribute } from '../attribute/types.js';
import { Writer } from '../buf/writer.js';
import { DEFAULT_CONTEXT } from '../context.js';
import { DEFAULT_JSON_OPTIONS, type JsonObject, type JsonOptions } from '../json.js';
import type { FamilyKey } from '../nlri/family.js';
import { afiName, familyKey, familyName, safiName } from '../nlri/family.js';
import { formatIP } from '../nlri/prefix.js';
import { nlriCodecByKind } from '../nlri/registry.js';
import type { Nlri } from '../nlri/types.js';
import { unknownNlriJson } from '../nlri/unknown.js';
import { isEndOfRib, type Update } from './update.js';

const NEXT_HOP_CODE = 3;
const NO_NEXT_HOP = 'no-nexthop';

/** ExaBGP's JSON of one NLRI (as listed under announce/withdraw). */
export function nlriJson(n: Nlri, opts: JsonOptions = DEFAULT_JSON_OPTIONS, nextHop?: string): JsonObject {
  if (n.kind === 'unknown') return unknownNlriJson(n);
  const codec = nlriCodecByKind(n.kind);
  return codec ? codec.json(n, opts, nextHop) : {};
}

/** The NEXT_HOP attribute's address, read from its wire form so any value shape works. */
function ipv4NextHop(attributes: readonly Attribute[]): string {
  for (const a of attributes) {
    if (attributeCode(a) !== NEXT_HOP_CODE) continue;
    const w = new Writer(32);
    encodeAttribute(w, a, DEFAULT_CONTEXT);
    const b = w.view();
    const header = b[0]! & ATTR_FLAG.EXTENDED_LENGTH ? 4 : 3;
    const len = b.length - header;
    return len === 4 || len === 16 ? formatIP(b, header, len) : NO_NEXT_HOP;
  }
  return NO_NEXT_HOP;
}

/** The list stored under `key`, created empty on first use. */
function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  const found = map.get(key);
  if (found) return found;
  const made: V[] = [];
  map.set(key, made);
  return made;
}

class Collector {
  readonly announce = new Map<string, Map<string, JsonObject[]>>();
  readonly withdraw = new Map<string, JsonObject[]>();
  constructor(
    readonly opts: JsonOptions,
    readonly allWithdrawn: boolean,
  ) {}

  withdrawn(family: string, list: readonly Nlri[]): void {
    if (list.length === 0) return;
    const out = listIn(this.withdraw, family);
    for (const n of list) out.push(nlriJson(n, this.opts));
  }

  announced(family: string, nextHops: readonly string[], list: readonly Nlri[]): void {
    if (list.length === 0) return;
    if (this.allWithdrawn) {
      this.withdrawn(family, list);
      return;
    }
    let byHop = this.announce.get(family);
    if (!byHop) {
      byHop = new Map();
      this.announce.set(family, byHop);
    }
    for (const hop of nextHops.length > 0 ? nextHops : [NO_NEXT_HOP]) {
      const out = listIn(byHop, hop);
      const embedded = hop === NO_NEXT_HOP ? undefined : hop;
      for (const n of list) out.push(nlriJson(n, this.opts, embedded));
    }
  }
}

function attributesJson(attributes: readonly Attribute[], opts: JsonOptions): JsonObject | undefined {
  const shown = attributes.filter(
    (a) =>
      a.kind !== 'mp-reach' &&
      a.kind !== 'mp-unreach' &&
      !(a.kind === 'unknown' && (a.flags & ATTR_FLAG.TRANSITIVE) === 0),
  );
  if (shown.length === 0) return undefined;
  const sorted = shown.map((a) => ({ a, code: attributeCode(a) })).sort((x, y) => x.code - y.code);
  const out: JsonObject = {};
  for (const { a } of sorted) attributeJson(a, out, opts);
  return out;
}

/** The End-of-RIB JSON of a family: { "afi": "ipv6", "safi": "unicast" }. */
export function eorJson(family: FamilyKey): JsonObject {
  return { afi: afiName(family >> 8), safi: safiName(family & 0xff) };
}

/**
 * The family ExaBGP reports as End-of-RIB: RFC 4724's markers (isEndOfRib), and also, as
 * ExaBGP 5.0 does, an UPDATE whose only attributes are an empty MP_REACH_NLRI and/or
 * MP_UNREACH_NLRI (the MP_UNREACH family first).
 */
function eorFamily(u: Update): FamilyKey | undefined {
  const eor = isEndOfRib(u);
  if (eor !== undefined || u.withdrawn.length > 0 || u.nlri.length > 0) return eor;
  let reach: FamilyKey | undefined;
  let unreach: FamilyKey | undefined;
  for (const a of u.attributes) {
    if ((a.kind !== 'mp-reach' && a.kind !== 'mp-unreach') || a.nlri.length > 0) return undefined;
    if (a.kind === 'mp-reach') reach = familyKey(a.afi, a.safi);
    else unreach = familyKey(a.afi, a.safi);
  }
  return unreach ?? reach;
}

/**
 * The `message.update` object (attribute/announce/withdraw); for an End-of-RIB marker, the
 * `{ "eor": {...} }` object that ExaBGP puts in place of `update` (use updateMessageJson to
 * get the right `message` value in both cases).
 */
export function updateJson(u: Update, opts: JsonOptions = DEFAULT_JSON_OPTIONS): JsonObject {
  const eor = eorFamily(u);
  if (eor !== undefined) return { eor: eorJson(eor) };
  const c = new Collector(opts, u.action === 'treat-as-withdraw');
  c.withdrawn('ipv4 unicast', u.withdrawn);
  c.announced('ipv4 unicast', [ipv4NextHop(u.attributes)], u.nlri);
  for (const a of u.attributes) {
    if (a.kind === 'mp-unreach') c.withdrawn(familyName(a.afi, a.safi), a.nlri);
  }
  for (const a of u.attributes) {
    if (a.kind === 'mp-reach') c.announced(familyName(a.afi, a.safi), a.nextHop, a.nlri);
  }
  const out: JsonObject = {};
  const attribute = attributesJson(u.attributes, opts);
  if (attribute) out.attribute = attribute;
  if (c.announce.size > 0) {
    const announce: JsonObject = {};
    for (const [family, byHop] of c.announce) announce[family] = Object.fromEntries(byHop);
    out.announce = announce;
  }
  if (c.withdraw.size > 0) out.withdraw = Object.fromEntries(c.withdraw);
  return out;
}

/** The whole `message` value of an update event: { "update": {...} } or { "eor": {...} }. */
export function updateMessageJson(u: Update, opts: JsonOptions = DEFAULT_JSON_OPTIONS): JsonObject {
  const eor = eorFamily(u);
  if (eor !== undefined) return { eor: eorJson(eor) };
  return { update: updateJson(u, opts) };
}
