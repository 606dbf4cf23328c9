/**
 * ExaBGP's functional tests run against the real daemon (`bgpknife run` as a child process)
 * with the TypeScript test peer: every test of 5.0.13/encoding that needs no helper process
 * must pass byte for byte. Tests needing a helper process are counted as not applicable
 * (the API work runs them), never as passed.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusPath, REPO_ROOT } from '../support/corpus.js';
import { discover, runAll, summary, type TestResult } from './runner.js';

describe('conformance: ExaBGP 5.0.13 encoding tests against bgpknife run', () => {
  const dir = corpusPath('exabgp', '5.0.13', 'encoding');
  it('every test that needs no helper process passes', { timeout: 300_000 }, async () => {
    if (!dir) return;
    const tests = discover(dir);
    const lines: string[] = [];
    const results: TestResult[] = await runAll(
      tests,
      { bin: join(REPO_ROOT, 'bin', 'bgpknife.js'), timeoutSeconds: 20, parallel: 4 },
      (r) =>
        lines.push(
          `${r.verdict.toUpperCase().padEnd(4)} ${r.name}${r.verdict === 'pass' ? '' : `: ${r.reason}`}`,
        ),
    );
    process.stdout.write(`# ${lines.join('\n# ')}\n# encoding conformance: ${summary(results)}\n`);
    const failed = results.filter((r) => r.verdict === 'fail');
    assert.deepEqual(
      failed.map((r) => `${r.name}: ${r.reason}`),
      [],
    );
    assert.ok(results.filter((r) => r.verdict === 'pass').length >= 35, 'the 35 non-API tests ran');
  });
});
