/**
 * ExaBGP's functional tests run against the real daemon (`bgpknife run` as a child process)
 * with the TypeScript test peer: every test of 5.0.13/encoding that needs no helper process
 * must pass byte for byte. The api-* tests run with our relay helper sending the commands of
 * main/api's test of the same name; their count is printed (ExaBGP 5.0 and 6.0 differ in
 * places, see README), and only the tests without a helper must all pass.
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
    const helper = new Set(tests.filter((t) => t.helper).map((t) => t.file.name));
    const api = results.filter((r) => helper.has(r.name));
    process.stdout.write(
      `# api tests of 5.0.13 (commands from main/api): ${api.filter((r) => r.verdict === 'pass').length} of ${api.length} pass\n`,
    );
    const failed = results.filter((r) => r.verdict === 'fail' && !helper.has(r.name));
    assert.deepEqual(
      failed.map((r) => `${r.name}: ${r.reason}`),
      [],
    );
    assert.ok(results.filter((r) => r.verdict === 'pass').length >= 35, 'the 35 non-API tests ran');
  });
});
