#!/usr/bin/env node
import { main } from '../dist/src/cli/main.js';

// A closed pipe (`bgpknife env | head`) ends the output quietly, as other command line tools do.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.exitCode = await main(process.argv.slice(2));
// Once the command is done, sockets still closing (peers that never answer) may not keep the
// process alive for long; the timer does not itself keep it alive.
setTimeout(() => process.exit(), 2000).unref();
