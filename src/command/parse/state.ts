/**
 * Reading one API line with the configuration lexer (pure, never throws): the parser state,
 * the line's items, and the conversion of the first error diagnostic into the error reply.
 */
import { createSink } from '../../config/diagnostic.js';
import { Lexer } from '../../config/lexer.js';
import { type Item, itemText, type ParserState } from '../../config/parse-core.js';
import { EncodeError } from '../../wire/error.js';
import { LowerError } from '../lower/error.js';

/** API lines longer than this are refused before any parsing (a helper controls them). */
export const MAX_COMMAND_LENGTH = 1 << 20;

export function lineState(line: string): ParserState {
  const sink = createSink();
  return { lex: new Lexer(line, 'api', sink), sink, depth: 0 };
}

/** Thrown inside the command parser only; parseCommand turns it into `{ error }`. */
export class CommandError extends Error {
  override readonly name = 'CommandError';
}

export function fail(message: string, at?: Item): never {
  throw new CommandError(at ? `${message}, at '${itemText(at)}' (column ${at.span.col})` : message);
}

/** The first error the grammar reported, as the reply text. */
export function firstError(p: ParserState): string | undefined {
  const d = p.sink.list.find((x) => x.severity === 'error');
  if (!d) return undefined;
  const expected = d.expected && d.expected.length > 0 ? `; expected ${d.expected.join(', ')}` : '';
  return `${d.message} (column ${d.span.col})${expected}`;
}

export function checkGrammar(p: ParserState): void {
  const e = firstError(p);
  if (e !== undefined) throw new CommandError(e);
}

export function word(item: Item | undefined): string | undefined {
  return item && item.kind !== 'group' ? item.text : undefined;
}

/** Any error the lowering may throw, as a message; rethrows the unexpected. */
export function errorMessage(e: unknown): string {
  if (e instanceof CommandError || e instanceof LowerError || e instanceof EncodeError) return e.message;
  if (e instanceof RangeError) return e.message;
  throw e;
}
