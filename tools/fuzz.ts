/**
 * `npm run fuzz -- --runs N [--target NAME] [--seed S] [--jobs J] [--out DIR]`: fuzz the
 * entry points that take outside input (wire decoder in every decode context, JSON/text
 * event encoders, configuration, API commands; see test/support/fuzz/). N inputs per target
 * (each target when --target is not given), each target in its own worker thread, J at once.
 * A watchdog ends a worker whose input runs longer than HANG_MS and keeps that input.
 * Findings are written to DIR/TARGET/ (default fuzz-findings/) and the exit code is 1;
 * move the ones worth keeping to test/fixtures/fuzz/TARGET/, which `npm test` replays.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fuzzTarget, TARGETS } from '../test/support/fuzz/engine.js';
import { MAX_MUTANT_BYTES } from '../test/support/fuzz/mutate.js';

/** An input still running after this long is a hang: the worker is terminated. */
const HANG_MS = 10_000;

interface Outcome {
  readonly target: string;
  readonly runs: number;
  readonly elapsedMs: number;
  readonly findings: { input: Uint8Array; error: string }[];
}

function options() {
  const args = process.argv.slice(2);
  const o = {
    runs: 100_000,
    seed: Date.now() % 1_000_000,
    jobs: Math.min(availableParallelism(), 4),
    out: 'fuzz-findings',
    targets: TARGETS.map((t) => t.name),
  };
  for (let i = 0; i < args.length; i++) {
    const v = args[i + 1] ?? '';
    if (args[i] === '--runs') o.runs = Number(v);
    else if (args[i] === '--seed') o.seed = Number(v);
    else if (args[i] === '--jobs') o.jobs = Number(v);
    else if (args[i] === '--out') o.out = v;
    else if (args[i] === '--target') o.targets = v.split(',').map((t) => fuzzTarget(t).name);
    else throw new Error(`unknown option ${args[i]} (--runs N --target NAME --seed S --jobs J --out DIR)`);
    i++;
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error('--runs wants a positive integer');
  return o;
}

function runTarget(target: string, runs: number, seed: number): Promise<Outcome> {
  const shared = new SharedArrayBuffer(8 + MAX_MUTANT_BYTES);
  const head = new Int32Array(shared, 0, 2);
  const worker = new Worker(new URL('./fuzz-worker.js', import.meta.url), {
    workerData: { target, runs, seed, shared },
  });
  return new Promise((resolve, reject) => {
    let last = -1;
    let lastChange = Date.now();
    let done = 0;
    let elapsedMs = 0;
    const watchdog = setInterval(() => {
      const now = Atomics.load(head, 0);
      if (now !== last) {
        last = now;
        lastChange = Date.now();
        return;
      }
      if (Date.now() - lastChange < HANG_MS) return;
      clearInterval(watchdog);
      const input = new Uint8Array(shared, 8, Atomics.load(head, 1)).slice();
      void worker.terminate();
      resolve({
        target,
        runs: done,
        elapsedMs,
        findings: [{ input, error: `hang: one input ran over ${HANG_MS} ms` }],
      });
    }, 250);
    worker.on(
      'message',
      (m: { kind: string; done: number; elapsedMs: number; findings?: Outcome['findings'] }) => {
        done = m.done;
        elapsedMs = m.elapsedMs;
        if (m.kind === 'progress')
          process.stderr.write(`  ${target}: ${m.done.toLocaleString('en')} inputs\n`);
        if (m.kind === 'done') {
          clearInterval(watchdog);
          resolve({ target, runs: m.done, elapsedMs: m.elapsedMs, findings: m.findings ?? [] });
        }
      },
    );
    worker.on('error', (e) => {
      clearInterval(watchdog);
      reject(e);
    });
  });
}

function save(out: string, o: Outcome): void {
  const text = fuzzTarget(o.target).text;
  for (const f of o.findings) {
    const dir = join(out, o.target);
    mkdirSync(dir, { recursive: true });
    const name = createHash('sha256').update(f.input).digest('hex').slice(0, 16);
    writeFileSync(join(dir, `${name}.${text ? 'txt' : 'bin'}`), f.input);
    writeFileSync(join(dir, `${name}.error`), `${f.error}\n`);
  }
}

const o = options();
console.log(
  `fuzz: ${o.runs.toLocaleString('en')} inputs per target, targets ${o.targets.join(', ')}, seed ${o.seed}, ${o.jobs} jobs`,
);
const queue = [...o.targets];
const outcomes: Outcome[] = [];
const started = Date.now();
await Promise.all(
  Array.from({ length: o.jobs }, async () => {
    for (let t = queue.shift(); t; t = queue.shift()) outcomes.push(await runTarget(t, o.runs, o.seed));
  }),
);
let total = 0;
let found = 0;
for (const r of outcomes.sort((a, b) => a.target.localeCompare(b.target))) {
  total += r.runs;
  found += r.findings.length;
  const rate = Math.round(r.runs / (r.elapsedMs / 1000));
  console.log(
    `${r.target.padEnd(8)} ${r.runs.toLocaleString('en').padStart(12)} inputs  ${(r.elapsedMs / 1000).toFixed(1).padStart(7)} s  ${rate.toLocaleString('en').padStart(8)} inputs/s  ${r.findings.length} findings`,
  );
  for (const f of r.findings) console.log(`    ${f.error.split('\n')[0]}`);
  save(o.out, r);
}
const wall = (Date.now() - started) / 1000;
console.log(
  `total    ${total.toLocaleString('en').padStart(12)} inputs  ${wall.toFixed(1).padStart(7)} s wall  ${Math.round(
    total / wall,
  )
    .toLocaleString('en')
    .padStart(8)} inputs/s  ${found} findings${found ? ` (saved under ${o.out}/)` : ''}`,
);
process.exitCode = found ? 1 : 0;
