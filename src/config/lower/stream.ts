/**
 * A RouteStream (config/parse-core.ts) that, when given an interner, lowers each valid route
 * statement as lowerConfig would, keeping only the results (the checks are made by the grammar).
 * With it a million-route file is parsed without a million syntax trees: the daemon keeps the
 * routes (a compact RouteList, about 12 bytes a plain route), `bgpknife validate` keeps nothing
 * but diagnostics. Diagnostics are stored in the section and replayed by validateConfig and
 * lowerConfig, so both report exactly what they report on a tree parsed without a stream.
 */
import type { Interner } from '../../command/lower/attributes.js';
import { RouteList } from '../../rib/route-list.js';
import { createSink } from '../diagnostic.js';
import type { RouteCollector, RouteStream } from '../parse-core.js';
import { type RouteLowering, statementRoutes } from './routes.js';

/** Keeps no route statement; lowers them when `interner` is given. */
export function routeStream(interner?: Interner): RouteStream {
  return { section: () => collector(interner) };
}

function collector(interner: Interner | undefined): RouteCollector {
  const lowering: RouteLowering | undefined = interner
    ? { interner, sink: createSink(), done: new Map() }
    : undefined;
  const routes = new RouteList();
  let statements = 0;
  return {
    add(route, valid) {
      statements++;
      // As without a stream, where a file that fails validation is not lowered at all.
      if (lowering && valid) statementRoutes(lowering, route, routes);
    },
    done() {
      routes.trim();
      return { statements, routes, diagnostics: lowering ? lowering.sink.list : [] };
    },
  };
}
