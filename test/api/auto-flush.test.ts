import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { execute } from '../../src/api/execute.js';
import { parseCommand } from '../../src/command/parse/index.js';
import { CONFIG, FakeHost, FakePeer, neighbor } from './support.js';

function run(peer: FakePeer, line: string): void {
  const parsed = parseCommand(line);
  assert.ok('command' in parsed, line);
  execute(parsed, [peer], new FakeHost([peer]));
}

describe('neighbor auto-flush (ExaBGP)', () => {
  it('sends API changes at once by default', () => {
    const p = new FakePeer(neighbor(CONFIG));
    run(p, 'announce route 10.0.0.0/24 next-hop 192.0.2.9');
    assert.equal(p.flushes, 1);
  });

  it('with auto-flush false, holds them until flush adj-rib out', () => {
    const p = new FakePeer(neighbor(CONFIG.replace('peer-as 65001;', 'peer-as 65001; auto-flush false;')));
    run(p, 'announce route 10.0.0.0/24 next-hop 192.0.2.9');
    run(p, 'announce route 10.0.1.0/24 next-hop 192.0.2.9');
    assert.equal(p.flushes, 0);
    assert.equal(p.adjRibOut.pendingSize, 2, 'both wait in the Adj-RIB-Out');
    run(p, 'flush adj-rib out');
    assert.equal(p.flushes, 1);
  });
});
