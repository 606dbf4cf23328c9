/**
 * The routes of a neighbor's sections (static, announce, flow, l2vpn) lowered to Route values
 * through the command layer, in configuration order. A statement is lowered once even when a
 * group or template shares it between neighbors; a repeated NLRI keeps the later route (ExaBGP
 * replaces a route given twice).
 */
import type { Interner } from '../../command/lower/attributes.js';
import { LowerError } from '../../command/lower/error.js';
import { lowerFlow } from '../../command/lower/flow.js';
import { lowerRoute } from '../../command/lower/route.js';
import type { Route } from '../../rib/route.js';
import { EncodeError } from '../../wire/error.js';
import { nlriCodec } from '../../wire/nlri/registry.js';
import type { Nlri } from '../../wire/nlri/types.js';
import type { DiagnosticSink } from '../diagnostic.js';
import type { FlowRoute, NeighborItem, Route as RouteStatement } from '../model.js';
import type { Span } from '../span.js';

/** Per-lowering state: the interner and the routes of statements already lowered. */
export interface RouteLowering {
  readonly interner: Interner;
  readonly sink: DiagnosticSink;
  readonly done: Map<RouteStatement | FlowRoute, readonly Route[]>;
}

function guarded(l: RouteLowering, span: Span, lower: () => Route[]): Route[] {
  try {
    return lower();
  } catch (e) {
    if (e instanceof LowerError || e instanceof EncodeError) {
      l.sink.error(span, e.message);
      return [];
    }
    throw e;
  }
}

function statementRoutes(l: RouteLowering, r: RouteStatement): readonly Route[] {
  const found = l.done.get(r);
  if (found) return found;
  const routes = guarded(l, r.span, () =>
    lowerRoute(l.interner, {
      keyword: r.keyword,
      ...(r.afi !== undefined ? { afi: r.afi } : {}),
      ...(r.prefix !== undefined ? { prefixes: [r.prefix] } : {}),
      attributes: r.attributes,
    }),
  );
  l.done.set(r, routes);
  return routes;
}

function flowRoutes(l: RouteLowering, r: FlowRoute): readonly Route[] {
  const found = l.done.get(r);
  if (found) return found;
  const routes = guarded(l, r.span, () => [lowerFlow(l.interner, r)]);
  l.done.set(r, routes);
  return routes;
}

/** What identifies a route in its family: a later route with the same key replaces it. */
export function routeKey(nlri: Nlri): string {
  const codec = nlriCodec(nlri.family);
  const key = codec ? codec.key(nlri) : JSON.stringify(nlri);
  return `${nlri.family}/${nlri.pathId ?? ''}/${key}`;
}

/** Keeps the last route of each key, in the order of those last routes. */
function laterWins(routes: readonly Route[]): Route[] {
  const last = new Map<string, number>();
  const keys = new Array<string>(routes.length);
  for (let i = 0; i < routes.length; i++) {
    const k = routeKey(routes[i]!.nlri);
    keys[i] = k;
    last.set(k, i);
  }
  if (last.size === routes.length) return routes as Route[];
  const out: Route[] = [];
  for (let i = 0; i < routes.length; i++) if (last.get(keys[i]!) === i) out.push(routes[i]!);
  return out;
}

export function neighborRoutes(l: RouteLowering, items: readonly NeighborItem[]): Route[] {
  const out: Route[] = [];
  for (const item of items) {
    if (item.kind === 'static' || item.kind === 'announce' || item.kind === 'l2vpn') {
      for (const r of item.routes) for (const route of statementRoutes(l, r)) out.push(route);
    } else if (item.kind === 'flow') {
      for (const r of item.routes) for (const route of flowRoutes(l, r)) out.push(route);
    }
  }
  return laterWins(out);
}
