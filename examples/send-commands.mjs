#!/usr/bin/env node
// A minimal bgpknife/ExaBGP helper process: writes each line of the file named on its command
// line as an API command, waits for the daemon's ack ('done' or 'error') before the next one,
// then keeps running (a helper that exits is restarted) until the daemon closes its stdin.
//   process rtbh { run ./send-commands.mjs ./rtbh.txt; encoder text; }
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// Helpers run in the daemon's working directory (as with ExaBGP): a relative file name is
// taken from this script's own folder.
const file = resolve(dirname(fileURLToPath(import.meta.url)), process.argv[2]);
const commands = readFileSync(file, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));
const acks = createInterface({ input: process.stdin })[Symbol.asyncIterator]();
for (const c of commands) {
  process.stdout.write(`${c}\n`);
  const ack = await acks.next();
  if (ack.done) process.exit(0);
  if (ack.value !== 'done') process.stderr.write(`send-commands: '${c}' answered '${ack.value}'\n`);
}
for (;;) if ((await acks.next()).done) process.exit(0);
