import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, it } from 'node:test';
import { formatDiagnostics } from '../../src/config/diagnostic.js';
import { parseConfig } from '../../src/config/parser.js';
import { printConfig } from '../../src/config/print.js';
import { stripSpans } from '../../src/config/span.js';
import { validateConfig } from '../../src/config/validate.js';
import { corpusConfigs } from './support.js';

// The folder sizes when this test was written: a smaller count means files went missing.
const MINIMUM: Readonly<Record<string, number>> = {
  'exabgp/5.0.13/conf': 86,
  'exabgp/main/conf': 47,
  seeds: 20,
};

describe('ExaBGP corpus configurations', () => {
  for (const { folder, files } of corpusConfigs()) {
    it(`${folder}: all ${files.length} files parse and validate with no error`, () => {
      assert.ok(files.length >= (MINIMUM[folder] ?? 1), `${folder} has only ${files.length} files`);
      const failed: string[] = [];
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const parsed = parseConfig(text, basename(file));
        const all = [...parsed.diagnostics, ...validateConfig(parsed.config)];
        const errs = all.filter((d) => d.severity === 'error');
        if (errs.length > 0) failed.push(formatDiagnostics(errs, new Map([[basename(file), text]])));
      }
      assert.deepEqual(failed, []);
    });

    it(`${folder}: the canonical print of each file re-parses to an equal model`, () => {
      for (const file of files) {
        const parsed = parseConfig(readFileSync(file, 'utf8'), file);
        const printed = printConfig(parsed.config);
        const again = parseConfig(printed, file);
        assert.deepEqual(again.diagnostics, [], `${file} printed:\n${printed}`);
        assert.deepEqual(stripSpans(again.config), stripSpans(parsed.config), file);
        assert.equal(printConfig(again.config), printed, `${file}: printing is idempotent`);
      }
    });
  }
});
