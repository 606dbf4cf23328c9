/**
 * ExaBGP's main/api functional tests against `bgpknife run`, each helper replaced by our relay
 * sending the test's `cmd:` lines (runner.ts, api-setup.ts). ExaBGP itself passes 36 of 40;
 * README explains each test we fail (ExaBGP 6 dialect, commands missing from the corpus). The
 * count is printed and may not fall.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusPath, REPO_ROOT } from '../support/corpus.js';
import { discover, runAll, summary } from './runner.js';

/** Tests passing today (README, API conformance). */
export const MAIN_API_PASS = 26;

describe('conformance: ExaBGP main/api tests against bgpknife run', () => {
  const dir = corpusPath('exabgp', 'main', 'api');
  it(`at least ${MAIN_API_PASS} of 40 pass`, { timeout: 300_000 }, async () => {
    if (!dir) return;
    const results = await runAll(
      discover(dir),
      { bin: join(REPO_ROOT, 'bin', 'bgpknife.js'), timeoutSeconds: 15, parallel: 2 },
      () => {},
    );
    const lines = results.map((r) => `${r.verdict.toUpperCase().padEnd(4)} ${r.name}`);
    process.stdout.write(`# ${lines.join('\n# ')}\n# main/api conformance: ${summary(results)}\n`);
    assert.ok(results.filter((r) => r.verdict === 'pass').length >= MAIN_API_PASS, summary(results));
  });
});
