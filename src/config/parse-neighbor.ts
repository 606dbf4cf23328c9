/**
 * Neighbor-level sections: the neighbor body (shared by `neighbor`, `template { neighbor }` and
 * the legacy `group`), `family`, `add-path`, `capability`, `nexthop`, `api` and `process`.
 */

import { parseFlow, parseOperational } from '../command/grammar/flow.js';
import { parseAnnounce, parseL2vpn, parseStatic } from '../command/grammar/route.js';
import { table } from '../wire/lookup.js';
import type { Token } from './lexer.js';
import type {
  Api,
  CapabilityBlock,
  DirectionBlock,
  FamilyBlock,
  FamilyEntry,
  Neighbor,
  NeighborItem,
  NexthopBlock,
  NexthopEntry,
  Process,
  Setting,
} from './model.js';
import {
  endStatement,
  itemText,
  type ParserState,
  parseBlock,
  readStatement,
  type Statement,
  skipBlock,
  statementSpan,
  unknownKeyword,
} from './parse-core.js';
import {
  API_KEYS,
  CAPABILITY_KEYS,
  DIRECTION_KEYS,
  NEIGHBOR_KEYS,
  PROCESS_KEYS,
  parseSettings,
  type ValueType,
} from './parse-value.js';
import { joinSpans, type Span } from './span.js';

export const FAMILY_AFIS = ['ipv4', 'ipv6', 'l2vpn', 'bgp-ls', 'all', 'minimal'] as const;

/** The rest of a section header (`NAME {` or `{`): returns the name item text and whether a block follows. */
function header(p: ParserState, head: Token, named: boolean): { name?: string; ok: boolean; st: Statement } {
  const st = readStatement(p);
  const nameItem = st.items[0];
  const max = named ? 1 : 0;
  if (st.end !== '{' || st.items.length > max || nameItem?.kind === 'group') {
    const shape = named ? `'${head.text} NAME { ... }'` : `'${head.text} { ... }'`;
    p.sink.error(st.items[max]?.span ?? st.endSpan, `expected ${shape}`, ["'{'"]);
    if (st.end === '{') skipBlock(p);
    return { ok: false, st };
  }
  return nameItem ? { name: nameItem.text, ok: true, st } : { ok: true, st };
}

/** A block of `key value;` settings from `table`. */
function settingsBlock(
  p: ParserState,
  what: string,
  table: Readonly<Record<string, ValueType>>,
  out: Setting[],
  onOther?: (h: Token) => boolean,
): Span {
  return parseBlock(p, what, (h) => {
    const type = table[h.text];
    if (type !== undefined) out.push(...parseSettings(p, h, table, type));
    else if (!onOther?.(h)) unknownKeyword(p, h, what, Object.keys(table));
  });
}

export function parseProcess(p: ParserState, head: Token): Process | undefined {
  const h = header(p, head, true);
  if (!h.ok) return undefined;
  if (h.name === undefined) {
    p.sink.error(head.span, "'process' needs a name", ['process NAME { run ...; }']);
    skipBlock(p);
    return undefined;
  }
  const settings: Setting[] = [];
  const end = settingsBlock(p, 'process', PROCESS_KEYS, settings);
  return { kind: 'process', name: h.name, settings, span: joinSpans(head.span, end) };
}

function parseFamily(p: ParserState, head: Token, kind: 'family' | 'add-path'): FamilyBlock | undefined {
  if (!header(p, head, false).ok) return undefined;
  const entries: FamilyEntry[] = [];
  const end = parseBlock(p, kind, (afi) => {
    const st = readStatement(p);
    endStatement(p, st);
    if (!(FAMILY_AFIS as readonly string[]).includes(afi.text)) {
      p.sink.error(afi.span, `unknown address family '${afi.text}'`, [...FAMILY_AFIS]);
      return;
    }
    const words = st.items.map(itemText);
    const entry: FamilyEntry = {
      afi: afi.text,
      ...(words[0] === undefined ? {} : { safi: words[0] }),
      ...(words[1] === undefined ? {} : { direction: words[1] }),
      span: statementSpan(afi.span, st),
    };
    if (words.length > (kind === 'add-path' ? 2 : 1))
      p.sink.error(st.items[words.length - 1]!.span, 'too many words');
    entries.push(entry);
  });
  return { kind, entries, span: joinSpans(head.span, end) };
}

function parseCapability(p: ParserState, head: Token): CapabilityBlock | undefined {
  if (!header(p, head, false).ok) return undefined;
  const settings: Setting[] = [];
  const end = settingsBlock(p, 'capability', CAPABILITY_KEYS, settings);
  return { kind: 'capability', settings, span: joinSpans(head.span, end) };
}

