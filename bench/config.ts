/**
 * Config benchmark (issues #3 and #6): one neighbor with N static routes, and 1,000 neighbors,
 * are written to a temporary directory, then each case runs in its own child process so that
 * its peak RSS is its own:
 *
 * - bgpknife validate: the CLI, `bgpknife validate FILE` (parse + validate);
 * - bgpknife load: parse + validate + lower into Route values (what `bgpknife run` does first);
 * - bgpknife load + rib: the same, and every route announced into an Adj-RIB-Out;
 * - reference: ExaBGP 4.2 `exabgp --validate FILE` (parses the file into its neighbors and
 *   routes, then prints them to stdout, which goes to /dev/null), bounded to EXABGP_LIMIT_MS;
 *   when it cannot finish, N/10 routes are measured instead and the table says so.
 *
 * Seconds are wall-clock of the whole child (Node or Python start-up included), the best of RUNS
 * runs for bgpknife (one run for ExaBGP); peak RSS comes from GNU time (`/usr/bin/time -f %M`)
 * when present, else from the child's own report.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeNeighborsConfig, writeRoutesConfig } from './config-files.js';

const EXABGP_LIMIT_MS = 150_000;
/** bgpknife cases run this many times; the fastest run is shown (with its own peak RSS). */
const RUNS = 3;
const NODE_LIMIT_MS = 300_000;
const NEIGHBORS = 1000;
const GNU_TIME = '/usr/bin/time';
const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = join(HERE, '..', '..', 'bin', 'bgpknife.js');
const CHILD = join(HERE, 'config-child.js');

interface Measure {
  readonly seconds: number;
  readonly rssBytes: number;
  readonly ok: boolean;
  readonly timedOut: boolean;
  readonly note: string;
}

/** Runs `argv` to completion (or the time limit), measuring wall time and peak RSS. */
function measure(argv: readonly string[], limitMs: number): Promise<Measure> {
  const gnu = existsSync(GNU_TIME);
  const cmd = gnu ? [GNU_TIME, '-f', 'BENCH-RSS-KB %M', ...argv] : [...argv];
  const start = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      if (out.length < 65536) out += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      err = (err + d.toString()).slice(-65536);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      process.kill(-child.pid!, 'SIGKILL');
    }, limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const gnuKb = /BENCH-RSS-KB (\d+)/.exec(err)?.[1];
      const report = /^\{.*\}$/m.exec(out)?.[0];
      const own = report
        ? (JSON.parse(report) as { maxRssBytes: number; routes: number; held: number })
        : undefined;
      const rssBytes = gnuKb ? Number(gnuKb) * 1024 : (own?.maxRssBytes ?? 0);
      const note = own ? `${own.routes} routes${own.held ? `, ${own.held} held in Adj-RIB-Out` : ''}` : '';
      resolve({ seconds, rssBytes, ok: code === 0 && !timedOut, timedOut, note });
    });
  });
}

function row(name: string, size: string, m: Measure, ref?: Measure): string {
  const s = m.timedOut ? '  >limit' : m.seconds.toFixed(2).padStart(8);
  const rss = `${(m.rssBytes / 1048576).toFixed(0)} MB`.padStart(9);
  const ratio =
    ref?.ok && m.ok
      ? `${(ref.seconds / m.seconds).toFixed(1)}x faster, RSS ${(m.rssBytes / ref.rssBytes).toFixed(2)}x exabgp`
      : '';
  const status = m.ok ? '' : m.timedOut ? ' (killed at the time limit)' : ' (FAILED)';
  return `${name.padEnd(34)}${size.padStart(12)}${s}${rss}  ${ratio}${status}${m.note ? `  [${m.note}]` : ''}`;
}

/** The fastest of RUNS runs (a failed run is returned at once). */
async function best(argv: readonly string[]): Promise<Measure> {
  let fastest: Measure | undefined;
  for (let i = 0; i < RUNS; i++) {
    const m = await measure(argv, NODE_LIMIT_MS);
    if (!m.ok) return m;
    if (!fastest || m.seconds < fastest.seconds) fastest = m;
  }
  return fastest!;
}

/** ExaBGP on `file`; when it cannot finish in time, on `smaller()` instead. */
async function exabgp(file: string, n: number, smaller: (n: number) => string): Promise<[Measure, number]> {
  const exa = ['exabgp', '--validate', file];
  const m = await measure(['sh', '-c', `exec ${exa.join(' ')} > /dev/null`], EXABGP_LIMIT_MS);
  if (!m.timedOut || n < 10) return [m, n];
  const k = Math.floor(n / 10);
  return [
    await measure(['sh', '-c', `exec exabgp --validate ${smaller(k)} > /dev/null`], EXABGP_LIMIT_MS),
    k,
  ];
}

async function scenario(title: string, file: string, n: number, smaller: (n: number) => string) {
  const mb = (statSync(file).size / 1048576).toFixed(0);
  process.stdout.write(`\n${title} (${mb} MB)\n`);
  process.stdout.write(
    `${'case'.padEnd(34)}${'size'.padStart(12)}${'seconds'.padStart(8)}${'peak RSS'.padStart(9)}\n`,
  );
  const node = process.execPath;
  const size = n.toLocaleString('en-US');
  const validate = await best([node, BIN, 'validate', file]);
  const load = await best([node, CHILD, 'load', file]);
  const rib = await best([node, CHILD, 'rib', file]);
  const [ref, refN] = await exabgp(file, n, smaller);
  const sameSize = refN === n ? ref : undefined;
  process.stdout.write(`${row('bgpknife validate', size, validate, sameSize)}\n`);
  process.stdout.write(`${row('bgpknife load (parse+validate+lower)', size, load, sameSize)}\n`);
  process.stdout.write(`${row('bgpknife load + Adj-RIB-Out', size, rib)}\n`);
  process.stdout.write(`${row('reference: exabgp 4.2 --validate', refN.toLocaleString('en-US'), ref)}\n`);
}

export async function runConfig(n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'bgpknife-config-bench-'));
  try {
    process.stdout.write(`config benchmark, N = ${n} (node ${process.version})\n`);
    const routes = (k: number) => {
      const f = join(dir, `routes-${k}.conf`);
      if (!existsSync(f)) writeRoutesConfig(f, k);
      return f;
    };
    await scenario(`one neighbor, ${n} static routes`, routes(n), n, routes);
    const neighbors = (k: number) => {
      const f = join(dir, `neighbors-${k}.conf`);
      if (!existsSync(f)) writeNeighborsConfig(f, k);
      return f;
    };
    await scenario(`${NEIGHBORS} neighbors, 2 routes each`, neighbors(NEIGHBORS), NEIGHBORS, neighbors);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
