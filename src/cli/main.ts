/**
 * The `bgpknife` command line: a table of subcommands. `bgpknife FILE...` (no subcommand)
 * runs the daemon on the files, as `exabgp FILE` does.
 */
import { type CliIo, PROCESS_IO, type Subcommand, UsageError } from './io.js';

const SUBCOMMANDS: Readonly<Record<string, () => Promise<Subcommand>>> = {
  decode: async () => (await import('./decode.js')).decode,
};

function help(io: CliIo, commands: Record<string, Subcommand>): void {
  io.out('usage: bgpknife COMMAND [ARGS...]\n\ncommands:\n');
  for (const [name, c] of Object.entries(commands)) io.out(`  ${name.padEnd(12)} ${c.summary}\n`);
  io.out('\n`bgpknife COMMAND --help` shows the usage of one command.\n');
}

export async function main(argv: readonly string[], io: CliIo = PROCESS_IO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const all: Record<string, Subcommand> = {};
    for (const [n, load] of Object.entries(SUBCOMMANDS)) all[n] = await load();
    help(io, all);
    return name === undefined ? 2 : 0;
  }
  const load = SUBCOMMANDS[name];
  if (!load) {
    io.err(`bgpknife: unknown command '${name}' (try: bgpknife --help)\n`);
    return 2;
  }
  const command = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`bgpknife ${name}: ${e.message}\n${command.usage}\n`);
      return 2;
    }
    throw e;
  }
}
