import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jitterMs, ManualClock } from '../../src/session/clock.js';

describe('ManualClock', () => {
  it('runs due callbacks in time order, including ones scheduled by callbacks', () => {
    const c = new ManualClock();
    const log: string[] = [];
    c.schedule(300, () => log.push(`c@${c.nowMs()}`));
    c.schedule(100, () => {
      log.push(`a@${c.nowMs()}`);
      c.schedule(50, () => log.push(`b@${c.nowMs()}`));
    });
    const cancelled = c.schedule(200, () => log.push('never'));
    cancelled.cancel();
    c.advance(250);
    assert.deepEqual(log, ['a@100', 'b@150']);
    assert.equal(c.nowMs(), 250);
    c.advance(100);
    assert.deepEqual(log, ['a@100', 'b@150', 'c@300']);
    assert.equal(c.armed, 0);
  });

  it('jitters timers within [0.75, 1.0] of their value (RFC 4271 §10)', () => {
    assert.equal(
      jitterMs(30, () => 0),
      22500,
    );
    assert.equal(
      jitterMs(30, () => 0.999999),
      30000,
    );
  });
});
