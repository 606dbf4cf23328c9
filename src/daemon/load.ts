/**
 * Reading configuration for the daemon: parse, validate and lower one file, collecting every
 * diagnostic. A file with errors yields no configuration, so a bad reload keeps the running one.
 */
import { readFile } from 'node:fs/promises';
import { createInterner } from '../command/lower/attributes.js';
import { formatDiagnostic, hasErrors, sortDiagnostics } from '../config/diagnostic.js';
import { lowerConfig } from '../config/lower/index.js';
import type { LoweredConfig } from '../config/lower/model.js';
import { routeStream } from '../config/lower/stream.js';
import { parseConfig } from '../config/parser.js';
import { validateConfig } from '../config/validate.js';

export interface Loaded {
  readonly config?: LoweredConfig;
  /** Formatted diagnostics (file:line:col, source line, caret), errors and notes alike. */
  readonly messages: string[];
}

export async function loadConfigFile(file: string): Promise<Loaded> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return { messages: [`${file}: error: cannot read: ${(e as Error).message}`] };
  }
  return loadConfigText(text, file);
}

export function loadConfigText(text: string, file: string): Loaded {
  // Routes are lowered as they are parsed: the daemon never needs their syntax trees.
  const interner = createInterner();
  const parsed = parseConfig(text, file, { routes: routeStream(interner) });
  const checked = sortDiagnostics([...parsed.diagnostics, ...validateConfig(parsed.config)]);
  const messages = checked.map((d) => formatDiagnostic(d, text));
  if (hasErrors(checked)) return { messages };
  const lowered = lowerConfig(parsed.config, interner);
  messages.push(...lowered.diagnostics.map((d) => formatDiagnostic(d, text)));
  if (hasErrors(lowered.diagnostics)) return { messages };
  return { config: lowered.config, messages };
}