function parseNexthop(p: ParserState, head: Token): NexthopBlock | undefined {
  if (!header(p, head, false).ok) return undefined;
  const entries: NexthopEntry[] = [];
  const end = parseBlock(p, 'nexthop', (afi) => {
    const st = readStatement(p);
    endStatement(p, st);
    const w = st.items.map(itemText);
    if (w.length !== 2) {
      p.sink.error(statementSpan(afi.span, st), 'expected AFI SAFI NEXTHOP-AFI', ['ipv4 unicast ipv6']);
      return;
    }
    entries.push({ afi: afi.text, safi: w[0]!, nexthopAfi: w[1]!, span: statementSpan(afi.span, st) });
  });
  return { kind: 'nexthop', entries, span: joinSpans(head.span, end) };
}

function parseApi(p: ParserState, head: Token): Api | undefined {
  const h = header(p, head, true);
  if (!h.ok) return undefined;
  const settings: Setting[] = [];
  let send: DirectionBlock | undefined;
  let receive: DirectionBlock | undefined;
  const end = settingsBlock(p, 'api', API_KEYS, settings, (t) => {
    if (t.text !== 'send' && t.text !== 'receive') return false;
    if (!header(p, t, false).ok) return true;
    const list: Setting[] = [...((t.text === 'send' ? send : receive)?.settings ?? [])];
    const close = settingsBlock(p, t.text, DIRECTION_KEYS, list);
    const block: DirectionBlock = { kind: t.text, settings: list, span: joinSpans(t.span, close) };
    if (t.text === 'send') send = block;
    else receive = block;
    return true;
  });
  return {
    kind: 'api',
    ...(h.name === undefined ? {} : { name: h.name }),
    settings,
    ...(send ? { send } : {}),
    ...(receive ? { receive } : {}),
    span: joinSpans(head.span, end),
  };
}

type SectionParser = (p: ParserState, head: Token) => NeighborItem | undefined;

const SECTIONS: Readonly<Record<string, SectionParser>> = table({
  family: (p, h) => parseFamily(p, h, 'family'),
  'add-path': (p, h) => parseFamily(p, h, 'add-path'),
  capability: parseCapability,
  nexthop: parseNexthop,
  api: parseApi,
  static: parseStatic,
  announce: parseAnnounce,
  flow: parseFlow,
  l2vpn: parseL2vpn,
  operational: parseOperational,
  process: parseProcess,
});

export const NEIGHBOR_KEYWORDS: readonly string[] = [...Object.keys(NEIGHBOR_KEYS), ...Object.keys(SECTIONS)];

/** One statement of a neighbor body (head consumed). `group` bodies also hold neighbors. */
function neighborStatement(p: ParserState, h: Token, kind: Neighbor['kind'], items: NeighborItem[]): void {
  const section = SECTIONS[h.text];
  // add-path is a section in 4.x/5.0 and a single keyword in 3.x: the `{` decides.
  if (section && !(h.text === 'add-path' && p.lex.peek().kind !== '{')) {
    const item = section(p, h);
    if (item) items.push(item);
    return;
  }
  const type = h.text === 'add-path' ? 'word' : NEIGHBOR_KEYS[h.text];
  if (type !== undefined) {
    items.push(...parseSettings(p, h, NEIGHBOR_KEYS, type));
    return;
  }
  if (h.text === 'neighbor' && kind === 'group') {
    const n = parseNeighbor(p, h, 'neighbor');
    if (n) items.push(n);
    return;
  }
  unknownKeyword(p, h, kind, kind === 'group' ? [...NEIGHBOR_KEYWORDS, 'neighbor'] : NEIGHBOR_KEYWORDS);
}

/** `neighbor ADDRESS { ... }`, a template neighbor, or `group NAME { ... }` (head consumed). */
export function parseNeighbor(p: ParserState, head: Token, kind: Neighbor['kind']): Neighbor | undefined {
  const h = header(p, head, true);
  if (!h.ok) return undefined;
  if (h.name === undefined) {
    p.sink.error(head.span, `'${head.text}' needs a ${kind === 'neighbor' ? 'peer address' : 'name'}`);
    skipBlock(p);
    return undefined;
  }
  const items: NeighborItem[] = [];
  const end = parseBlock(p, kind, (t) => neighborStatement(p, t, kind, items));
  return { kind, name: h.name, items, span: joinSpans(head.span, end) };
}
