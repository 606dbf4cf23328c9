/**
 * `bgpknife encode` against ExaBGP's main/api corpus: for every `cmd:` line followed by `raw:`
 * lines, the command encoded for the test's configuration (first neighbor, peer echoing our
 * OPEN) gives exactly those messages. The count is printed; the known differences are listed
 * in README (ExaBGP 6 dialect of some commands, messages the daemon sends by itself).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { encodeCommand, packContextFor } from '../../src/cli/encode.js';
import { parseCommand } from '../../src/command/parse/index.js';
import { loadConfigText } from '../../src/daemon/load.js';
import { commandsOf } from '../conformance/api-driver.js';
import { parseExpectations } from '../conformance/expectations.js';
import { runCli } from '../support/cli.js';
import { corpusPath } from '../support/corpus.js';

const MARKER = 'F'.repeat(32);

function encodeCorpus(dir: string): { pass: number; total: number; failures: string[] } {
  const failures: string[] = [];
  let pass = 0;
  let total = 0;
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.ci'))
    .sort()) {
    const test = parseExpectations(f, readFileSync(join(dir, f), 'utf8'));
    const conf = test.configs[0];
    if (!conf) continue;
    const loaded = loadConfigText(readFileSync(join(dir, '..', 'conf', conf), 'utf8'), conf);
    const n = loaded.config?.neighbors[0];
    for (const c of commandsOf(test)) {
      if (c.raws.length === 0) continue;
      total++;
      const parsed = parseCommand(c.command);
      let got: string[] = [];
      try {
        if (!n) throw new Error('no neighbor');
        if ('error' in parsed) throw new Error(parsed.error);
        got = encodeCommand(parsed.command, packContextFor(n)).map((b) =>
          b.toString('hex').toUpperCase().slice(32),
        );
      } catch (e) {
        got = [`error: ${(e as Error).message}`];
      }
      const want = c.raws.map((r) => (r.startsWith(MARKER) ? r.slice(32) : r));
      if (JSON.stringify(got) === JSON.stringify(want)) pass++;
      else
        failures.push(
          `${f}: ${c.command.slice(0, 100)}\n    got  ${got.join(' ')}\n    want ${want.join(' ')}`,
        );
    }
  }
  return { pass, total, failures };
}

describe('bgpknife encode: main/api cmd: lines give their raw: lines', () => {
  const dir = corpusPath('exabgp', 'main', 'api');
  it('encodes the corpus commands', () => {
    if (!dir) return;
    const r = encodeCorpus(dir);
    process.stdout.write(`# encode: ${r.pass} of ${r.total} commands give exactly their raw: lines\n`);
    for (const f of r.failures) process.stdout.write(`# ${f.replace(/\n/g, '\n# ')}\n`);
    assert.ok(r.pass >= MIN_PASS, `${r.pass} < ${MIN_PASS}`);
  });
});

/** The pass count reached (README explains the rest); a regression fails the test. */
const MIN_PASS = 179;

describe('bgpknife encode: command line', () => {
  it('prints one message per line for the default neighbor', async () => {
    const r = await runCli(['encode', 'announce route 10.0.0.0/8 next-hop 1.2.3.4']);
    assert.equal(r.status, 0);
    // IPv4 unicast, iBGP: ORIGIN igp, empty AS_PATH, NEXT_HOP, LOCAL_PREF 100, NLRI 10/8.
    assert.equal(r.out.trim(), `${MARKER}002E0200000015400101004002004003040102030440050400000064080A`);
  });
  it('rejects a bad command with a reason', async () => {
    const r = await runCli(['encode', 'announce route nowhere']);
    assert.equal(r.status, 1);
    assert.match(r.err, /bgpknife encode: /);
  });
});
