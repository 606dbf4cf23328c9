/**
 * Reading configuration for the daemon: parse, validate and lower one file, collecting every
 * diagnostic. A file with errors yields no configuration, so a bad reload keeps the running one.
 *
 * Memory: the file is read in pieces of PIECE_BYTES that the lexer consumes as it goes, and
 * routes are lowered as they are parsed, so loading a million-route file holds neither the whole
 * text nor a syntax tree per route. The text is read again, whole, only to quote lines in
 * diagnostics when there are any.
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createInterner } from '../command/lower/attributes.js';
import { type Diagnostic, formatDiagnostic, hasErrors, sortDiagnostics } from '../config/diagnostic.js';
import type { MoreText } from '../config/lexer.js';
import { lowerConfig } from '../config/lower/index.js';
import type { LoweredConfig } from '../config/lower/model.js';
import { routeStream } from '../config/lower/stream.js';
import { parseConfig } from '../config/parser.js';
import { validateConfig } from '../config/validate.js';

/** Bytes read from the file at a time. */
export const PIECE_BYTES = 1 << 20;

export interface Loaded {
  readonly config?: LoweredConfig;
  /** Formatted diagnostics (file:line:col, source line, caret), errors and notes alike. */
  readonly messages: string[];
}

function cannotRead(file: string, e: unknown): Loaded {
  return { messages: [`${file}: error: cannot read: ${(e as Error).message}`] };
}

/** The pieces of an open file as UTF-8 text (a character cut between two reads is kept whole). */
function pieces(fd: number): MoreText {
  const buf = Buffer.allocUnsafe(PIECE_BYTES);
  const decoder = new StringDecoder('utf8');
  let done = false;
  return () => {
    if (done) return undefined;
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n > 0) return decoder.write(buf.subarray(0, n));
    done = true;
    const rest = decoder.end();
    return rest === '' ? undefined : rest;
  };
}

export async function loadConfigFile(file: string): Promise<Loaded> {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return cannotRead(file, e);
  }
  try {
    const more = pieces(fd);
    return loadConfigSource(more() ?? '', file, more, () => readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== undefined) return cannotRead(file, e);
    throw e;
  } finally {
    closeSync(fd);
  }
}

export function loadConfigText(text: string, file: string): Loaded {
  return loadConfigSource(text, file, undefined, () => text);
}

/** Parses `text` (and `more` after it), validates and lowers; `source` gives the whole text for quoting. */
function loadConfigSource(
  text: string,
  file: string,
  more: MoreText | undefined,
  source: () => string,
): Loaded {
  // Routes are lowered as they are parsed: the daemon never needs their syntax trees.
  const interner = createInterner();
  const parsed = parseConfig(
    text,
    file,
    more ? { routes: routeStream(interner), more } : { routes: routeStream(interner) },
  );
  const checked = sortDiagnostics([...parsed.diagnostics, ...validateConfig(parsed.config)]);
  if (hasErrors(checked)) return { messages: format(checked, source) };
  const lowered = lowerConfig(parsed.config, interner);
  const messages = format([...checked, ...lowered.diagnostics], source);
  if (hasErrors(lowered.diagnostics)) return { messages };
  return { config: lowered.config, messages };
}

function format(list: readonly Diagnostic[], source: () => string): string[] {
  if (list.length === 0) return [];
  let text: string | undefined;
  try {
    text = source();
  } catch {
    text = undefined;
  }
  return list.map((d) => formatDiagnostic(d, text));
}
