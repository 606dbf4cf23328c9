import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { checkConfigText } from '../../src/cli/validate.js';
import { formatDiagnostic } from '../../src/config/diagnostic.js';
import { FIXTURES } from './support.js';

// Each fixture NAME.conf has NAME.expected: the canonical print (valid files) or the exact
// diagnostics `bgpknife validate` prints (broken/), file names relative to the fixture folder.
describe('config goldens', () => {
  for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.conf'))) {
    it(`${name} prints canonically`, () => {
      const text = readFileSync(join(FIXTURES, name), 'utf8');
      const result = checkConfigText(text, name);
      assert.equal(
        result.printed,
        readFileSync(join(FIXTURES, name.replace(/\.conf$/, '.expected')), 'utf8'),
      );
    });
  }
  const broken = join(FIXTURES, 'broken');
  for (const name of readdirSync(broken).filter((f) => f.endsWith('.conf'))) {
    it(`broken/${name} gives the expected diagnostics`, () => {
      const text = readFileSync(join(broken, name), 'utf8');
      const result = checkConfigText(text, `broken/${name}`);
      const got = result.diagnostics.map((d) => `${formatDiagnostic(d, text)}\n`).join('');
      assert.equal(got, readFileSync(join(broken, name.replace(/\.conf$/, '.expected')), 'utf8'));
      assert.equal(result.printed, undefined);
    });
  }
});
