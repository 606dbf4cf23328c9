/**
 * Source positions for configuration text. Every token and every model node carries a Span so
 * that any later pass (validate, lower, reload diff) can point back at the text it came from.
 * Lines and columns are 1-based; endLine/endCol point one past the last character.
 */
export interface Span {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine: number;
  readonly endCol: number;
}

/** A span covering `from` up to the end of `to`. */
export function joinSpans(from: Span, to: Span): Span {
  return { file: from.file, line: from.line, col: from.col, endLine: to.endLine, endCol: to.endCol };
}

/** Spans compare equal to anything: used to compare models while ignoring positions. */
export function stripSpans<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'span' ? undefined : v))) as T;
}
