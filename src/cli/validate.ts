/**
 * `bgpknife validate [--print] FILE...`: parses and validates each configuration file, prints
 * every diagnostic to stderr (file:line:col, the line, a caret), and with --print writes the
 * canonical form of each valid file to stdout. Exit 1 when any file has an error, else 0.
 */
import { type Diagnostic, formatDiagnostic, hasErrors, sortDiagnostics } from '../config/diagnostic.js';
import { routeStream } from '../config/lower/stream.js';
import { parseConfig } from '../config/parser.js';
import { printConfig } from '../config/print.js';
import { validateConfig } from '../config/validate.js';
import type { CliIo, Subcommand } from './io.js';

/**
 * Parses and validates one file's text; the diagnostics of both passes, parse first. `printed`
 * is the canonical form when there is no error and `print` is on ('' when it is off): without
 * it, route statements are checked as they are parsed and not kept (config/lower/stream.ts).
 */
export function checkConfigText(
  text: string,
  file: string,
  print = true,
): { diagnostics: Diagnostic[]; printed?: string } {
  const parsed = parseConfig(text, file, print ? {} : { routes: routeStream() });
  const diagnostics = sortDiagnostics([...parsed.diagnostics, ...validateConfig(parsed.config)]);
  if (hasErrors(diagnostics)) return { diagnostics };
  return { diagnostics, printed: print ? printConfig(parsed.config) : '' };
}

export function runValidate(args: readonly string[], io: CliIo): number {
  const print = args.includes('--print');
  const files = args.filter((a) => a !== '--print');
  const unknown = files.find((f) => f.startsWith('--'));
  if (files.length === 0 || unknown) {
    io.err(
      `${unknown ? `validate: unknown option ${unknown}\n` : ''}usage: bgpknife validate [--print] FILE...\n`,
    );
    return 2;
  }
  let failed = false;
  for (const file of files) {
    let text: string;
    try {
      text = io.readFile(file);
    } catch (e) {
      io.err(`${file}: error: cannot read: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    const result = checkConfigText(text, file, print);
    for (const d of result.diagnostics) io.err(`${formatDiagnostic(d, text)}\n`);
    if (result.printed === undefined) failed = true;
    else if (print) io.out(result.printed);
  }
  return failed ? 1 : 0;
}

export const validate: Subcommand = {
  summary: 'check configuration files (every error, with file:line:col and a caret)',
  usage: `usage: bgpknife validate [--print] FILE...

Parse and validate ExaBGP configuration files. Every problem is printed as
file:line:col: severity: message, with the source line and a caret. --print writes the
canonical form of each valid file. Exit 0 when all files are valid, 1 otherwise.`,
  run: runValidate,
};
