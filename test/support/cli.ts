/** Run the bgpknife CLI in-process, capturing its output. */
import { main } from '../../src/cli/main.js';

export async function runCli(argv: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const status = await main(argv, { out: (t) => (out += t), err: (t) => (err += t) });
  return { status, out, err };
}
