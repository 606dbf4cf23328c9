/**
 * What a subcommand may touch: output streams, files and the environment, injected so tests
 * run subcommands in-process.
 */
import { readFileSync } from 'node:fs';
import type { MoreText } from '../config/lexer.js';
import { withFilePieces } from '../daemon/file-pieces.js';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The file's text; throws the fs error when it cannot be read. */
  readFile(path: string): string;
  /**
   * Reads the file in pieces: `use` gets the first and the source of the rest (a large file is
   * then never one string). Optional: without it, readFile is used.
   */
  readPieces?<T>(path: string, use: (first: string, more: MoreText) => T): T;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function nodeIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readFile: (path) => readFileSync(path, 'utf8'),
    readPieces: withFilePieces,
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
