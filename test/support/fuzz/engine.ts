/**
 * The fuzz loop shared by `npm run fuzz` (tools/fuzz.ts) and the tests: per input, either a
 * corpus seed mutated a few times (mutate.ts) or a fast-check generated input (generators.ts),
 * run through one target. A target may throw nothing at all; anything it throws, and any
 * input slower than SLOW_INPUT_MS, is a finding, kept once per distinct signature.
 */
import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { commandInput, configInput, openInput, updateInput } from './generators.js';
import { mutate } from './mutate.js';
import { makeRng } from './rng.js';
import { commandSeeds, configSeeds, wireSeeds } from './seeds.js';
import { runCommand, runConfig } from './text-targets.js';
import { runJson, runWire } from './wire-target.js';

/** The per-input time bound: an input slower than this is a finding (a hang in the making). */
export const SLOW_INPUT_MS = 1000;
/** Findings kept per run (distinct signatures). */
const MAX_FINDINGS = 20;
/** Share of inputs drawn from fast-check generators rather than mutated seeds. */
const GENERATED_SHARE = 0.2;
const BATCH = 1000;

export interface FuzzTarget {
  readonly name: string;
  /** Text input (token mutations apply; regression files are .txt). */
  readonly text: boolean;
  seeds(): Buffer[];
  readonly generated: fc.Arbitrary<Buffer>;
  run(input: Buffer): void;
}

/** The context byte in front of a wire seed: 4-octet AS and extended messages on, or all off. */
function withContexts(messages: Buffer[]): Buffer[] {
  return messages.flatMap((m) => [
    Buffer.concat([Buffer.from([3]), m]),
    Buffer.concat([Buffer.from([0x44]), m]),
  ]);
}

let wireCache: Buffer[] | undefined;
function wire(): Buffer[] {
  wireCache ??= withContexts(wireSeeds());
  return wireCache;
}

export const TARGETS: readonly FuzzTarget[] = [
  { name: 'wire', text: false, seeds: wire, generated: fc.oneof(updateInput, openInput), run: runWire },
  { name: 'json', text: false, seeds: wire, generated: fc.oneof(updateInput, openInput), run: runJson },
  { name: 'config', text: true, seeds: configSeeds, generated: configInput, run: runConfig },
  { name: 'command', text: true, seeds: commandSeeds, generated: commandInput, run: runCommand },
];

export function fuzzTarget(name: string): FuzzTarget {
  const t = TARGETS.find((x) => x.name === name);
  if (!t) throw new Error(`unknown fuzz target ${name} (${TARGETS.map((x) => x.name).join(', ')})`);
  return t;
}

export interface Finding {
  readonly target: string;
  readonly input: Buffer;
  readonly error: string;
}

export interface FuzzResult {
  readonly target: string;
  readonly runs: number;
  readonly elapsedMs: number;
  readonly findings: readonly Finding[];
}

export interface FuzzOptions {
  readonly runs: number;
  readonly seed: number;
  /** Called with each input before it runs (the CLI's watchdog keeps it, to report a hang). */
  readonly onInput?: (input: Buffer) => void;
}

function describe(e: unknown): string {
  if (e instanceof Error)
    return `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 4).join('\n')}`;
  return `thrown non-Error: ${String(e)}`;
}

/** Run one target for `runs` inputs. Deterministic for a given seed. */
export function fuzz(target: FuzzTarget, o: FuzzOptions): FuzzResult {
  const rng = makeRng(o.seed);
  let seeds = target.seeds();
  if (seeds.length === 0) seeds = fc.sample(target.generated, { seed: o.seed, numRuns: 100 });
  let batch: Buffer[] = [];
  let batchNo = 0;
  const findings = new Map<string, Finding>();
  const start = performance.now();
  for (let i = 0; i < o.runs; i++) {
    let input: Buffer;
    if (rng.chance(GENERATED_SHARE)) {
      if (batch.length === 0)
        batch = fc.sample(target.generated, { seed: o.seed + ++batchNo, numRuns: BATCH });
      input = batch.pop()!;
    } else input = mutate(rng.pick(seeds), rng, seeds, target.text);
    o.onInput?.(input);
    const t0 = performance.now();
    let error: string | undefined;
    try {
      target.run(input);
    } catch (e) {
      error = describe(e);
    }
    const ms = performance.now() - t0;
    if (!error && ms > SLOW_INPUT_MS)
      error = `slow: ${ms.toFixed(0)} ms for one input (bound ${SLOW_INPUT_MS} ms)`;
    if (error) {
      const key = error.replace(/\d+/g, 'N').split('\n').slice(0, 2).join('\n');
      if (!findings.has(key) && findings.size < MAX_FINDINGS)
        findings.set(key, { target: target.name, input, error });
    }
  }
  return {
    target: target.name,
    runs: o.runs,
    elapsedMs: performance.now() - start,
    findings: [...findings.values()],
  };
}
