/**
 * A RouteStream (config/parse-core.ts) that checks each route statement as validateConfig
 * would and, when given an interner, lowers it as lowerConfig would, keeping only the results.
 * With it a million-route file is parsed without a million syntax trees: the daemon keeps the
 * Route values, `bgpknife validate` keeps nothing but diagnostics. Diagnostics are stored in
 * the section and replayed by validateConfig and lowerConfig, so both report exactly what they
 * report on a tree parsed without a stream.
 */
import type { Interner } from '../../command/lower/attributes.js';
import type { Route } from '../../rib/route.js';
import { createSink } from '../diagnostic.js';
import type { RouteCollector, RouteStream } from '../parse-core.js';
import { checkRoute } from '../validate-sections.js';
import { type RouteLowering, statementRoutes } from './routes.js';

/** Checks every route statement; lowers them too when `interner` is given. */
export function routeStream(interner?: Interner): RouteStream {
  return { section: () => collector(interner) };
}

function collector(interner: Interner | undefined): RouteCollector {
  const checks = createSink();
  const lowering: RouteLowering | undefined = interner
    ? { interner, sink: createSink(), done: new Map() }
    : undefined;
  const routes: Route[] = [];
  let statements = 0;
  return {
    add(route) {
      statements++;
      const before = checks.list.length;
      checkRoute(checks, route);
      // As without a stream, where a file that fails validation is not lowered at all.
      if (lowering && checks.list.length === before) statementRoutes(lowering, route, routes);
    },
    done: () => ({
      statements,
      // slice() trims the spare capacity of a grown array.
      routes: routes.slice(),
      checks: checks.list,
      diagnostics: lowering ? lowering.sink.list : [],
    }),
  };
}
