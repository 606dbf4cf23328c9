/**
 * The daemon's loading (routes checked and lowered while the file is read in pieces, no tree
 * kept) gives exactly what parsing a whole tree, validating and lowering it gives, for every
 * corpus and seed configuration, and for each with one route broken (so the diagnostics are
 * compared too).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { formatDiagnostic, hasErrors, sortDiagnostics } from '../../src/config/diagnostic.js';
import { lowerConfig } from '../../src/config/lower/index.js';
import { parseConfig } from '../../src/config/parser.js';
import { validateConfig } from '../../src/config/validate.js';
import { type Loaded, loadConfigFile, loadConfigText } from '../../src/daemon/load.js';
import { corpusConfFiles } from '../support/corpus.js';

/** What loading did before routes were streamed: a whole tree, validated, then lowered. */
function loadWithTree(text: string, file: string): Loaded {
  const parsed = parseConfig(text, file);
  const checked = sortDiagnostics([...parsed.diagnostics, ...validateConfig(parsed.config)]);
  const messages = checked.map((d) => formatDiagnostic(d, text));
  if (hasErrors(checked)) return { messages };
  const lowered = lowerConfig(parsed.config);
  messages.push(...lowered.diagnostics.map((d) => formatDiagnostic(d, text)));
  if (hasErrors(lowered.diagnostics)) return { messages };
  return { config: lowered.config, messages };
}

test('loading streams routes to the same configuration and messages as a whole tree', async (t) => {
  const files = corpusConfFiles();
  if (!files) return t.skip('corpus missing');
  let count = 0;
  let broken = 0;
  for (const path of files) {
    const text = readFileSync(path, 'utf8');
    assert.deepEqual(await loadConfigFile(path), loadWithTree(text, path), path);
    // The same file with its first route's next hop made invalid, when it has one.
    const bad = text.replace(/^(\s*route\s+\S+\s+next-hop\s+)[0-9a-fA-F.:]+/m, '$1300.0.0.1');
    if (bad !== text) {
      const expected = loadWithTree(bad, path);
      assert.ok(
        expected.messages.some((m) => m.includes("invalid next-hop '300.0.0.1'")),
        path,
      );
      assert.deepEqual(loadConfigText(bad, path), expected, `${path} (broken)`);
      broken++;
    }
    count++;
  }
  t.diagnostic(`${count} configurations compared, ${broken} of them also with a broken route`);
  assert.ok(count > 150 && broken > 20);
});
