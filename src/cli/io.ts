/** What a subcommand may touch: its streams. Injected so tests run commands in-process. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const PROCESS_IO: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** A subcommand: takes its arguments, returns the exit status. */
export interface Subcommand {
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], io: CliIo): Promise<number> | number;
}

/** A usage error: printed with the subcommand's usage, exit status 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
