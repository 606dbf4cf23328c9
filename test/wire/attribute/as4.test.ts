/**
 * RFC 6793: rebuilding the path from AS_PATH + AS4_PATH (§4.2.3) and the AS4_* attributes sent
 * to a 2-octet speaker (§4.2.2).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AS_TRANS } from '../../../src/wire/attribute/as-path-segments.js';
import { as4Companions, mergeAs4Path, pathLength } from '../../../src/wire/attribute/as4.js';
import { flagsConflict } from '../../../src/wire/attribute/check.js';

describe('RFC 6793 AS4_PATH merge', () => {
  it('prepends the leading AS_PATH ASNs to AS4_PATH', () => {
    const asPath = { kind: 'as-path', segments: [{ type: 2, asns: [1, 2, AS_TRANS, AS_TRANS] }] } as const;
    const as4 = { kind: 'as4-path', segments: [{ type: 2, asns: [4200000000, 4200000001] }] } as const;
    assert.deepEqual(mergeAs4Path(asPath, as4), {
      kind: 'as-path',
      segments: [{ type: 2, asns: [1, 2, 4200000000, 4200000001] }],
    });
  });

  it('ignores an AS4_PATH longer than AS_PATH, or one with confederation segments', () => {
    const asPath = { kind: 'as-path', segments: [{ type: 2, asns: [AS_TRANS] }] } as const;
    const longer = { kind: 'as4-path', segments: [{ type: 2, asns: [1, 2] }] } as const;
    assert.equal(mergeAs4Path(asPath, longer), asPath);
    const confed = { kind: 'as4-path', segments: [{ type: 3, asns: [1] }] } as const;
    assert.equal(mergeAs4Path(asPath, confed), asPath);
  });

  it('counts an AS_SET as one and confederation segments as none', () => {
    assert.equal(
      pathLength([
        { type: 3, asns: [9, 9] },
        { type: 2, asns: [1, 2] },
        { type: 1, asns: [3, 4, 5] },
      ]),
      3,
    );
  });

  it('adds AS4_PATH and AS4_AGGREGATOR only when an ASN needs four octets', () => {
    const small = [
      { kind: 'as-path', segments: [{ type: 2, asns: [1] }] },
      { kind: 'aggregator', asn: 1, speaker: '1.1.1.1' },
    ] as const;
    assert.deepEqual(as4Companions(small), []);
    const big = [
      {
        kind: 'as-path',
        segments: [
          { type: 3, asns: [7] },
          { type: 2, asns: [4200000000] },
        ],
      },
      { kind: 'aggregator', asn: 4200000000, speaker: '1.1.1.1' },
    ] as const;
    assert.deepEqual(as4Companions(big), [
      { kind: 'as4-path', segments: [{ type: 2, asns: [4200000000] }] },
      { kind: 'as4-aggregator', asn: 4200000000, speaker: '1.1.1.1' },
    ]);
  });
});

describe('RFC 7606 §3(c) flag conflicts', () => {
  it('compare only the Optional and Transitive bits', () => {
    assert.equal(flagsConflict(0xc0, 0xe0), false);
    assert.equal(flagsConflict(0xc0, 0xd0), false);
    assert.equal(flagsConflict(0x40, 0xc0), true);
    assert.equal(flagsConflict(0x80, 0x80), false);
  });
});
