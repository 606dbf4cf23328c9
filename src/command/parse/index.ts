/**
 * parseCommand: one line of ExaBGP's API text -> a Command (command/types.ts), or an error
 * reply saying what was expected and where. Never throws.
 *
 *   line     := selectors? verb
 *   verb     := ('announce' | 'withdraw') (routes | 'watchdog' NAME)
 *             | 'announce' ('eor' [AFI SAFI] | 'route-refresh' AFI SAFI | 'operational' MSG ...)
 *             | 'show' ('neighbor' [summary|extensive|configuration] | 'adj-rib' (in|out) [extensive])
 *             | 'flush' 'adj-rib' 'out' | 'clear' 'adj-rib' (in|out) | 'teardown' N
 *             | shutdown | reload | restart | version | help | enable-ack | disable-ack | silence-ack
 *             | 'group' line (';' line)*        (ExaBGP 6: one UPDATE for several commands)
 *
 * Route words go through the configuration's grammar (command/grammar), so an API route and a
 * `static` route accept the same attributes.
 */
import type { AttributeValue, RouteAttribute } from '../../config/model.js';
import { type Item, readStatement } from '../../config/parse-core.js';
import { parseAttributes } from '../grammar/attribute.js';
import { createInterner, type Interner, lowerAttributes } from '../lower/attributes.js';
import type { Command, NeighborSelector, ParseResult } from '../types.js';
import { fastBulk, fastRoute, learnRoute } from './fast-route.js';
import { parseRoutes } from './route.js';
import { readSelectors } from './selector.js';
import { familyWords, simpleCommand } from './simple.js';
import { CommandError, checkGrammar, fail, lineState, MAX_COMMAND_LENGTH, word } from './state.js';

/** The interner of API routes: equal attribute text from any helper gives the same array. */
const API_INTERNER = createInterner();

/** Commands of one `group` line at most (ExaBGP 6 caps a group at 100,000). */
export const MAX_GROUP_COMMANDS = 100_000;

interface Parsed {
  readonly command: Command;
  readonly neighbors?: readonly NeighborSelector[];
}

function announceOrWithdraw(
  action: 'announce' | 'withdraw',
  items: readonly Item[],
  block: boolean,
  p: ReturnType<typeof lineState>,
  interner: Interner,
  shared: readonly AttributeValue[] | undefined,
): Command {
  const what = word(items[1]);
  if (what === 'watchdog') {
    const name = word(items[2]);
    if (name === undefined || items.length !== 3) fail('expected watchdog NAME', items[2] ?? items[1]);
    return { kind: 'watchdog', action, name };
  }
  if (action === 'announce' && what === 'eor') {
    if (items.length === 2) return { kind: 'eor' };
    return { kind: 'eor', family: familyWords(items, 2) };
  }
  if (action === 'announce' && what === 'route-refresh')
    return { kind: 'route-refresh', family: familyWords(items, 2) };
  if (action === 'announce' && what === 'operational') return simpleCommand(items, 'operational');
  const routes = parseRoutes({ p, interner, ...(shared ? { shared } : {}) }, items, 1, block);
  return { kind: 'routes', action, routes };
}

function parseOne(line: string, interner: Interner, shared?: readonly AttributeValue[]): Parsed {
  const p = lineState(line);
  const neighbors = readSelectors(p);
  const st = readStatement(p);
  checkGrammar(p);
  // A trailing ';' (as in a configuration line) is accepted; anything after it is not.
  if (st.end === ';' && p.lex.peek().kind !== 'eof') fail(`unexpected '${p.lex.peek().text}' after ';'`);
  if (st.end === '}') fail("unexpected '}'");
  const items = st.items;
  const verb = word(items[0]);
  if (verb === undefined) fail('empty command', items[0]);
  let command: Command;
  if (verb === 'announce' || verb === 'withdraw')
    command = announceOrWithdraw(verb, items, st.end === '{', p, interner, shared);
  else if (st.end === '{') fail("unexpected '{'");
  else if (verb === 'attributes' || verb === 'attribute')
    command = attributesCommand(p, items, interner, shared);
  else command = simpleCommand(items, verb);
  return neighbors ? { command, neighbors } : { command };
}

/** `attributes ATTRS` alone (an UPDATE without NLRI), or with `nlri P...` (an announce). */
function attributesCommand(
  p: ReturnType<typeof lineState>,
  items: readonly Item[],
  interner: Interner,
  shared: readonly AttributeValue[] | undefined,
): Command {
  if (items.some((it) => word(it) === 'nlri')) {
    const routes = parseRoutes({ p, interner, ...(shared ? { shared } : {}) }, items, 0, false);
    return { kind: 'routes', action: 'announce', routes };
  }
  const values: RouteAttribute[] = [];
  parseAttributes(p, items, 1, values);
  checkGrammar(p);
  const all = shared ? [...shared, ...values] : values;
  return { kind: 'attributes', attributes: lowerAttributes(interner, all).attributes };
}

/** `group attributes ATTRS ; withdraw ... ; announce ...`: attributes shared by what follows. */
function parseGroup(line: string, interner: Interner): Parsed {
  const parts = line
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (parts.length === 0) fail('empty group');
  if (parts.length > MAX_GROUP_COMMANDS) fail(`more than ${MAX_GROUP_COMMANDS} commands in a group`);
  let shared: AttributeValue[] | undefined;
  const commands: Command[] = [];
  for (const text of parts) {
    if (/^attributes?\s/.test(text) && !/\snlri\s/.test(text)) {
      shared = sharedAttributes(text);
      continue;
    }
    const one = parseOne(text, interner, shared);
    if (one.neighbors) fail('a neighbor selector goes before group, not inside it');
    commands.push(one.command);
  }
  return { command: { kind: 'group', commands } };
}

function sharedAttributes(text: string): AttributeValue[] {
  const p = lineState(text);
  const st = readStatement(p);
  const out: RouteAttribute[] = [];
  parseAttributes(p, st.items, 1, out);
  checkGrammar(p);
  return out;
}

/** Parses one API line. Never throws: a bad line gives `{ error }`. */
export function parseCommand(line: string, interner: Interner = API_INTERNER): ParseResult {
  try {
    if (line.length > MAX_COMMAND_LENGTH) fail(`command longer than ${MAX_COMMAND_LENGTH} characters`);
    const trimmed = line.trim();
    if (trimmed.startsWith('group ') || trimmed === 'group') {
      return parseGroup(trimmed.slice(5), interner);
    }
    const fast = fastRoute(trimmed, interner) ?? fastBulk(trimmed, interner);
    if (fast) return { command: fast };
    const parsed = parseOne(trimmed, interner);
    if (parsed.command.kind === 'routes' && !parsed.neighbors) learnRoute(trimmed, interner);
    return parsed;
  } catch (e) {
    if (e instanceof CommandError || e instanceof Error) return { error: e.message };
    return { error: String(e) };
  }
}
