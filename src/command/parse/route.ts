/**
 * The route forms of `announce` and `withdraw`, parsed with the configuration's route grammar
 * (command/grammar) and lowered to Route values:
 *
 *   route PREFIX ATTRIBUTES                       (4.x, also `route PREFIX rd .. label ..`)
 *   AFI SAFI PREFIX ATTRIBUTES                    (5.0 family-first: ipv4 unicast, ipv6 mpls-vpn ...)
 *   AFI mcast-vpn|mup FIELDS ATTRIBUTES           (ipv4 mcast-vpn source-join source .. group ..)
 *   vpls FIELDS ATTRIBUTES  |  l2vpn vpls ...
 *   attribute(s) ATTRIBUTES nlri PREFIX...        (bulk: one attribute set, many prefixes)
 *   flow route [NAME] { match { } then { } }      (the configuration's block, on one line)
 *   flow route MATCHES ACTIONS ATTRIBUTES         (inline)  |  AFI flow|flow-vpn MATCHES ...
 */
import type { AttributeValue, FlowStatement, RouteAttribute } from '../../config/model.js';
import { type Item, itemText, type ParserState } from '../../config/parse-core.js';
import type { Route } from '../../rib/route.js';
import { ATTRIBUTES, parseAttributes } from '../grammar/attribute.js';
import { FLOW_MATCH, FLOW_SCOPE, FLOW_THEN, flowRouteBlock } from '../grammar/flow.js';
import { ANNOUNCE_SAFIS } from '../grammar/route.js';
import type { Interner } from '../lower/attributes.js';
import { lowerFlow } from '../lower/flow.js';
import { lowerRoute, type RouteStatement } from '../lower/route.js';
import { checkGrammar, fail, word } from './state.js';

const PREFIXED = new Set(['unicast', 'multicast', 'nlri-mpls', 'labeled-unicast', 'mpls-vpn']);
const MATCH = new Set<string>(FLOW_MATCH);
const SCOPE = new Set<string>(FLOW_SCOPE);
/** Then-actions of the inline flow form; the community kinds are route attributes there. */
const THEN = new Set<string>(FLOW_THEN.filter((t) => !t.endsWith('community')));
const THEN_ALONE = new Set(['accept', 'discard', 'redirect-to-nexthop']);

/** Attribute values of items[start..end), reported through the grammar's diagnostics. */
function attributes(
  p: ParserState,
  items: readonly Item[],
  start: number,
  shared?: readonly AttributeValue[],
): AttributeValue[] {
  const out: RouteAttribute[] = [];
  parseAttributes(p, items, start, out);
  checkGrammar(p);
  return shared && shared.length > 0 ? [...shared, ...out] : out;
}

export interface RouteContext {
  readonly p: ParserState;
  readonly interner: Interner;
  /** Attributes a `group attributes ...` gave for the following commands. */
  readonly shared?: readonly AttributeValue[];
}

function prefixed(
  c: RouteContext,
  keyword: string,
  afi: string | undefined,
  items: readonly Item[],
  at: number,
): Route[] {
  const prefix = word(items[at]);
  if (prefix === undefined || ATTRIBUTES[prefix] !== undefined)
    fail(`'${keyword}' needs a prefix`, items[at] ?? items[at - 1]);
  const st: RouteStatement = {
    keyword,
    ...(afi === undefined ? {} : { afi }),
    prefixes: [prefix],
    attributes: attributes(c.p, items, at + 1, c.shared),
  };
  return lowerRoute(c.interner, st);
}

function fields(c: RouteContext, keyword: string, afi: string, items: readonly Item[], at: number): Route[] {
  return lowerRoute(c.interner, { keyword, afi, attributes: attributes(c.p, items, at, c.shared) });
}

/** `attributes ... nlri P1 P2 ...`. */
function bulk(c: RouteContext, items: readonly Item[], at: number): Route[] {
  const n = items.findIndex((it, i) => i >= at && word(it) === 'nlri');
  if (n < 0) fail("'attributes' needs 'nlri PREFIX...' after the attributes", items[items.length - 1]);
  const prefixes: string[] = [];
  for (const it of items.slice(n + 1)) {
    const w = word(it);
    if (w === undefined) fail('expected a prefix', it);
    prefixes.push(w);
  }
  if (prefixes.length === 0) fail("'nlri' needs at least one prefix", items[n]);
  const values = attributes(c.p, items.slice(0, n), at, c.shared);
  return lowerRoute(c.interner, { keyword: 'route', prefixes, attributes: values });
}

