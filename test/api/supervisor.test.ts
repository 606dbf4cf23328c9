/** Helper supervision with a fake spawn and a manual clock: respawn, back-off, giving up, stop. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  RESPAWN_BASE_DELAY_MS,
  RESPAWN_MAX_PER_MINUTE,
  Supervisor,
  type SupervisorOptions,
} from '../../src/api/supervisor.js';
import { ManualClock } from '../../src/session/clock.js';
import { FakeChild } from './fake-child.js';

function setup(over: Partial<SupervisorOptions> = {}) {
  const clock = new ManualClock();
  const children: FakeChild[] = [];
  const lines: unknown[] = [];
  const gaveUp: string[] = [];
  const sup = new Supervisor({
    spawn: () => {
      const c = new FakeChild();
      children.push(c);
      return c;
    },
    clock,
    lineMaxBytes: 64,
    queueMaxBytes: 1024,
    line: (_h, t) => lines.push(t),
    report: () => {},
    gaveUp: (h) => gaveUp.push(h.name),
    ...over,
  });
  return { sup, clock, children, lines, gaveUp };
}

const SPEC = { name: 'h', run: ['/bin/helper', '--flag'], encoder: 'text' as const, respawn: true };

describe('Supervisor', () => {
  it('passes the argument vector as given and frames stdout into lines', () => {
    let argv: readonly string[] = [];
    const t = setup({
      spawn: (a) => {
        argv = a;
        const c = new FakeChild();
        t.children.push(c);
        return c;
      },
    });
    t.sup.configure([SPEC], true);
    assert.deepEqual(argv, ['/bin/helper', '--flag']);
    t.children[0]!.say('ver');
    t.children[0]!.say('sion\n');
    t.children[0]!.say(`${'x'.repeat(100)}\n`);
    assert.deepEqual(t.lines, ['version', { problem: 'line of 100 bytes is longer than 64' }]);
  });

  it('respawns a crashing helper with a growing delay, then gives up', () => {
    const t = setup();
    t.sup.configure([SPEC], true);
    t.children[0]!.exit(1);
    t.clock.advance(0);
    assert.equal(t.children.length, 2, 'first restart is immediate');
    t.children[1]!.exit(1);
    t.clock.advance(RESPAWN_BASE_DELAY_MS - 1);
    assert.equal(t.children.length, 2, 'second waits for the back-off');
    t.clock.advance(1);
    assert.equal(t.children.length, 3);
    for (let i = 0; i < 10 && t.gaveUp.length === 0; i++) {
      t.children.at(-1)!.exit(1);
      t.clock.advance(10_000);
    }
    assert.deepEqual(t.gaveUp, ['h']);
    assert.equal(t.children.length, RESPAWN_MAX_PER_MINUTE + 1);
  });

  it('a helper that lives long enough gets a fresh budget', () => {
    const t = setup();
    t.sup.configure([SPEC], true);
    for (let i = 0; i < 20; i++) {
      t.clock.advance(61_000);
      t.children.at(-1)!.exit(0);
      t.clock.advance(0);
    }
    assert.deepEqual(t.gaveUp, []);
    assert.equal(t.children.length, 21);
  });

  it('does not respawn without respawn, nor after stopAll; SIGUSR2 restarts', () => {
    const t = setup();
    t.sup.configure([{ ...SPEC, respawn: false }], true);
    t.children[0]!.exit(0);
    t.clock.advance(60_000);
    assert.equal(t.children.length, 1);
    t.sup.restartAll();
    assert.equal(t.children.length, 2);
    t.sup.stopAll((h) => `shutdown ${h.name}`);
    assert.equal(t.children[1]!.killed, true);
    assert.deepEqual(t.children[1]!.written, ['shutdown h']);
  });
});
