/**
 * FlowSpec (RFC 8955/8956) and operational sections. `flow { route [NAME] { match { } then { }
 * scope { } rd ..; next-hop ..; } }`: match components, then-actions and scope lines are kept
 * as (name, value text as written, span); their meaning is decided when they are lowered to
 * FlowSpec NLRI and extended communities.
 */
import type { Token } from '../../config/lexer.js';
import type {
  FlowBlock,
  FlowRoute,
  FlowStatement,
  OperationalBlock,
  RouteAttribute,
} from '../../config/model.js';
import {
  endStatement,
  itemText,
  type ParserState,
  parseBlock,
  readStatement,
  statementSpan,
  unknownKeyword,
} from '../../config/parse-core.js';
import { joinSpans, type Span } from '../../config/span.js';
import { parseAttributes } from './attribute.js';

export const FLOW_MATCH = [
  'source',
  'source-ipv4',
  'source-ipv6',
  'destination',
  'destination-ipv4',
  'destination-ipv6',
  'protocol',
  'next-header',
  'port',
  'destination-port',
  'source-port',
  'icmp-type',
  'icmp-code',
  'tcp-flags',
  'packet-length',
  'dscp',
  'traffic-class',
  'fragment',
  'flow-label',
] as const;

export const FLOW_THEN = [
  'accept',
  'discard',
  'rate-limit',
  'redirect',
  'redirect-to-nexthop',
  'redirect-to-nexthop-ietf',
  'copy',
  'mark',
  'action',
  'community',
  'large-community',
  'extended-community',
] as const;

export const FLOW_SCOPE = ['interface-set'] as const;

const FLOW_ROUTE_ATTRIBUTES = ['rd', 'route-distinguisher', 'next-hop'];

/** `name value...;` kept as text. */
function flowStatement(p: ParserState, head: Token): FlowStatement {
  const st = readStatement(p);
  endStatement(p, st);
  return {
    kind: 'flow-statement',
    name: head.text,
    text: st.items.map(itemText).join(' '),
    span: statementSpan(head.span, st),
  };
}

function statements(p: ParserState, what: string, known: readonly string[], out: FlowStatement[]): Span {
  const st = readStatement(p);
  if (st.end !== '{') {
    p.sink.error(st.endSpan, `'${what}' needs a block`, ["'{'"]);
    return st.endSpan;
  }
  return parseBlock(p, what, (h) => {
    if (!known.includes(h.text)) return unknownKeyword(p, h, what, known);
    out.push(flowStatement(p, h));
  });
}

function flowRoute(p: ParserState, head: Token): FlowRoute | undefined {
  const st = readStatement(p);
  const nameItem = st.items[0];
  if (st.end !== '{' || st.items.length > 1 || nameItem?.kind === 'group') {
    p.sink.error(st.endSpan, 'a flow route is `route [NAME] { match { } then { } }`', ["'{'"]);
    return undefined;
  }
  return flowRouteBlock(p, head, nameItem?.text);
}

/**
 * The `{ match { } then { } scope { } rd ..; next-hop ..; }` block of a flow route, its `{`
 * being the next token. Shared by the configuration and the API's `announce flow route { }`.
 */
export function flowRouteBlock(p: ParserState, head: Token, name: string | undefined): FlowRoute {
  const match: FlowStatement[] = [];
  const then: FlowStatement[] = [];
  const scope: FlowStatement[] = [];
  const attributes: RouteAttribute[] = [];
  const end = parseBlock(p, 'flow route', (h) => {
    if (h.text === 'match') statements(p, 'match', FLOW_MATCH, match);
    else if (h.text === 'then') statements(p, 'then', FLOW_THEN, then);
    else if (h.text === 'scope') statements(p, 'scope', FLOW_SCOPE, scope);
    else if (FLOW_ROUTE_ATTRIBUTES.includes(h.text)) {
      const inner = readStatement(p);
      endStatement(p, inner);
      parseAttributes(p, [{ kind: 'word', text: h.text, span: h.span }, ...inner.items], 0, attributes);
    } else unknownKeyword(p, h, 'flow route', ['match', 'then', 'scope', ...FLOW_ROUTE_ATTRIBUTES]);
  });
  return {
    kind: 'flow-route',
    ...(name !== undefined ? { name } : {}),
    match,
    then,
    scope,
    attributes,
    span: joinSpans(head.span, end),
  };
}

export function parseFlow(p: ParserState, head: Token): FlowBlock {
  const routes: FlowRoute[] = [];
  const st = readStatement(p);
  if (st.end !== '{') {
    p.sink.error(st.endSpan, "'flow' needs a block", ["'{'"]);
    return { kind: 'flow', routes, span: head.span };
  }
  const end = parseBlock(p, 'flow', (h) => {
    if (h.text !== 'route') return unknownKeyword(p, h, 'flow', ['route']);
    const route = flowRoute(p, h);
    if (route) routes.push(route);
  });
  return { kind: 'flow', routes, span: joinSpans(head.span, end) };
}

export const OPERATIONAL_MESSAGES = ['asm', 'adm', 'rpcq', 'rpcp', 'apcq', 'apcp', 'lpcq', 'lpcp'] as const;

export function parseOperational(p: ParserState, head: Token): OperationalBlock {
  const messages: FlowStatement[] = [];
  const end = statements(p, 'operational', OPERATIONAL_MESSAGES, messages);
  return { kind: 'operational', messages, span: joinSpans(head.span, end) };
}
