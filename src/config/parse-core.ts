/**
 * The parser's shared machinery: the state (lexer + diagnostics), generic items (a word, a
 * quoted string, or a bracketed `[ ]` / `( )` group), statement reading and error recovery.
 * Sections are parsed by recursive descent over the lexer; a broken statement is reported and
 * skipped up to its `;` or its balanced `{ }`, so every error of a file is reported in one run.
 */
import type { DiagnosticSink } from './diagnostic.js';
import type { Lexer, Token } from './lexer.js';
import type { Route, StreamedRoutes } from './model.js';
import { joinSpans, type Span } from './span.js';

/** Brackets deeper than this are an error: nothing in ExaBGP's grammar nests beyond 3. */
export const MAX_GROUP_DEPTH = 16;
/** Blocks deeper than this are an error (ExaBGP's deepest is 5: template/neighbor/flow/route/match). */
export const MAX_BLOCK_DEPTH = 16;

export interface ParserState {
  readonly lex: Lexer;
  readonly sink: DiagnosticSink;
  depth: number;
  /** When set, route statements of static/announce/l2vpn sections go here instead of the tree. */
  readonly routes?: RouteStream;
}

/** Takes route statements as they are parsed (parseConfig's `routes` option). */
export interface RouteStream {
  /** Starts one static, announce or l2vpn section. */
  section(): RouteCollector;
}

export interface RouteCollector {
  /** A route statement; `valid` when validate's checks found no error in it. */
  add(route: Route, valid: boolean): void;
  /** The section is complete: what it keeps in place of its statements. */
  done(): StreamedRoutes;
}

export type Item =
  | {
      readonly kind: 'word' | 'string';
      readonly text: string;
      readonly span: Span;
      /** A line break came before it: a statement that runs on is probably missing its ';'. */
      readonly newline?: boolean;
    }
  | {
      readonly kind: 'group';
      readonly open: '[' | '(';
      readonly items: readonly Item[];
      readonly span: Span;
    };

/** How a statement ended: `;`, at a `{` (not consumed), at a `}` or the end (not consumed). */
export type Terminator = ';' | '{' | '}' | 'eof';

export interface Statement {
  readonly items: readonly Item[];
  readonly end: Terminator;
  readonly endSpan: Span;
}

const CLOSE: Readonly<Record<'[' | '(', ']' | ')'>> = { '[': ']', '(': ')' };

/** Reads one group whose opening token was just consumed. */
function readGroup(p: ParserState, open: Token, level: number): Item {
  const items: Item[] = [];
  const close = CLOSE[open.text as '[' | '('];
  let last = open.span;
  for (;;) {
    const t = p.lex.peek();
    if (t.kind === close) {
      p.lex.next();
      return { kind: 'group', open: open.text as '[' | '(', items, span: joinSpans(open.span, t.span) };
    }
    if (
      t.kind === ';' ||
      t.kind === '{' ||
      t.kind === '}' ||
      t.kind === 'eof' ||
      t.kind === ']' ||
      t.kind === ')'
    ) {
      p.sink.error(t.span, `unclosed '${open.text}'`, [`'${close}'`]);
      return { kind: 'group', open: open.text as '[' | '(', items, span: joinSpans(open.span, last) };
    }
    p.lex.next();
    last = t.span;
    if (t.kind === ',') continue;
    const item = readItemFrom(p, t, level + 1);
    if (item) items.push(item);
  }
}

function readItemFrom(p: ParserState, t: Token, level: number): Item | undefined {
  // A word or string token is already an Item (same fields): no copy per token.
  if (t.kind === 'word' || t.kind === 'string') return t as Item;
  if (t.kind === '[' || t.kind === '(') {
    if (level >= MAX_GROUP_DEPTH) {
      p.sink.error(t.span, 'brackets nested too deeply');
      return undefined;
    }
    return readGroup(p, t, level);
  }
  p.sink.error(t.span, `unexpected '${t.text}'`);
  return undefined;
}

/**
 * Reads the items of a statement up to its terminator. A `;` is consumed; `{`, `}` and the end
 * are left for the caller. Stray `]`, `)` and `,` are reported and skipped.
 */
