import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { Reader, SHORT_NLRI } from '../../src/wire/buf/reader.js';
import { Writer } from '../../src/wire/buf/writer.js';
import { EncodeError, NotifyError } from '../../src/wire/error.js';

describe('Reader', () => {
  it('reads big-endian integers and bounds-checks with the chosen NOTIFICATION', () => {
    const r = Reader.of(Buffer.from('0102030405060708', 'hex'), SHORT_NLRI);
    assert.equal(r.u8(), 1);
    assert.equal(r.u16(), 0x0203);
    assert.equal(r.u24(), 0x040506);
    assert.equal(r.remaining, 2);
    assert.throws(
      () => r.u32(),
      (e: unknown) => e instanceof NotifyError && e.code === 3 && e.subcode === 10 && e.offset === 6,
    );
  });

  it('sub-readers never read past their window', () => {
    const r = Reader.of(Buffer.from('0a0b0c0d', 'hex'));
    const s = r.sub(2);
    assert.equal(s.u16(), 0x0a0b);
    assert.throws(() => s.u8(), NotifyError);
    assert.equal(r.u16(), 0x0c0d);
  });
});

describe('Writer', () => {
  it('back-patches lengths and refuses values that do not fit', () => {
    const w = new Writer(2);
    const at = w.reserve(2);
    w.u32(0xdeadbeef).u8(7);
    w.patchLength(at, 2);
    assert.equal(w.toBuffer().toString('hex'), '0005deadbeef07');
    assert.throws(() => w.u8(256), EncodeError);
    assert.throws(() => w.u16(-1), EncodeError);
  });

  it('round-trips any sequence of integers through Reader (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(1, 2, 3, 4), fc.nat())), (fields) => {
        const w = new Writer(1);
        const values = fields.map(([size, n]) => {
          const v = n % 2 ** (8 * size);
          if (size === 1) w.u8(v);
          else if (size === 2) w.u16(v);
          else if (size === 3) w.u24(v);
          else w.u32(v);
          return v;
        });
        const r = Reader.of(w.toBuffer());
        for (let i = 0; i < fields.length; i++) {
          const size = fields[i]![0];
          const got = size === 1 ? r.u8() : size === 2 ? r.u16() : size === 3 ? r.u24() : r.u32();
          assert.equal(got, values[i]);
        }
        assert.ok(r.done);
      }),
    );
  });
});
