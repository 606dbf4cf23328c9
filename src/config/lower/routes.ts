/**
 * The routes of a neighbor's sections (static, announce, flow, l2vpn) lowered to Route values
 * through the command layer, in configuration order, kept in a compact RouteList. A statement is lowered once even when a
 * group or template shares it between neighbors. A repeated NLRI is kept twice, in order: the
 * Adj-RIB-Out makes the later one win, and sends both when ExaBGP does (its corpus relies on it).
 */
import type { Interner } from '../../command/lower/attributes.js';
import { LowerError } from '../../command/lower/error.js';
import { lowerFlow } from '../../command/lower/flow.js';
import { lowerRouteInto } from '../../command/lower/route.js';
import type { Route } from '../../rib/route.js';
import { RouteList } from '../../rib/route-list.js';
import { EncodeError } from '../../wire/error.js';
import type { DiagnosticSink } from '../diagnostic.js';
import type { FlowRoute, NeighborItem, Route as RouteStatement } from '../model.js';
import type { Span } from '../span.js';
import { replay } from '../validate-sections.js';

/** Per-lowering state: the interner and the routes of sections already lowered. */
export interface RouteLowering {
  readonly interner: Interner;
  readonly sink: DiagnosticSink;
  /** Routes by section: a group's or template's section shared by neighbors is lowered once. */
  readonly done: Map<NeighborItem, RouteList>;
}

function report(l: RouteLowering, span: Span, e: unknown): void {
  if (e instanceof LowerError || e instanceof EncodeError) l.sink.error(span, e.message);
  else throw e;
}

/** Routes of one statement, before they go into the section's list (reused: lowering is synchronous). */
const statement: Route[] = [];

/** Lowers one route statement, appending to `out`; a statement that fails adds nothing. */
export function statementRoutes(l: RouteLowering, r: RouteStatement, out: RouteList): void {
  try {
    lowerRouteInto(
      l.interner,
      r.prefix !== undefined
        ? r.afi !== undefined
          ? { keyword: r.keyword, afi: r.afi, prefixes: [r.prefix], attributes: r.attributes }
          : { keyword: r.keyword, prefixes: [r.prefix], attributes: r.attributes }
        : r.afi !== undefined
          ? { keyword: r.keyword, afi: r.afi, attributes: r.attributes }
          : { keyword: r.keyword, attributes: r.attributes },
      statement,
    );
    for (const route of statement) out.push(route);
  } catch (e) {
    report(l, r.span, e);
  } finally {
    statement.length = 0;
  }
}

function flowRoutes(l: RouteLowering, r: FlowRoute, out: RouteList): void {
  try {
    out.push(lowerFlow(l.interner, r));
  } catch (e) {
    report(l, r.span, e);
  }
}

/** The routes of one section, lowered once. */
function sectionRoutes(l: RouteLowering, item: NeighborItem): RouteList {
  const found = l.done.get(item);
  if (found) return found;
  if ((item.kind === 'static' || item.kind === 'announce' || item.kind === 'l2vpn') && item.streamed) {
    // Lowered while parsing (config/lower/stream.ts): only its diagnostics are reported now.
    for (const d of item.streamed.diagnostics) replay(l.sink, d);
    l.done.set(item, item.streamed.routes);
    return item.streamed.routes;
  }
  const out = new RouteList();
  if (item.kind === 'static' || item.kind === 'announce' || item.kind === 'l2vpn')
    for (const r of item.routes) statementRoutes(l, r, out);
  else if (item.kind === 'flow') for (const r of item.routes) flowRoutes(l, r, out);
  out.trim();
  l.done.set(item, out);
  return out;
}

/** The routes of a neighbor's sections; one section's list is shared, never copied. */
export function neighborRoutes(l: RouteLowering, items: readonly NeighborItem[]): RouteList {
  const sections = items.filter(
    (i) => i.kind === 'static' || i.kind === 'announce' || i.kind === 'l2vpn' || i.kind === 'flow',
  );
  if (sections.length === 1) return sectionRoutes(l, sections[0]!);
  const out = new RouteList();
  for (const item of sections) out.append(sectionRoutes(l, item));
  out.trim();
  return out;
}
