/** The bounded writer to a helper: drop-and-count past the byte bound, logged once per episode. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Outbox } from '../../src/api/outbox.js';

/** A pipe nobody reads: everything written stays buffered. */
class StuckSink {
  writableLength = 0;
  readonly lines: string[] = [];
  write(data: string): boolean {
    this.writableLength += Buffer.byteLength(data);
    this.lines.push(data);
    return false;
  }
}

describe('Outbox', () => {
  it('keeps the buffered bytes within the bound and counts what it drops', () => {
    const sink = new StuckSink();
    const reports: string[] = [];
    const box = new Outbox(sink, 1000, (m) => reports.push(m));
    for (let i = 0; i < 1000; i++) box.send(`event ${i} ${'x'.repeat(40)}`);
    assert.ok(sink.writableLength <= 1000, `${sink.writableLength}`);
    assert.equal(box.written + box.dropped, 1000);
    assert.ok(box.dropped > 900);
    assert.equal(reports.length, 1, 'one report per episode');
  });

  it('writes again once the helper reads, and says how many lines it missed', () => {
    const sink = new StuckSink();
    const reports: string[] = [];
    const box = new Outbox(sink, 100, (m) => reports.push(m));
    for (let i = 0; i < 10; i++) box.send('y'.repeat(30));
    sink.writableLength = 0; // the helper read everything
    assert.equal(box.send('after'), true);
    assert.match(reports[1] ?? '', /7 line\(s\) were dropped/);
  });

  it('writes a burst of one turn as two pipe writes, in order, nothing lost', async () => {
    const sink = new StuckSink();
    const box = new Outbox(sink, 1 << 20, () => {});
    for (let i = 0; i < 10_000; i++) box.send('done');
    assert.equal(sink.lines.length, 1, 'the first line is written at once');
    await Promise.resolve();
    assert.equal(sink.lines.length, 2, 'the rest in one write at the end of the turn');
    assert.equal(sink.lines.join(''), 'done\n'.repeat(10_000));
    box.send('next turn');
    assert.equal(sink.lines.length, 3, 'a new turn writes its first line at once again');
  });
});
