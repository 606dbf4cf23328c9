/**
 * The `bgpknife` command: a table of subcommands, each a module exporting
 * `run(args, io) -> exit code`. Adding a subcommand is one import and one table entry.
 */
import { runEnv } from './env.js';
import type { CliIo } from './io.js';
import { nodeIo } from './io.js';
import { runValidate } from './validate.js';

interface Subcommand {
  readonly summary: string;
  readonly run: (args: readonly string[], io: CliIo) => number | Promise<number>;
}

export const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  validate: { summary: 'validate [--print] FILE...  check configuration files', run: runValidate },
  env: { summary: 'env [--diff] [--env FILE]    list every setting with its value and default', run: runEnv },
};

function usage(io: CliIo): void {
  io.err('usage: bgpknife SUBCOMMAND [ARGS]\n\nsubcommands:\n');
  for (const [name, s] of Object.entries(SUBCOMMANDS))
    io.err(`  ${s.summary.startsWith(name) ? s.summary : name}\n`);
}

export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    usage(io);
    return name === undefined ? 2 : 0;
  }
  const sub = SUBCOMMANDS[name];
  if (!sub) {
    io.err(`bgpknife: unknown subcommand '${name}'\n`);
    usage(io);
    return 2;
  }
  return sub.run(args, io);
}
