/**
 * Reading configuration for the daemon: parse, validate and lower one file, collecting every
 * diagnostic. A file with errors yields no configuration, so a bad reload keeps the running one.
 *
 * Memory: the file is read in pieces (file-pieces.ts) that the lexer consumes as it goes, and
 * routes are lowered as they are parsed, so loading a million-route file holds neither the whole
 * text nor a syntax tree per route. The text is read again, whole, only to quote lines in
 * diagnostics when there are any.
 */
import { readFileSync } from 'node:fs';
import { createInterner } from '../command/lower/attributes.js';
import { type Diagnostic, formatDiagnostic, hasErrors, sortDiagnostics } from '../config/diagnostic.js';
import type { MoreText } from '../config/lexer.js';
import { lowerConfig } from '../config/lower/index.js';
import type { LoweredConfig } from '../config/lower/model.js';
import { routeStream } from '../config/lower/stream.js';
import { parseConfig } from '../config/parser.js';
import { validateConfig } from '../config/validate.js';
import { withFilePieces } from './file-pieces.js';

export { PIECE_BYTES } from './file-pieces.js';

export interface Loaded {
  readonly config?: LoweredConfig;
  /** Formatted diagnostics (file:line:col, source line, caret), errors and notes alike. */
  readonly messages: string[];
}

function cannotRead(file: string, e: unknown): Loaded {
  return { messages: [`${file}: error: cannot read: ${(e as Error).message}`] };
}

export async function loadConfigFile(file: string): Promise<Loaded> {
  try {
    return withFilePieces(file, (first, more) =>
      loadConfigSource(first, file, more, () => readFileSync(file, 'utf8')),
    );
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== undefined) return cannotRead(file, e);
    throw e;
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
