import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadConfigFile, loadConfigText, PIECE_BYTES } from '../../src/daemon/load.js';

const dir = mkdtempSync(join(tmpdir(), 'bgpknife-load-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A file larger than a few pieces, with multi-byte characters (2 bytes each) in every piece. */
function bigConfig(bad: boolean): string {
  const lines = ['neighbor 127.0.0.1 {', '  router-id 10.0.0.2;', '  local-as 65000;', '  peer-as 65001;'];
  lines.push('  description "é—ü";', '  static {');
  let size = 0;
  for (let i = 0; size < 3 * PIECE_BYTES; i++) {
    const line = `    route 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 next-hop 192.0.2.1 med ${i % 7}; # é${'ü'.repeat(i % 5)}`;
    lines.push(i === 2000 && bad ? '    route 10.0.0.300/32 next-hop 192.0.2.1;' : line);
    size += line.length + 1;
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

describe('loading a configuration file', () => {
  it('reads a file in pieces to the same configuration as its whole text', async () => {
    const text = bigConfig(false);
    const file = join(dir, 'big.conf');
    writeFileSync(file, text);
    const fromFile = await loadConfigFile(file);
    const fromText = loadConfigText(text, file);
    assert.deepEqual(fromFile.messages, fromText.messages);
    assert.ok(fromFile.config);
    assert.equal(fromFile.config.neighbors[0]!.routes.length, fromText.config!.neighbors[0]!.routes.length);
    assert.deepEqual(fromFile.config, fromText.config);
  });

  it('quotes the source line of a diagnostic deep in a file read in pieces', async () => {
    const text = bigConfig(true);
    const file = join(dir, 'bad.conf');
    writeFileSync(file, text);
    const loaded = await loadConfigFile(file);
    assert.equal(loaded.config, undefined);
    assert.deepEqual(loaded.messages, loadConfigText(text, file).messages);
    assert.match(loaded.messages[0]!, /:2007:5: error: .*\n {2}\s+route 10\.0\.0\.300\/32/);
  });

  it('reports a file that cannot be read', async () => {
    const loaded = await loadConfigFile(join(dir, 'missing.conf'));
    assert.equal(loaded.config, undefined);
    assert.match(loaded.messages[0]!, /missing\.conf: error: cannot read: ENOENT/);
  });
});
