/**
 * `bgpknife demo [--json | --table] [--exit] [CONFIG]`: the main job on an embedded default.
 * Two speakers in one process: one announces the routes and FlowSpec rules of the
 * configuration (examples/demo.conf by default), the other collects them and prints what
 * arrives, until Ctrl-C (or, with --exit, once everything has arrived).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDemo } from '../daemon/demo.js';
import { loadConfigText } from '../daemon/load.js';
import { type CliIo, type Subcommand, UsageError } from './io.js';

const DEMO_CONFIG = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'demo.conf');

const USAGE = `usage: bgpknife demo [--json | --table] [--exit] [CONFIG]

Run two BGP speakers in one process, joined in memory: one announces the routes and FlowSpec
rules of CONFIG (default: examples/demo.conf) exactly as 'bgpknife run' would, the other
collects them and prints what arrives as ExaBGP JSON events (--json), as a table (--table),
or both (default). Runs until Ctrl-C; --exit stops once every family has sent End-of-RIB.`;

async function runDemo(args: readonly string[], io: CliIo): Promise<number> {
  let json = true;
  let table = true;
  let exit = false;
  let file = DEMO_CONFIG;
  for (const a of args) {
    if (a === '--json') table = false;
    else if (a === '--table') json = false;
    else if (a === '--exit') exit = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else file = a;
  }
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    io.err(`${file}: error: cannot read: ${(e as Error).message}\n`);
    return 1;
  }
  const loaded = loadConfigText(text, file);
  for (const m of loaded.messages) io.err(`${m}\n`);
  const neighbor = loaded.config?.neighbors[0];
  if (!neighbor) {
    if (loaded.config) io.err(`${file}: no neighbor to run the demo with\n`);
    return 1;
  }
  const closing = exit ? '' : 'Ctrl-C to stop.';
  const demo = startDemo(neighbor, { json, table, write: (t) => io.out(t), closing });
  if (exit) {
    const timeout = new Promise<number>((r) => setTimeout(() => r(-1), 10_000).unref());
    const got = await Promise.race([demo.complete, timeout]);
    demo.stop();
    return got < 0 ? 1 : 0;
  }
  // Until Ctrl-C: the session timers are unref'd, so hold the process open.
  const keepAlive = setInterval(() => {}, 1 << 30);
  await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
  clearInterval(keepAlive);
  demo.stop();
  return 0;
}

export const demo: Subcommand = {
  summary: 'announce the demo routes to an in-process collector and print what arrives',
  usage: USAGE,
  run: runDemo,
};
