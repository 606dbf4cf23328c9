/**
 * The `bgpknife` command line: a table of subcommands, each loaded when used. Adding a
 * subcommand is one table entry.
 */
import { existsSync } from 'node:fs';
import { table } from '../wire/lookup.js';
import { type CliIo, nodeIo, type Subcommand, UsageError } from './io.js';

const SUBCOMMANDS: Readonly<Record<string, () => Promise<Subcommand>>> = table({
  run: async () => (await import('./run.js')).run,
  demo: async () => (await import('./demo.js')).demo,
  healthcheck: async () => (await import('./healthcheck.js')).healthcheck,
  decode: async () => (await import('./decode.js')).decode,
  validate: async () => (await import('./validate.js')).validate,
  env: async () => (await import('./env.js')).env,
  encode: async () => (await import('./encode.js')).encode,
  cli: async () => (await import('./cli.js')).cli,
});

async function help(io: CliIo): Promise<void> {
  io.out('usage: bgpknife COMMAND [ARGS...]\n\ncommands:\n');
  for (const [name, load] of Object.entries(SUBCOMMANDS))
    io.out(`  ${name.padEnd(10)} ${(await load()).summary}\n`);
  io.out('\n`bgpknife COMMAND --help` shows the usage of one command.\n');
}

export async function main(argv: readonly string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    await help(io);
    return name === undefined ? 2 : 0;
  }
  // `bgpknife CONFIG...`, as `exabgp CONFIG` is used: a first argument naming a file runs it.
  if (!SUBCOMMANDS[name] && existsSync(name)) return main(['run', ...argv], io);
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
