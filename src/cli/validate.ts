/**
 * `bgpknife validate [--print] FILE...`: parses and validates each configuration file, prints
 * every diagnostic to stderr (file:line:col, the line, a caret), and with --print writes the
 * canonical form of each valid file to stdout, secrets (md5-password) redacted unless
 * --show-secrets. Exit 1 when any file has an error, else 0.
 *
 * Files are read in pieces (when the io can) and read whole again only to quote diagnostics.
 * Without --print no syntax tree of the routes is kept (they are checked as they are parsed);
 * with it, the canonical form is written piece by piece.
 */
import { type Diagnostic, formatDiagnostic, hasErrors, sortDiagnostics } from '../config/diagnostic.js';
import type { MoreText } from '../config/lexer.js';
import { routeStream } from '../config/lower/stream.js';
import type { Config } from '../config/model.js';
import { type ParseOptions, parseConfig } from '../config/parser.js';
import { type PrintOptions, printConfig, printConfigTo } from '../config/print.js';
import { validateConfig } from '../config/validate.js';
import type { CliIo, Subcommand } from './io.js';

interface Checked {
  readonly diagnostics: Diagnostic[];
  /** The configuration, when it has no error. */
  readonly config?: Config;
}

function check(text: string, file: string, options: ParseOptions): Checked {
  const parsed = parseConfig(text, file, options);
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...validateConfig(parsed.config)]);
  return hasErrors(diagnostics) ? { diagnostics } : { diagnostics, config: parsed.config };
}

/** Parse options: without printing, route statements are checked and not kept. */
function options(print: boolean, more?: MoreText): ParseOptions {
  const routes = print ? {} : { routes: routeStream() };
  return more ? { ...routes, more } : routes;
}

/**
 * Parses and validates one file's text; the diagnostics of both passes, parse first. `printed`
 * is the canonical form when there is no error and `print` is on ('' when it is off).
 */
export function checkConfigText(
  text: string,
  file: string,
  print = true,
  printOptions: PrintOptions = {},
): { diagnostics: Diagnostic[]; printed?: string } {
  const { diagnostics, config } = check(text, file, options(print));
  if (!config) return { diagnostics };
  return { diagnostics, printed: print ? printConfig(config, printOptions) : '' };
}

function cannotRead(io: CliIo, file: string, e: unknown): undefined {
  io.err(`${file}: error: cannot read: ${(e as Error).message}\n`);
  return undefined;
}

/** The whole text again, to quote diagnostics ('' when it cannot be read twice, e.g. a pipe). */
function readAgain(io: CliIo, file: string): string {
  try {
    return io.readFile(file);
  } catch {
    return '';
  }
}

/** Checks one file and prints its diagnostics; undefined when it cannot be read. */
function checkFile(file: string, print: boolean, io: CliIo): Checked | undefined {
  let text: string;
  let result: Checked;
  if (io.readPieces) {
    try {
      result = io.readPieces(file, (first, more) => check(first, file, options(print, more)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === undefined) throw e;
      return cannotRead(io, file, e);
    }
    text = result.diagnostics.length > 0 ? readAgain(io, file) : '';
  } else {
    try {
      text = io.readFile(file);
    } catch (e) {
      return cannotRead(io, file, e);
    }
    result = check(text, file, options(print));
  }
  for (const d of result.diagnostics) io.err(`${formatDiagnostic(d, text)}\n`);
  return result;
}

const OPTIONS = new Set(['--print', '--show-secrets']);

export function runValidate(args: readonly string[], io: CliIo): number {
  const print = args.includes('--print');
  const showSecrets = args.includes('--show-secrets');
  const files = args.filter((a) => !OPTIONS.has(a));
  const unknown = files.find((f) => f.startsWith('--'));
  if (files.length === 0 || unknown) {
    io.err(
      `${unknown ? `validate: unknown option ${unknown}\n` : ''}usage: bgpknife validate [--print [--show-secrets]] FILE...\n`,
    );
    return 2;
  }
  let failed = false;
  for (const file of files) {
    const config = checkFile(file, print, io)?.config;
    if (!config) failed = true;
    else if (print) printConfigTo(config, (text) => io.out(text), { showSecrets });
  }
  return failed ? 1 : 0;
}

export const validate: Subcommand = {
  summary: 'check configuration files (every error, with file:line:col and a caret)',
  usage: `usage: bgpknife validate [--print [--show-secrets]] FILE...

Parse and validate ExaBGP configuration files. Every problem is printed as
file:line:col: severity: message, with the source line and a caret. --print writes the
canonical form of each valid file, with md5-password replaced by a placeholder unless
--show-secrets is given. Exit 0 when all files are valid, 1 otherwise.`,
  run: runValidate,
};
