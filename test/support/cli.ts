/** Run the bgpknife CLI in-process, capturing its output; files and environment injectable. */
import { readFileSync } from 'node:fs';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  status: number;
  out: string;
  err: string;
}

export async function runCli(
  argv: string[],
  opts: { files?: Record<string, string>; env?: Record<string, string | undefined> } = {},
): Promise<CliRun> {
  let out = '';
  let err = '';
  const status = await main(argv, {
    out: (t) => (out += t),
    err: (t) => (err += t),
    readFile: (path) => opts.files?.[path] ?? readFileSync(path, 'utf8'),
    env: opts.env ?? {},
  });
  return { status, out, err };
}
