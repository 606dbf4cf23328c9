/**
 * Route sections: `static { route PREFIX ...; }` (4.x), `announce { ipv4 { unicast PREFIX ...; } }`
 * (5.0) and `l2vpn { vpls [NAME] ...; }`. A route is written on one line
 * (`route P next-hop N community X;`) or as a block (`route P { next-hop N; community X; }`);
 * both give the same Route.
 */

import { createSink, type Diagnostic } from '../../config/diagnostic.js';
import type { Token } from '../../config/lexer.js';
import type {
  AnnounceBlock,
  AttributeValue,
  L2vpnBlock,
  Route,
  RouteAttribute,
  StaticBlock,
  StreamedRoutes,
} from '../../config/model.js';
import {
  type Item,
  type ParserState,
  parseBlock,
  type RouteCollector,
  readStatement,
  type Statement,
  skipBlock,
  unknownKeyword,
} from '../../config/parse-core.js';
import { joinSpans, type Span } from '../../config/span.js';
import { checkRoute } from '../../config/validate-sections.js';
import { table } from '../../wire/lookup.js';
import { attributeDescriptor, parseAttributes } from './attribute.js';
import { IP_SAFIS } from './safi-names.js';
import { shareValues } from './share.js';

/** SAFI keywords of `announce { ipv4 { ... } }` whose first item is a prefix. */
const PREFIXED = new Set(['unicast', 'multicast', 'nlri-mpls', 'labeled-unicast', 'mpls-vpn']);

/** SAFI keywords of `announce { AFI { SAFI ... } }` (and the API's family-first forms). */
export const ANNOUNCE_SAFIS: Readonly<Record<string, readonly string[]>> = table({
  ipv4: IP_SAFIS,
  ipv6: IP_SAFIS,
  l2vpn: ['vpls'],
});

/**
 * Where a section's routes go: its own list, or the parser's RouteStream (which keeps none of
 * the statements). Each route is checked here, while its attributes still have their spans;
 * `end()` gives the section's checks and its `streamed` part, if any.
 */
class Routes {
  readonly list: Route[] = [];
  private readonly collector: RouteCollector | undefined;
  private readonly checks = createSink();

  constructor(p: ParserState) {
    this.collector = p.routes?.section();
  }

  add(route: Route | undefined, attributes: readonly RouteAttribute[]): void {
    if (!route) return;
    const before = this.checks.list.length;
    checkRoute(this.checks, route, attributes);
    if (this.collector) this.collector.add(route, this.checks.list.length === before);
    else this.list.push(route);
  }

  end(): { checks: readonly Diagnostic[]; streamed?: StreamedRoutes } {
    const checks = this.checks.list;
    return this.collector ? { checks, streamed: this.collector.done() } : { checks };
  }
}

/** A parsed route and its attributes with their spans (for the checks). */
interface Parsed {
  readonly route: Route | undefined;
  readonly attributes: readonly RouteAttribute[];
}

/**
 * The attributes a Route keeps: in a tree, shared values without spans; for a RouteStream,
 * which keeps nothing, the parsed ones as they are.
 */
function kept(p: ParserState, attributes: readonly RouteAttribute[]): readonly AttributeValue[] {
  return p.routes ? attributes : shareValues(p, attributes);
}

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
function prefixedRoute(p: ParserState, head: Token, afi: string | undefined): Parsed {
  const st = readStatement(p);
  const prefix = st.items[0];
  const attributes: RouteAttribute[] = [];
  if (prefix?.kind !== 'word') {
    p.sink.error(prefix?.span ?? st.endSpan, `'${head.text}' needs a prefix`, ['PREFIX/LENGTH']);
    routeBody(p, st, st.items.length, attributes);
    return { route: undefined, attributes };
  }
  const end = routeBody(p, st, 1, attributes);
  const route: Route = {
    kind: 'route',
    keyword: head.text,
    ...(afi === undefined ? {} : { afi }),
    prefix: prefix.text,
    attributes: kept(p, attributes),
    span: joinSpans(head.span, end),
  };
  return { route, attributes };
}

/** A route described by fields only (vpls, mup, mcast-vpn, flow): optional NAME, then attributes. */
function fieldRoute(p: ParserState, head: Token, afi: string, named: boolean): Parsed {
  const st = readStatement(p);
  const first = st.items[0];
  const hasName =
    named && first !== undefined && first.kind !== 'group' && attributeDescriptor(first.text) === undefined;
  const attributes: RouteAttribute[] = [];
  const end = routeBody(p, st, hasName ? 1 : 0, attributes);
  const route: Route = {
    kind: 'route',
    keyword: head.text,
    afi,
    ...(hasName && first ? { name: first.text } : {}),
    attributes: kept(p, attributes),
    span: joinSpans(head.span, end),
  };
  return { route, attributes };
}

export function parseStatic(p: ParserState, head: Token): StaticBlock {
  const st = readStatement(p);
  if (st.end !== '{') {
    p.sink.error(st.endSpan, "'static' needs a block", ["'{'"]);
    return { kind: 'static', routes: [], span: head.span };
  }
  const routes = new Routes(p);
  const end = parseBlock(p, 'static', (h) => {
    if (h.text !== 'route') return unknownKeyword(p, h, 'static', ['route']);
    const r = prefixedRoute(p, h, undefined);
    routes.add(r.route, r.attributes);
  });
  return { kind: 'static', routes: routes.list, ...routes.end(), span: joinSpans(head.span, end) };
}

export function parseAnnounce(p: ParserState, head: Token): AnnounceBlock {
  const st = readStatement(p);
  if (st.end !== '{' || st.items.length > 0) {
    p.sink.error(st.items[0]?.span ?? st.endSpan, "'announce' needs a block", ["'{'"]);
    if (st.end === '{') skipBlock(p);
    return { kind: 'announce', routes: [], span: head.span };
  }
  const routes = new Routes(p);
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
      const r = PREFIXED.has(safi.text)
        ? prefixedRoute(p, safi, afiToken.text)
        : fieldRoute(p, safi, afiToken.text, safi.text === 'vpls');
      routes.add(r.route, r.attributes);
    });
  });
  return { kind: 'announce', routes: routes.list, ...routes.end(), span: joinSpans(head.span, end) };
}

export function parseL2vpn(p: ParserState, head: Token): L2vpnBlock {
  const st = readStatement(p);
  if (st.end !== '{') {
    p.sink.error(st.endSpan, "'l2vpn' needs a block", ["'{'"]);
    return { kind: 'l2vpn', routes: [], span: head.span };
  }
  const routes = new Routes(p);
  const end = parseBlock(p, 'l2vpn', (h) => {
    if (h.text !== 'vpls') return unknownKeyword(p, h, 'l2vpn', ['vpls']);
    const r = fieldRoute(p, h, 'l2vpn', true);
    routes.add(r.route, r.attributes);
  });
  return { kind: 'l2vpn', routes: routes.list, ...routes.end(), span: joinSpans(head.span, end) };
}
