/**
 * Parses the text of an ExaBGP configuration file (4.2 and 5.0 forms, and the 3.x forms still
 * found in the wild) into the typed model of model.ts. Pure: the caller reads the file and
 * passes its text and name. Never throws: every problem becomes a diagnostic, and parsing goes
 * on after each one so a file's errors are all reported at once.
 *
 *   config     := ( process | neighbor | template | group )*
 *   process    := 'process' NAME '{' setting* '}'
 *   neighbor   := 'neighbor' ADDRESS '{' (setting | section)* '}'
 *   template   := 'template' '{' ( 'neighbor' NAME '{' ... '}' )* '}'
 *   group      := 'group' NAME '{' (setting | section | neighbor)* '}'     (legacy 3.x/4.0)
 */
import { createSink, type Diagnostic } from './diagnostic.js';
import { Lexer, type MoreText, type Token } from './lexer.js';
import type { Config, Neighbor, TopItem } from './model.js';
import {
  type ParserState,
  parseBlock,
  type RouteStream,
  readStatement,
  skipBlock,
  unknownKeyword,
} from './parse-core.js';
import { parseNeighbor, parseProcess } from './parse-neighbor.js';
import type { Span } from './span.js';

export interface ParseResult {
  readonly config: Config;
  readonly diagnostics: readonly Diagnostic[];
}

export const TOP_KEYWORDS = ['process', 'neighbor', 'template', 'group'] as const;

function parseTemplate(p: ParserState, items: TopItem[]): void {
  const st = readStatement(p);
  if (st.end !== '{' || st.items.length > 0) {
    p.sink.error(st.items[0]?.span ?? st.endSpan, "expected 'template { neighbor NAME { ... } }'", ["'{'"]);
    if (st.end === '{') skipBlock(p);
    return;
  }
  parseBlock(p, 'template', (t) => {
    if (t.text !== 'neighbor') return unknownKeyword(p, t, 'template', ['neighbor']);
    const n = parseNeighbor(p, t, 'template');
    if (n) items.push(n);
  });
}

function topStatement(p: ParserState, t: Token, items: TopItem[]): void {
  let item: TopItem | undefined;
  switch (t.text) {
    case 'process':
      item = parseProcess(p, t);
      break;
    case 'neighbor':
      item = parseNeighbor(p, t, 'neighbor');
      break;
    case 'group':
      item = parseNeighbor(p, t, 'group');
      break;
    case 'template':
      parseTemplate(p, items);
      return;
    default:
      unknownKeyword(p, t, 'the configuration', TOP_KEYWORDS);
      return;
  }
  if (item) items.push(item);
}

export interface ParseOptions {
  /**
   * Takes the route statements of static, announce and l2vpn sections as they are parsed, so
   * the result does not hold them (see StreamedRoutes; config/lower/stream.ts makes one).
   */
  readonly routes?: RouteStream;
  /** The rest of the file after `text`, piece by piece (the lexer keeps only a window of it). */
  readonly more?: MoreText;
}

/** Parses one configuration file. `file` names it in spans and diagnostics. */
export function parseConfig(text: string, file: string, options: ParseOptions = {}): ParseResult {
  const sink = createSink();
  const lex = new Lexer(text, file, sink, options.more);
  const p: ParserState = options.routes
    ? { lex, sink, depth: 0, routes: options.routes }
    : { lex, sink, depth: 0 };
  const items: TopItem[] = [];
  for (;;) {
    const t = lex.peek();
    if (t.kind === 'eof') break;
    lex.next();
    if (t.kind === ';') continue;
    if (t.kind === '}') {
      // INTEROP: ExaBGP ignores a stray '}' at the top level (its conf-extended-attributes.conf has one).
      sink.warning(t.span, "unbalanced '}' ignored");
      continue;
    }
    if (t.kind !== 'word') {
      sink.error(t.span, `unexpected '${t.text}'`, [...TOP_KEYWORDS]);
      if (t.kind === '{') skipBlock(p);
      continue;
    }
    topStatement(p, t, items);
  }
  const end = lex.peek().span;
  const span: Span = { file, line: 1, col: 1, endLine: end.endLine, endCol: end.endCol };
  return { config: { kind: 'config', items, span }, diagnostics: sink.list };
}

/** Every neighbor of a config, including those inside legacy groups. */
export function allNeighbors(config: Config): Neighbor[] {
  const out: Neighbor[] = [];
  for (const item of config.items) {
    if (item.kind === 'neighbor') out.push(item);
    if (item.kind === 'group') for (const sub of item.items) if (sub.kind === 'neighbor') out.push(sub);
  }
  return out;
}
