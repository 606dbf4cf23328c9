import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotifyError } from '../../src/wire/error.js';
import { Framer } from '../../src/wire/frame.js';

const MARKER = 'ff'.repeat(16);
// Independent byte builders: header = marker + length + type.
const keepalive = Buffer.from(`${MARKER}001304`, 'hex');
const update = Buffer.from(`${MARKER}001702` + '00000000', 'hex'); // End-of-RIB IPv4 unicast

describe('Framer', () => {
  it('yields the same messages whatever the chunk boundaries', () => {
    const stream = Buffer.concat([keepalive, update, keepalive]);
    for (let cut = 0; cut <= stream.length; cut++) {
      for (let cut2 = cut; cut2 <= stream.length; cut2 += 7) {
        const f = new Framer();
        const frames = [
          ...f.push(stream.subarray(0, cut)),
          ...f.push(stream.subarray(cut, cut2)),
          ...f.push(stream.subarray(cut2)),
        ];
        assert.deepEqual(
          frames.map((x) => [x.type, x.raw.toString('hex')]),
          [
            [4, keepalive.toString('hex')],
            [2, update.toString('hex')],
            [4, keepalive.toString('hex')],
          ],
          `split at ${cut}/${cut2}`,
        );
        assert.equal(f.bufferedBytes, 0);
      }
    }
  });

  it('rejects a bad marker with Connection Not Synchronized (1/1)', () => {
    const bad = Buffer.from(keepalive);
    bad[3] = 0;
    assert.throws(
      () => new Framer().push(bad),
      (e: unknown) => e instanceof NotifyError && e.code === 1 && e.subcode === 1,
    );
  });

  it('rejects lengths outside 19..4096 with Bad Message Length (1/2) carrying the length', () => {
    for (const len of [18, 4097, 0xffff]) {
      const b = Buffer.from(`${MARKER}${len.toString(16).padStart(4, '0')}02`, 'hex');
      assert.throws(
        () => new Framer().push(b),
        (e: unknown) =>
          e instanceof NotifyError &&
          e.code === 1 &&
          e.subcode === 2 &&
          Buffer.from(e.data).readUInt16BE(0) === len,
      );
    }
  });

  it('accepts up to 65535 bytes once extended message is negotiated (RFC 8654)', () => {
    const f = new Framer(true);
    const body = Buffer.alloc(5000 - 19);
    const msg = Buffer.concat([
      Buffer.from(`${MARKER}${(5000).toString(16).padStart(4, '0')}02`, 'hex'),
      body,
    ]);
    assert.equal(f.push(msg).length, 1);
  });

  it('rejects a KEEPALIVE with a body (1/2)', () => {
    const b = Buffer.from(`${MARKER}001404` + '00', 'hex');
    assert.throws(
      () => new Framer().push(b),
      (e: unknown) => e instanceof NotifyError && e.subcode === 2,
    );
  });
});
