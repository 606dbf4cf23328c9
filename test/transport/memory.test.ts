import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MEMORY_HIGH_WATER_BYTES, memoryPair } from '../../src/transport/memory.js';

describe('memory transport', () => {
  it('delivers bytes in order, asynchronously, then the close', async () => {
    const [a, b] = memoryPair();
    const got: string[] = [];
    let closed = false;
    b.attach({ data: (c) => got.push(c.toString()), close: () => (closed = true), drain: () => {} });
    a.attach({ data: () => {}, close: () => {}, drain: () => {} });
    a.write(Buffer.from('one'));
    a.write(Buffer.from('two'));
    assert.deepEqual(got, [], 'never delivered synchronously');
    a.close();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(got, ['one', 'two']);
    assert.ok(closed);
    assert.equal(b.info.remoteAddress, a.info.localAddress);
  });

  it('signals back-pressure above the high-water mark and drain once delivered', async () => {
    const [a, b] = memoryPair();
    let drained = 0;
    a.attach({ data: () => {}, close: () => {}, drain: () => drained++ });
    const ok = a.write(Buffer.alloc(MEMORY_HIGH_WATER_BYTES));
    assert.equal(ok, false);
    assert.equal(a.bufferedBytes, MEMORY_HIGH_WATER_BYTES);
    b.attach({ data: () => {}, close: () => {}, drain: () => {} });
    await new Promise((r) => setImmediate(r));
    assert.equal(a.bufferedBytes, 0);
    assert.equal(drained, 1);
  });
});
