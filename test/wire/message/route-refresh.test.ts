import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { DEFAULT_CONTEXT } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { Framer } from '../../../src/wire/frame.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/message/registry.js';
import {
  decodeRouteRefresh,
  encodeRouteRefresh,
  isKnownRefreshSubtype,
  makeRouteRefresh,
  refreshJson,
} from '../../../src/wire/message/route-refresh.js';

const MARKER = 'FF'.repeat(16);
function bytes(...groups: string[]): Buffer {
  return Buffer.from(groups.join('').replace(/\s/g, ''), 'hex');
}

describe('ROUTE-REFRESH', () => {
  // From ExaBGP's api-rr and api-rr-rib tests: AFI 1, subtype 0/1/2, SAFI 1.
  const vectors: [string, number, string][] = [
    ['00010001', 0, 'query'],
    ['00010101', 1, 'begin'],
    ['00010201', 2, 'end'],
  ];
  for (const [body, subtype, name] of vectors) {
    it(`decodes, encodes and prints subtype ${name}`, () => {
      const wire = bytes(MARKER, '0017', '05', body); // length 23, type 5
      const m = decodeMessage(new Framer().push(wire)[0]!, DEFAULT_CONTEXT);
      assert.deepEqual(m, { kind: 'route-refresh', afi: 1, safi: 1, subtype });
      assert.deepEqual(encodeMessage(m, DEFAULT_CONTEXT), wire);
      assert.deepEqual(encodeRouteRefresh(makeRouteRefresh(1, 1, subtype)), wire);
      assert.deepEqual(refreshJson(makeRouteRefresh(1, 1, subtype)), {
        afi: 'ipv4',
        safi: 'unicast',
        subtype: name,
      });
    });
  }

  it('prints ipv6 flow', () => {
    assert.deepEqual(refreshJson(decodeRouteRefresh(bytes('0002 00 85'))), {
      afi: 'ipv6',
      safi: 'flow',
      subtype: 'query',
    });
  });

  it('keeps an unknown subtype for the session to ignore (RFC 7313 §5)', () => {
    const m = decodeRouteRefresh(bytes('0001 03 01'));
    assert.equal(m.subtype, 3);
    assert.equal(isKnownRefreshSubtype(m.subtype), false);
    assert.equal(refreshJson(m).subtype, 'invalid');
  });

  it('answers a body that is not 4 bytes with 7/1 carrying the whole message', () => {
    const wire = bytes(MARKER, '0018', '05', '0001 01 01 00'); // 5-byte body
    const frame = new Framer().push(wire)[0]!;
    assert.throws(
      () => decodeMessage(frame, DEFAULT_CONTEXT),
      (e: unknown) =>
        e instanceof NotifyError && e.code === 7 && e.subcode === 1 && Buffer.from(e.data).equals(wire),
    );
  });

  it('mirrors any value', () => {
    fc.assert(
      fc.property(fc.nat(0xffff), fc.nat(255), fc.nat(255), (afi, safi, subtype) => {
        const m = makeRouteRefresh(afi, safi, subtype);
        assert.deepEqual(decodeRouteRefresh(encodeRouteRefresh(m).subarray(19)), m);
      }),
    );
  });
});
