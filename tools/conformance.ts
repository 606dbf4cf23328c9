/**
 * `npm run conformance -- [DIR...]`: run ExaBGP-format functional tests against bgpknife and
 * print one line per test, then `N passed, N failed`. Without DIR: the 5.0.13 encoding tests
 * and main's API tests of the corpus (../shared/conformance or $BGPKNIFE_CONFORMANCE).
 * Options: --only NAME[,NAME] runs those tests; --parallel N; --timeout SECONDS.
 */
import { join } from 'node:path';
import { discover, runAll, summary } from '../test/conformance/runner.js';
import { corpusDir, REPO_ROOT } from '../test/support/corpus.js';

const args = process.argv.slice(2);
const dirs: string[] = [];
let only: Set<string> | undefined;
let parallel = 2;
let timeout = 20;
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--only') only = new Set((args[++i] ?? '').split(','));
  else if (a === '--parallel') parallel = Number(args[++i]);
  else if (a === '--timeout') timeout = Number(args[++i]);
  else dirs.push(a);
}
if (dirs.length === 0)
  dirs.push(join(corpusDir(), 'exabgp', '5.0.13', 'encoding'), join(corpusDir(), 'exabgp', 'main', 'api'));

const all = dirs.flatMap((d) => discover(d)).filter((t) => !only || only.has(t.file.name));
const results = await runAll(
  all,
  { bin: join(REPO_ROOT, 'bin', 'bgpknife.js'), timeoutSeconds: timeout, parallel },
  (r) => {
    const tag = r.verdict === 'pass' ? 'PASS' : r.verdict === 'fail' ? 'FAIL' : 'N/A ';
    process.stdout.write(
      `${tag} ${r.name} (${r.seconds.toFixed(1)} s)${r.verdict === 'pass' ? '' : `: ${r.reason}`}\n`,
    );
  },
);
const failed = results.filter((r) => r.verdict === 'fail').length;
process.stdout.write(`${summary(results)}\n`);
process.exitCode = failed > 0 ? 1 : 0;
