import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkConfigText } from '../../src/cli/validate.js';
import { lowerConfig } from '../../src/config/lower/index.js';
import { parseConfig } from '../../src/config/parser.js';

const neighbor = (settings: string) =>
  `neighbor 192.0.2.1 {\n  router-id 1.1.1.1;\n  local-as 1;\n  peer-as 2;\n  ${settings}\n}\n`;

describe('maximum-prefix (bgpknife neighbor setting)', () => {
  it('lowers to maximumPrefix and maximumPrefixRestartSeconds, and prints back', () => {
    const text = neighbor('maximum-prefix 1000;\n  maximum-prefix-restart 30;');
    const n = lowerConfig(parseConfig(text, 't.conf').config).config.neighbors[0]!;
    assert.equal(n.maximumPrefix, 1000);
    assert.equal(n.maximumPrefixRestartSeconds, 30);
    const { diagnostics, printed } = checkConfigText(text, 't.conf');
    assert.deepEqual(diagnostics, []);
    assert.match(printed ?? '', /maximum-prefix 1000;\n {2}maximum-prefix-restart 30;/);
  });

  it('absent means no limit', () => {
    const n = lowerConfig(parseConfig(neighbor(''), 't.conf').config).config.neighbors[0]!;
    assert.equal(n.maximumPrefix, undefined);
  });

  it('out-of-range values are errors', () => {
    for (const bad of ['maximum-prefix 0;', 'maximum-prefix 4294967296;', 'maximum-prefix-restart 86401;']) {
      const { diagnostics } = checkConfigText(neighbor(bad), 't.conf');
      assert.ok(
        diagnostics.some((d) => d.severity === 'error' && /out of range/.test(d.message)),
        bad,
      );
    }
  });
});