export function readStatement(p: ParserState): Statement {
  const items: Item[] = [];
  for (;;) {
    const t = p.lex.peek();
    if (t.kind === ';') {
      p.lex.next();
      return { items, end: ';', endSpan: t.span };
    }
    if (t.kind === '{' || t.kind === '}' || t.kind === 'eof') return { items, end: t.kind, endSpan: t.span };
    p.lex.next();
    const item = readItemFrom(p, t, 0);
    if (item) items.push(item);
  }
}

/** Skips a balanced `{ ... }` whose `{` is the next token. */
export function skipBlock(p: ParserState): void {
  let depth = 0;
  for (;;) {
    const t = p.lex.next();
    if (t.kind === 'eof') return;
    if (t.kind === '{') depth++;
    else if (t.kind === '}' && --depth <= 0) return;
  }
}

/** Skips the rest of a statement: up to and including `;`, or a whole block. */
export function skipStatement(p: ParserState): void {
  const st = readStatement(p);
  if (st.end === '{') skipBlock(p);
}

/**
 * Parses `{ statement* }` whose `{` is the next token, calling `onStatement` with each
 * statement's first word (already consumed). The handler must consume its statement.
 * Returns the span of the closing brace (or of the end of the file when it is missing).
 */
export function parseBlock(p: ParserState, what: string, onStatement: (head: Token) => void): Span {
  const open = p.lex.next();
  if (p.depth >= MAX_BLOCK_DEPTH) {
    p.sink.error(open.span, 'blocks nested too deeply');
    p.depth++;
  }
  p.depth++;
  try {
    for (;;) {
      const t = p.lex.peek();
      if (t.kind === '}') {
        p.lex.next();
        return t.span;
      }
      if (t.kind === 'eof') {
        // INTEROP: ExaBGP closes open sections at the end of the file (its own conf-split.conf
        // relies on it), so this is only a warning.
        p.sink.warning(t.span, `missing '}' to close ${what} at the end of the file`);
        return t.span;
      }
      if (t.kind === ';') {
        p.lex.next();
        continue;
      }
      if (t.kind !== 'word') {
        p.sink.error(t.span, `unexpected '${t.text}' in ${what}`);
        if (t.kind === '{') skipBlock(p);
        else p.lex.next();
        continue;
      }
      p.lex.next();
      if (p.depth > MAX_BLOCK_DEPTH) skipStatement(p);
      else onStatement(t);
    }
  } finally {
    p.depth--;
  }
}

/** Reports an unknown keyword and skips its statement. */
export function unknownKeyword(
  p: ParserState,
  head: Token,
  where: string,
  expected: readonly string[],
): void {
  p.sink.error(head.span, `unknown keyword '${head.text}' in ${where}`, expected);
  skipStatement(p);
}

/**
 * Ends a statement that must not have a block: reports a `{` (and skips the block) or a
 * missing `;` before `}` or the end.
 */
export function endStatement(p: ParserState, st: Statement): void {
  if (st.end === ';') return;
  if (st.end === '{') {
    p.sink.error(st.endSpan, 'unexpected block', ["';'"]);
    skipBlock(p);
    return;
  }
  p.sink.error(st.endSpan, "missing ';'", ["';'"]);
}

/** The text of an item as it would be written back (groups with single spaces). */
export function itemText(item: Item): string {
  if (item.kind !== 'group') return item.kind === 'word' ? item.text : quote(item.text);
  if (item.items.length === 0) return `${item.open} ${CLOSE[item.open]}`;
  return `${item.open} ${item.items.map(itemText).join(' ')} ${CLOSE[item.open]}`;
}

/** A word as the lexer would read it back: quoted when it holds spaces or punctuation. */
export function quote(text: string): string {
  if (text !== '' && !/[\s{};[\](),#"'\\]/.test(text)) return text;
  return quoteString(text);
}

/** A quoted string the lexer reads back as `text`. */
export function quoteString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t').replace(/\r/g, '\\r')}"`;
}

export function statementSpan(head: Span, st: Statement): Span {
  return joinSpans(head, st.endSpan);
}
