/**
 * Inputs the fuzzer found (test/fixtures/fuzz/TARGET/*.bin or .txt) are replayed through the
 * same target: each must now pass (no exception, valid JSON, clean diagnostics). A short
 * seeded fuzz run per target keeps the harness itself honest in every `npm test`.
 * The long runs are `npm run fuzz` (see README, Robustness).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/corpus.js';
import { fuzz, TARGETS } from '../support/fuzz/engine.js';

const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'fuzz');
/** Inputs per target in npm test: enough to cover every edit and generator, under a second each. */
const QUICK_RUNS = 3000;

describe('fuzz regressions', () => {
  for (const target of TARGETS) {
    const dir = join(FIXTURES, target.name);
    const files = existsSync(dir) ? readdirSync(dir).filter((f) => /\.(bin|txt)$/.test(f)) : [];
    for (const f of files) {
      it(`${target.name}/${f} passes`, () => {
        target.run(readFileSync(join(dir, f)));
      });
    }
  }
});

describe('fuzz (quick, seeded)', () => {
  for (const target of TARGETS) {
    it(`${target.name}: ${QUICK_RUNS} inputs, no findings`, () => {
      const r = fuzz(target, { runs: QUICK_RUNS, seed: 1 });
      assert.deepEqual(
        r.findings.map((x) => x.error),
        [],
      );
    });
  }
});
