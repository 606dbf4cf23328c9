/**
 * Real helper processes: resolving `run` the way ExaBGP does, and spawning without a shell.
 *
 * ExaBGP (configuration/process/parser.py) takes a program that does not start with '/' and
 * tries /etc/exabgp/PROGRAM, then the configuration file's folder, then each $PATH entry; the
 * LAST of those that exists is used (its loop does not stop at the first). A program found
 * nowhere is left as written. The arguments are passed as given, with no shell.
 */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HelperChild } from '../api/supervisor.js';
import { exabgpHealthcheckArgs } from '../healthcheck/options.js';

export function resolveProgram(
  program: string,
  configFile: string,
  pathEnv = process.env.PATH ?? '',
): string {
  if (isAbsolute(program)) return program;
  const candidates = [
    resolve('/etc/exabgp', program),
    resolve(dirname(configFile), program),
    ...pathEnv
      .split(delimiter)
      .filter((p) => p !== '')
      .map((p) => resolve(join(p, program))),
  ];
  let found = program;
  for (const c of candidates) if (existsSync(c)) found = c;
  return found;
}

export function resolveRun(run: readonly string[], configFile: string): string[] {
  if (run.length === 0) return [];
  // A run line invoking ExaBGP's healthcheck (`python3 -m exabgp healthcheck ...`) is served by
  // bgpknife's own, with the same arguments: no Python or ExaBGP needed.
  const healthcheck = exabgpHealthcheckArgs(run);
  if (healthcheck) return [process.execPath, BGPKNIFE_BIN, 'healthcheck', ...healthcheck];
  return [resolveProgram(run[0]!, configFile), ...run.slice(1)];
}

/** bin/bgpknife.js of this installation (this file is dist/src/daemon/helpers.js). */
const BGPKNIFE_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'bin', 'bgpknife.js');

/** Start a helper: stdin/stdout piped, stderr shared with the daemon, environment passed. */
export function spawnHelper(argv: readonly string[]): HelperChild {
  if (argv.length === 0) throw new Error('empty run command');
  const child = spawn(argv[0]!, argv.slice(1), {
    stdio: ['pipe', 'pipe', 'inherit'],
    // ExaBGP sets TERM=dumb so no terminal escape codes reach the pipe.
    env: { ...process.env, TERM: 'dumb' },
  });
  return child as unknown as HelperChild;
}
