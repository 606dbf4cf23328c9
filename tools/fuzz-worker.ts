/**
 * One fuzz target in a worker thread (started by tools/fuzz.ts). Each input is copied into
 * shared memory before it runs, with a counter bumped, so the main thread can tell a hang
 * from progress and save the input that hung even after it terminates this worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { fuzz, fuzzTarget } from '../test/support/fuzz/engine.js';

interface Job {
  readonly target: string;
  readonly runs: number;
  readonly seed: number;
  readonly shared: SharedArrayBuffer;
}

const job = workerData as Job;
const head = new Int32Array(job.shared, 0, 2);
const data = new Uint8Array(job.shared, 8);
const CHUNK = 100_000;

const findings = [];
let done = 0;
let elapsedMs = 0;
const target = fuzzTarget(job.target);
while (done < job.runs) {
  const runs = Math.min(CHUNK, job.runs - done);
  const r = fuzz(target, {
    runs,
    seed: job.seed + done,
    onInput: (input) => {
      const n = Math.min(input.length, data.length);
      data.set(input.subarray(0, n));
      Atomics.store(head, 1, n);
      Atomics.add(head, 0, 1);
    },
  });
  done += runs;
  elapsedMs += r.elapsedMs;
  findings.push(...r.findings.map((f) => ({ input: Uint8Array.from(f.input), error: f.error })));
  parentPort?.postMessage({ kind: 'progress', done, elapsedMs });
}
parentPort?.postMessage({ kind: 'done', done, elapsedMs, findings });
