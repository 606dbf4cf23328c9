/** Line framing of helper output: partial lines, every split offset, long lines, binary. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type FramedLine, LineFramer } from '../../src/api/framing.js';

function frameAll(chunks: Buffer[], max = 100): FramedLine[] {
  const f = new LineFramer(max);
  return chunks.flatMap((c) => f.push(c));
}

describe('LineFramer', () => {
  it('keeps a partial line until its newline', () => {
    const f = new LineFramer();
    assert.deepEqual(f.push(Buffer.from('announce route 10.0.0.0/8 ')), []);
    assert.equal(f.pendingBytes, 26);
    assert.deepEqual(f.push(Buffer.from('next-hop 1.2.3.4\nversion\n')), [
      { kind: 'line', text: 'announce route 10.0.0.0/8 next-hop 1.2.3.4' },
      { kind: 'line', text: 'version' },
    ]);
    assert.equal(f.pendingBytes, 0);
  });

  it('gives the same lines whatever the split offset (UTF-8 and CRLF included)', () => {
    const text = Buffer.from('a b c\r\nannounce route ünïcode\n\nlast line\n', 'utf8');
    const whole = frameAll([text]);
    for (let i = 0; i <= text.length; i++)
      assert.deepEqual(frameAll([text.subarray(0, i), text.subarray(i)]), whole, `split at ${i}`);
    assert.deepEqual(whole, [
      { kind: 'line', text: 'a b c' },
      { kind: 'line', text: 'announce route ünïcode' },
      { kind: 'line', text: '' },
      { kind: 'line', text: 'last line' },
    ]);
  });

  it('reports an overlong line once, keeps at most the limit, and recovers', () => {
    const f = new LineFramer(10);
    assert.deepEqual(f.push(Buffer.from('0123456789AB')), []);
    assert.ok(f.pendingBytes <= 10);
    assert.deepEqual(f.push(Buffer.from('CD\nok\n')), [
      { kind: 'too-long', bytes: 14 },
      { kind: 'line', text: 'ok' },
    ]);
  });

  it('reports binary garbage as binary', () => {
    assert.deepEqual(frameAll([Buffer.from([0x61, 0x00, 0xff, 0x0a])]), [{ kind: 'binary' }]);
  });

  it('reports a line that is not UTF-8 as binary (fast-check found it: it decoded larger than its bytes)', () => {
    const chunks = [
      [32, 32, 128, 128],
      [128, 128, 32, 32, 32, 128, 128, 32, 128],
      [32, 32, 32, 128, 10],
    ];
    assert.deepEqual(frameAll(chunks.map((c) => Buffer.from(c))), [{ kind: 'binary' }]);
    assert.deepEqual(
      frameAll([Buffer.from('announce route 10.0.0.0/24 next-hop self description "café"\n')]).length,
      1,
    );
  });

  it('never holds more than the limit, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 20 }), (chunks) => {
        const f = new LineFramer(32);
        for (const c of chunks) {
          for (const l of f.push(Buffer.from(c)))
            assert.ok(l.kind !== 'line' || Buffer.byteLength(l.text) <= 32);
          assert.ok(f.pendingBytes <= 32);
        }
      }),
    );
  });
});
