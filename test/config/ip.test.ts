import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isIPv4, isPrefix } from '../../src/config/ip.js';

/** The definition, written the obvious way: four parts of 1-3 digits, each at most 255. */
function reference(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

describe('config IP text checks', () => {
  it('accepts dotted quads and rejects the rest', () => {
    for (const ok of ['0.0.0.0', '10.0.0.1', '255.255.255.255', '010.001.0.9'])
      assert.equal(isIPv4(ok), true, ok);
    for (const bad of [
      '',
      '1.2.3',
      '1.2.3.4.5',
      '1..2.3',
      '.1.2.3',
      '1.2.3.',
      '256.0.0.1',
      '1.2.3.1000',
      '1.2.3.a',
      '1.2.3.-1',
    ])
      assert.equal(isIPv4(bad), false, bad);
    assert.equal(isPrefix('10.0.0.0/8'), true);
    assert.equal(isPrefix('10.0.0.0/33'), false);
    assert.equal(isPrefix('10.0.0/8'), false);
    assert.equal(isPrefix('2001:db8::/32'), true);
  });

  it('agrees with the definition on random text (property)', () => {
    const text = fc
      .array(fc.constantFrom('0', '1', '2', '5', '9', '.', 'a', '-', ' '), { maxLength: 17 })
      .map((c) => c.join(''));
    fc.assert(
      fc.property(text, (t) => isIPv4(t) === reference(t)),
      { numRuns: 3000 },
    );
    fc.assert(fc.property(fc.ipV4(), (t) => isIPv4(t) && isPrefix(`${t}/32`)));
  });
});
