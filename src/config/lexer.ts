/**
 * The lexer of ExaBGP's configuration language. It reads words, quoted strings and the
 * punctuation `{ } ; [ ] ( ) ,`; `#` starts a comment that runs to the end of the line (outside
 * quotes) and a backslash at the end of a line joins it to the next, as ExaBGP does. Statements
 * may span lines. It is a cursor (tokens are produced on demand, never stored as a whole list)
 * so a million-route file is lexed in constant memory. The text may also come in pieces (`more`):
 * the lexer then holds only a window of it, refilled a line at a time, and the whole file never
 * exists as one string. It never throws: bad input becomes a diagnostic and lexing goes on.
 */

import { table } from '../wire/lookup.js';
import type { DiagnosticSink } from './diagnostic.js';
import type { Span } from './span.js';

export type Punct = '{' | '}' | ';' | '[' | ']' | '(' | ')' | ',';
export type TokenKind = 'word' | 'string' | Punct | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The word, the unescaped string contents, the punctuation character, or '' at the end. */
  readonly text: string;
  readonly span: Span;
  /** True when a line break (not a backslash continuation) came before this token. */
  readonly newline: boolean;
}

// Character classes, indexed by char code (< 128); anything above 127 is a word character.
const WORD = 0;
const SPACE = 1;
const PUNCT = 2;
const QUOTE = 3;
const HASH = 4;
const CLASS = new Uint8Array(128);
for (const c of ' \t\r\n\f\v') CLASS[c.charCodeAt(0)] = SPACE;
for (const c of '{};[](),') CLASS[c.charCodeAt(0)] = PUNCT;
CLASS['"'.charCodeAt(0)] = QUOTE;
CLASS["'".charCodeAt(0)] = QUOTE;
CLASS['#'.charCodeAt(0)] = HASH;
for (let i = 0; i < 32; i++) if (CLASS[i] === WORD) CLASS[i] = SPACE;

const NL = 10;
const BACKSLASH = 92;

