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