function part(name: string, value: Item | undefined): FlowStatement {
  const span = value?.span ?? { file: 'api', line: 1, col: 1, endLine: 1, endCol: 1 };
  return { kind: 'flow-statement', name, text: value ? itemText(value) : '', span };
}

/** The inline flow form: match components, actions and attributes in any order. */
function inlineFlow(c: RouteContext, items: readonly Item[], at: number, rdRequired: boolean): Route[] {
  const match: FlowStatement[] = [];
  const then: FlowStatement[] = [];
  const scope: FlowStatement[] = [];
  const rest: Item[] = [];
  for (let i = at; i < items.length; i++) {
    const w = word(items[i]) ?? '';
    if (w === 'match' || w === 'then') continue;
    if (MATCH.has(w) || SCOPE.has(w) || THEN.has(w)) {
      if (THEN_ALONE.has(w)) {
        then.push(part(w, undefined));
        continue;
      }
      const value = items[i + 1];
      if (!value) fail(`'${w}' needs a value`, items[i]);
      (MATCH.has(w) ? match : SCOPE.has(w) ? scope : then).push(part(w, value));
      i++;
      const unit = word(items[i + 1]);
      if (w === 'rate-limit' && (unit === 'bytes' || unit === 'packets')) i++;
    } else rest.push(items[i]!);
  }
  if (match.length === 0) fail('a flow route needs at least one match (source, destination, port ...)');
  const attrs = attributes(c.p, rest, 0, c.shared);
  if (rdRequired && !attrs.some((a) => a.kind === 'rd')) fail('a flow-vpn route needs an rd');
  return [lowerFlow(c.interner, { match, then, scope, attributes: attrs })];
}

/** `flow route [NAME] { ... }`: the configuration block grammar over the rest of the line. */
function blockFlow(c: RouteContext, items: readonly Item[], at: number): Route[] {
  const head = items[at - 1]!;
  const name = word(items[at]);
  const block = flowRouteBlock(
    c.p,
    { kind: 'word', text: word(head) ?? 'route', span: head.span, newline: false },
    name,
  );
  checkGrammar(c.p);
  const trailing = c.p.lex.peek();
  if (trailing.kind !== 'eof') fail(`unexpected '${trailing.text}' after the flow route`);
  const attrs = [...(c.shared ?? []), ...block.attributes];
  const { match, then, scope } = block;
  return [lowerFlow(c.interner, { match, then, scope, attributes: attrs })];
}

/**
 * The routes of `items[at..]` (after announce|withdraw). `block` tells that the line went on
 * with a `{` (the flow block form).
 */
export function parseRoutes(c: RouteContext, items: readonly Item[], at: number, block: boolean): Route[] {
  const kind = word(items[at]);
  if (block && kind !== 'flow') fail("unexpected '{'", items[at]);
  switch (kind) {
    case 'route':
      return prefixed(c, 'route', undefined, items, at + 1);
    case 'attribute':
    case 'attributes':
      return bulk(c, items, at + 1);
    case 'vpls':
      return fields(c, 'vpls', 'l2vpn', items, at + 1);
    case 'flow': {
      if (word(items[at + 1]) !== 'route') return inlineFlow(c, items, at + 1, false);
      return block ? blockFlow(c, items, at + 2) : inlineFlow(c, items, at + 2, false);
    }
    case 'ipv4':
    case 'ipv6':
    case 'l2vpn':
      return familyFirst(c, kind, items, at + 1);
    default:
      return fail(
        'expected route, attributes, flow, vpls, ipv4, ipv6, l2vpn, eor, route-refresh, operational or watchdog',
        items[at],
      );
  }
}

function familyFirst(c: RouteContext, afi: string, items: readonly Item[], at: number): Route[] {
  const safi = word(items[at]) ?? '';
  const safis = ANNOUNCE_SAFIS[afi] ?? [];
  if (!safis.includes(safi))
    fail(`expected one of ${safis.join(', ')} after '${afi}'`, items[at] ?? items[at - 1]);
  if (PREFIXED.has(safi)) return prefixed(c, safi, afi, items, at + 1);
  if (safi === 'flow' || safi === 'flow-vpn') {
    const routes = inlineFlow(
      c,
      items,
      word(items[at + 1]) === 'route' ? at + 2 : at + 1,
      safi === 'flow-vpn',
    );
    const family = routes[0]!.nlri.family >> 8;
    if (family !== (afi === 'ipv6' ? 2 : 1)) fail(`the flow's prefixes are not ${afi}`);
    return routes;
  }
  return fields(c, safi, afi, items, at + 1);
}