const ESCAPES: Readonly<Record<string, string>> = table({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' });

function classOf(code: number): number {
  return code < 128 ? CLASS[code]! : WORD;
}

/** Gives the next piece of a text read in pieces, or undefined at its end. */
export type MoreText = () => string | undefined;

export class Lexer {
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private peeked: Token | undefined;
  private sawNewline = false;
  /** Index of the window's last line break: the line holding `pos` is whole when pos <= lastNewline. */
  private lastNewline = Number.POSITIVE_INFINITY;

  constructor(
    private text: string,
    readonly file: string,
    private readonly sink: DiagnosticSink,
    private more?: MoreText,
  ) {
    if (more) {
      this.lastNewline = text.lastIndexOf('\n');
      this.ensureLine();
    }
  }

  /**
   * Makes the line at `pos` whole: when the window ends inside it, the part already read is
   * dropped and the next pieces appended. Positions move with the window; columns do not.
   */
  private ensureLine(): void {
    while (this.pos > this.lastNewline && this.more) {
      const piece = this.more();
      if (piece === undefined) {
        this.more = undefined;
        this.lastNewline = Number.POSITIVE_INFINITY;
        return;
      }
      this.text = this.text.slice(this.pos) + piece;
      this.lineStart -= this.pos;
      this.pos = 0;
      this.lastNewline = this.text.lastIndexOf('\n');
    }
  }

  /** The next token without consuming it. */
  peek(): Token {
    if (this.peeked === undefined) this.peeked = this.scan();
    return this.peeked;
  }

  /** Consumes and returns the next token; at the end, returns 'eof' tokens forever. */
  next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  private span(startPos: number, startLine: number, startLineStart: number): Span {
    return {
      file: this.file,
      line: startLine,
      col: startPos - startLineStart + 1,
      endLine: this.line,
      endCol: this.pos - this.lineStart + 1,
    };
  }

  private newline(): void {
    this.line++;
    this.lineStart = this.pos;
    if (this.pos > this.lastNewline) this.ensureLine();
  }

  /** Skips spaces, comments and line continuations (the window may move at each line break). */
  private skip(): void {
    while (this.pos < this.text.length) {
      const text = this.text;
      const code = text.charCodeAt(this.pos);
      const cls = classOf(code);
      if (cls === SPACE) {
        this.pos++;
        if (code === NL) {
          this.newline();
          this.sawNewline = true;
        }
      } else if (cls === HASH) {
        const nl = text.indexOf('\n', this.pos);
        this.pos = nl < 0 ? text.length : nl;
      } else if (code === BACKSLASH && this.continuation()) {
        // The backslash and its line break are consumed by continuation().
      } else return;
    }
  }

  /** A backslash followed only by spaces up to the end of the line joins two lines. */
  private continuation(): boolean {
    const text = this.text;
    let p = this.pos + 1;
    while (
      p < text.length &&
      (text.charCodeAt(p) === 32 || text.charCodeAt(p) === 9 || text.charCodeAt(p) === 13)
    )
      p++;
    if (p < text.length && text.charCodeAt(p) !== NL) return false;
    this.pos = p;
    if (p < text.length) {
      this.pos++;
      this.newline();
    }
    return true;
  }

  private scan(): Token {
    this.sawNewline = false;
    this.ensureLine();
    this.skip();
    const startPos = this.pos;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    if (this.pos >= this.text.length) {
      return { kind: 'eof', text: '', span: this.span(startPos, startLine, startLineStart), newline: true };
    }
    const ch = this.text.charAt(this.pos);
    const cls = classOf(ch.charCodeAt(0));
    if (cls === PUNCT) {
      this.pos++;
      return {
        kind: ch as Punct,
        text: ch,
        span: this.span(startPos, startLine, startLineStart),
        newline: this.sawNewline,
      };
    }
    if (cls === QUOTE) return this.scanString(ch, startPos, startLine, startLineStart);
    return this.scanWord(startPos, startLine, startLineStart);
  }

  private scanWord(startPos: number, startLine: number, startLineStart: number): Token {
    const text = this.text;
    const end = text.length;
    let p = this.pos;
    while (p < end) {
      const c = text.charCodeAt(p);
      if (c < 128 && CLASS[c] !== WORD) break;
      if (c === BACKSLASH && p > this.pos && this.endsLine(p)) break;
      p++;
    }
    this.pos = p;
    return {
      kind: 'word',
      text: text.slice(startPos, p),
      span: this.span(startPos, startLine, startLineStart),
      newline: this.sawNewline,
    };
  }

  /** True when a backslash at `p` is a line continuation (only spaces follow on its line). */
  private endsLine(p: number): boolean {
    const text = this.text;
    for (let q = p + 1; q < text.length; q++) {
      const c = text.charCodeAt(q);
      if (c === NL) return true;
      if (c !== 32 && c !== 9 && c !== 13) return false;
    }
    return true;
  }

  /** A quoted string ends at the same quote on the same line; escapes are unescaped. */
  private scanString(quote: string, startPos: number, startLine: number, startLineStart: number): Token {
    const text = this.text;
    let p = this.pos + 1;
    const parts: string[] = [];
    let from = p;
    while (p < text.length) {
      const c = text.charAt(p);
      if (c === quote || c === '\n') break;
      if (c === '\\' && p + 1 < text.length && text.charAt(p + 1) !== '\n') {
        parts.push(text.slice(from, p), ESCAPES[text.charAt(p + 1)] ?? text.charAt(p + 1));
        p += 2;
        from = p;
      } else p++;
    }
    parts.push(text.slice(from, p));
    const closed = p < text.length && text.charAt(p) === quote;
    this.pos = closed ? p + 1 : p;
    const span = this.span(startPos, startLine, startLineStart);
    if (!closed) this.sink.error(span, 'unterminated string', [quote]);
    return { kind: 'string', text: parts.join(''), span, newline: this.sawNewline };
  }
}

/** Every token of `text` (for tests and tools; the parser uses the cursor). */
export function tokenize(text: string, file: string, sink: DiagnosticSink): Token[] {
  const lexer = new Lexer(text, file, sink);
  const out: Token[] = [];
  for (let t = lexer.next(); t.kind !== 'eof'; t = lexer.next()) out.push(t);
  return out;
}
