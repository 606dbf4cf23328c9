/**
 * What a subcommand may touch: output streams, files and the environment, injected so tests
 * run subcommands in-process.
 */
import { readFileSync } from 'node:fs';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The file's text; throws the fs error when it cannot be read. */
  readFile(path: string): string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function nodeIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    env: process.env,
  };
}

/** A subcommand: takes its arguments, returns the exit status. */
export interface Subcommand {
  /** One line for `bgpknife --help`. */
  readonly summary: string;
  /** The full usage, printed by `bgpknife COMMAND --help` and after a UsageError. */
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number> | number;
}

/** A usage error: printed with the subcommand's usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
