/**
 * Configuration diagnostics: errors, warnings and notes with the span they refer to, and the
 * formatter that prints them the way compilers do:
 *
 *   file:line:col: error: message
 *     source line
 *     ^~~~~
 *   expected: ...
 */
import type { Span } from './span.js';

export type Severity = 'error' | 'warning' | 'note';

export interface Diagnostic {
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  /** What would have been accepted at this place, when there is a short list. */
  readonly expected?: readonly string[];
}

/** Collects diagnostics for one pass; never throws. */
export interface DiagnosticSink {
  readonly list: Diagnostic[];
  error(span: Span, message: string, expected?: readonly string[]): void;
  warning(span: Span, message: string): void;
  note(span: Span, message: string): void;
}

/** Beyond this many diagnostics in one pass, further ones are dropped (one last note says so). */
export const MAX_DIAGNOSTICS = 1000;

export function createSink(): DiagnosticSink {
  const list: Diagnostic[] = [];
  const push = (d: Diagnostic): void => {
    if (list.length < MAX_DIAGNOSTICS) list.push(d);
    else if (list.length === MAX_DIAGNOSTICS)
      list.push({ severity: 'note', message: 'too many diagnostics, the rest are not shown', span: d.span });
  };
  return {
    list,
    error: (span, message, expected) =>
      push(expected ? { severity: 'error', message, span, expected } : { severity: 'error', message, span }),
    warning: (span, message) => push({ severity: 'warning', message, span }),
    note: (span, message) => push({ severity: 'note', message, span }),
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/**
 * Prints one diagnostic. `source` is the text of the span's file (when known): its line is
 * quoted with a caret under the first character and tildes under the rest of the token.
 */
export function formatDiagnostic(d: Diagnostic, source?: string): string {
  const s = d.span;
  const out = [`${s.file}:${s.line}:${s.col}: ${d.severity}: ${d.message}`];
  const line = source === undefined ? undefined : sourceLine(source, s.line);
  if (line !== undefined) {
    const text = hideSecrets(line.replace(/\t/g, ' '));
    const width = s.endLine === s.line ? Math.max(1, s.endCol - s.col) : Math.max(1, text.length - s.col + 1);
    out.push(`  ${text}`);
    out.push(`  ${' '.repeat(Math.max(0, s.col - 1))}^${'~'.repeat(width - 1)}`);
  }
  if (d.expected && d.expected.length > 0) out.push(`expected: ${d.expected.join(', ')}`);
  return out.join('\n');
}

/** Formats a list of diagnostics; `sources` maps file names to their text. */
export function formatDiagnostics(list: readonly Diagnostic[], sources: ReadonlyMap<string, string>): string {
  return list.map((d) => formatDiagnostic(d, sources.get(d.span.file))).join('\n');
}

/** A quoted source line never shows an md5-password: its characters become '*' (carets stay aligned). */
function hideSecrets(text: string): string {
  return text.replace(
    /(md5-password\s+)(\S.*?)(;?\s*)$/,
    (_m, key: string, secret: string, end: string) => key + '*'.repeat(secret.length) + end,
  );
}

function sourceLine(source: string, line: number): string | undefined {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const nl = source.indexOf('\n', start);
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  const end = source.indexOf('\n', start);
  return source.slice(start, end < 0 ? source.length : end).replace(/\r$/, '');
}

/** Diagnostics in source order (file, line, column), stable for equal positions. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : 0) ||
      a.span.line - b.span.line ||
      a.span.col - b.span.col,
  );
}
