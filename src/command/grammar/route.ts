/**
 * Route sections: `static { route PREFIX ...; }` (4.x), `announce { ipv4 { unicast PREFIX ...; } }`
 * (5.0) and `l2vpn { vpls [NAME] ...; }`. A route is written on one line
 * (`route P next-hop N community X;`) or as a block (`route P { next-hop N; community X; }`);
 * both give the same Route.
 */
import type { Token } from '../../config/lexer.js';
import type { AnnounceBlock, L2vpnBlock, Route, RouteAttribute, StaticBlock } from '../../config/model.js';
import {
  type Item,
  type ParserState,
  parseBlock,
  readStatement,
  type Statement,
  skipBlock,
  unknownKeyword,
} from '../../config/parse-core.js';
import { joinSpans, type Span } from '../../config/span.js';
import { table } from '../../wire/lookup.js';
import { ATTRIBUTES, parseAttributes } from './attribute.js';

/** SAFI keywords of `announce { ipv4 { ... } }` whose first item is a prefix. */
const PREFIXED = new Set(['unicast', 'multicast', 'nlri-mpls', 'labeled-unicast', 'mpls-vpn']);
/** The SAFI keywords ExaBGP 5.0 accepts under ipv4 and under ipv6. */
export const IP_SAFIS: readonly string[] = [
  'unicast',
  'multicast',
  'nlri-mpls',
  'labeled-unicast',
  'mpls-vpn',
  'mcast-vpn',
  'flow',
  'flow-vpn',
  'mup',
];

/** SAFI keywords of `announce { AFI { SAFI ... } }` (and the API's family-first forms). */
export const ANNOUNCE_SAFIS: Readonly<Record<string, readonly string[]>> = table({
  ipv4: IP_SAFIS,
  ipv6: IP_SAFIS,
  l2vpn: ['vpls'],
});

function headItem(head: Token): Item {
  return { kind: 'word', text: head.text, span: head.span };
}

/**
 * The attributes of a route statement from `items[start..]`, then, if the statement opened a
 * block, every statement of that block. Returns the span of the statement's end.
 */
function routeBody(p: ParserState, st: Statement, start: number, out: RouteAttribute[]): Span {
  parseAttributes(p, st.items, start, out);
  if (st.end === ';') return st.endSpan;
  if (st.end !== '{') {
    p.sink.error(st.endSpan, "missing ';'", ["';'"]);
    return st.endSpan;
  }
  return parseBlock(p, 'route', (head) => {
    const inner = readStatement(p);
    parseAttributes(p, [headItem(head), ...inner.items], 0, out);
    if (inner.end === '{') {
      p.sink.error(inner.endSpan, 'unexpected block in a route', ["';'"]);
      skipBlock(p);
    } else if (inner.end !== ';') p.sink.error(inner.endSpan, "missing ';'", ["';'"]);
  });
}

/** `route PREFIX ...` or `unicast PREFIX ...` (the keyword was consumed). */
function prefixedRoute(p: ParserState, head: Token, afi: string | undefined): Route | undefined {
  const st = readStatement(p);
  const prefix = st.items[0];
  const attributes: RouteAttribute[] = [];
  if (prefix?.kind !== 'word') {
    p.sink.error(prefix?.span ?? st.endSpan, `'${head.text}' needs a prefix`, ['PREFIX/LENGTH']);
    routeBody(p, st, st.items.length, attributes);
    return undefined;
  }
  const end = routeBody(p, st, 1, attributes);
  return {
    kind: 'route',
    keyword: head.text,
    ...(afi === undefined ? {} : { afi }),
    prefix: prefix.text,
    // slice() trims the backing store to its length: a million routes keep no spare capacity.
    attributes: attributes.slice(),
    span: joinSpans(head.span, end),
  };
}

/** A route described by fields only (vpls, mup, mcast-vpn, flow): optional NAME, then attributes. */
function fieldRoute(p: ParserState, head: Token, afi: string, named: boolean): Route {
  const st = readStatement(p);
  const first = st.items[0];
  const hasName =
    named &&
    first !== undefined &&
    first.kind !== 'group' &&
    ATTRIBUTES[first.text.toLowerCase()] === undefined;
  const attributes: RouteAttribute[] = [];
  const end = routeBody(p, st, hasName ? 1 : 0, attributes);
  return {
    kind: 'route',
    keyword: head.text,
    afi,
    ...(hasName && first ? { name: first.text } : {}),
    attributes: attributes.slice(),
    span: joinSpans(head.span, end),
  };
}

export function parseStatic(p: ParserState, head: Token): StaticBlock {
  const routes: Route[] = [];
  const st = readStatement(p);
  if (st.end !== '{') {
    p.sink.error(st.endSpan, "'static' needs a block", ["'{'"]);
    return { kind: 'static', routes, span: head.span };
  }
  const end = parseBlock(p, 'static', (h) => {
    if (h.text !== 'route') return unknownKeyword(p, h, 'static', ['route']);
    const route = prefixedRoute(p, h, undefined);
    if (route) routes.push(route);
  });
  return { kind: 'static', routes, span: joinSpans(head.span, end) };
}

export function parseAnnounce(p: ParserState, head: Token): AnnounceBlock {
  const routes: Route[] = [];
  const st = readStatement(p);
  if (st.end !== '{' || st.items.length > 0) {
    p.sink.error(st.items[0]?.span ?? st.endSpan, "'announce' needs a block", ["'{'"]);
    if (st.end === '{') skipBlock(p);
    return { kind: 'announce', routes, span: head.span };
  }
  const end = parseBlock(p, 'announce', (afiToken) => {
    const safis = ANNOUNCE_SAFIS[afiToken.text];
    const st = readStatement(p);
    if (!safis || st.end !== '{') {
      p.sink.error(
        afiToken.span,
        `unknown section '${afiToken.text}' in announce`,
        Object.keys(ANNOUNCE_SAFIS),
      );
      if (st.end === '{') skipBlock(p);
      return;
    }
    parseBlock(p, afiToken.text, (safi) => {
      if (!safis.includes(safi.text)) return unknownKeyword(p, safi, `announce ${afiToken.text}`, safis);
      if (PREFIXED.has(safi.text)) {
        const route = prefixedRoute(p, safi, afiToken.text);
        if (route) routes.push(route);
      } else routes.push(fieldRoute(p, safi, afiToken.text, safi.text === 'vpls'));
    });
  });
  return { kind: 'announce', routes, span: joinSpans(head.span, end) };
}

export function parseL2vpn(p: ParserState, head: Token): L2vpnBlock {
  const routes: Route[] = [];
  const st = readStatement(p);
  if (st.end !== '{') {
    p.sink.error(st.endSpan, "'l2vpn' needs a block", ["'{'"]);
    return { kind: 'l2vpn', routes, span: head.span };
  }
  const end = parseBlock(p, 'l2vpn', (h) => {
    if (h.text !== 'vpls') return unknownKeyword(p, h, 'l2vpn', ['vpls']);
    routes.push(fieldRoute(p, h, 'l2vpn', true));
  });
  return { kind: 'l2vpn', routes, span: joinSpans(head.span, end) };
}
