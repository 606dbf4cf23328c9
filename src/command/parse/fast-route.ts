/**
 * The fast path of `announce route PREFIX ATTRIBUTES` (bench/load, BENCHMARKS.md): helpers
 * announce a million routes one per line, and the lines differ only in their prefix. The
 * attribute text after the prefix is lexed, parsed and lowered once; later lines with the same
 * text reuse the lowered parts (next hop, interned attribute array) and only the prefix is
 * parsed, with the very functions the full parser uses (lowerPrefixesInto), so both paths give
 * equal routes. Anything unusual (selectors, blocks, quotes, comments, a line the full parser
 * has not accepted yet) goes the full way, which also gives every error message.
 */
import type { RouteAttribute } from '../../config/model.js';
import { readStatement } from '../../config/parse-core.js';
import type { Route } from '../../rib/route.js';
import { parseAttributes } from '../grammar/attribute.js';
import { type Interner, lowerAttributes, type RouteParts } from '../lower/attributes.js';
import { lowerPrefixesInto } from '../lower/route.js';
import type { Command } from '../types.js';
import { checkGrammar, lineState } from './state.js';

/** Attribute texts remembered per interner; the cache is emptied when it reaches this size. */
export const FAST_ROUTE_CACHE_ENTRIES = 4096;

const HEAD = 'announce route ';
/** A prefix word: address characters and one length. */
const PREFIX = /^[0-9A-Fa-f.:]+(\/\d{1,3})?$/;
/** Characters the lexer treats specially: such lines take the full path. */
const SPECIAL = /[;{}#"'\\]/;

const CACHES = new WeakMap<Interner, Map<string, RouteParts>>();

function lowered(interner: Interner, text: string): RouteParts | undefined {
  let cache = CACHES.get(interner);
  if (!cache) {
    cache = new Map();
    CACHES.set(interner, cache);
  }
  const hit = cache.get(text);
  if (hit) return hit;
  try {
    const p = lineState(text);
    const st = readStatement(p);
    checkGrammar(p);
    const values: RouteAttribute[] = [];
    parseAttributes(p, st.items, 0, values);
    checkGrammar(p);
    const parts = lowerAttributes(interner, values);
    if (cache.size >= FAST_ROUTE_CACHE_ENTRIES) cache.clear();
    cache.set(text, parts);
    return parts;
  } catch {
    return undefined;
  }
}

/**
 * The command of a plain `announce route PREFIX ATTRIBUTES` line, or undefined when the line
 * must take the full parser. Only attribute texts the full parser already accepted once are
 * used (`accepted`), so an error is always reported by the full parser.
 */
export function fastRoute(line: string, interner: Interner): Command | undefined {
  if (!line.startsWith(HEAD)) return undefined;
  const space = line.indexOf(' ', HEAD.length);
  if (space < 0) return undefined;
  const prefix = line.slice(HEAD.length, space);
  const rest = line.slice(space + 1);
  if (!PREFIX.test(prefix) || rest.length === 0 || SPECIAL.test(rest)) return undefined;
  const parts = CACHES.get(interner)?.has(rest) ? lowered(interner, rest) : undefined;
  if (!parts) return undefined;
  const routes: Route[] = [];
  try {
    lowerPrefixesInto(parts, { keyword: 'route' }, [prefix], routes);
  } catch {
    return undefined;
  }
  return { kind: 'routes', action: 'announce', routes };
}

/** After the full parser accepted a plain route line: remember its attribute text. */
export function learnRoute(line: string, interner: Interner): void {
  if (!line.startsWith(HEAD)) return;
  const space = line.indexOf(' ', HEAD.length);
  if (space < 0) return;
  const rest = line.slice(space + 1);
  if (!PREFIX.test(line.slice(HEAD.length, space)) || rest.length === 0 || SPECIAL.test(rest)) return;
  lowered(interner, rest);
}
