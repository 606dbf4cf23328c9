import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseInteger, parseIntegerAt } from '../../src/config/parse-value.js';

describe('config integer parsing', () => {
  it('parseIntegerAt reads a range as parseInteger reads the slice (property)', () => {
    const text = fc
      .array(fc.constantFrom('0', '1', '7', '9', ':', 'a', ' '), { maxLength: 18 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(text, fc.nat(20), fc.nat(20), (t, a, b) => {
        const start = Math.min(a, t.length);
        const end = Math.min(Math.max(start, b), t.length);
        const expected = parseInteger(t.slice(start, end));
        const got = parseIntegerAt(t, start, end);
        if (end - start <= 15) assert.ok(Object.is(got, expected), `${t} [${start},${end})`);
        else assert.ok(Number.isNaN(got));
      }),
      { numRuns: 2000 },
    );
  });
});
