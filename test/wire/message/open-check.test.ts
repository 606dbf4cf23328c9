import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NotifyError } from '../../../src/wire/error.js';
import { makeOpen } from '../../../src/wire/message/open.js';
import {
  checkHoldTime,
  checkOpen,
  checkPeerAs,
  checkRouterId,
} from '../../../src/wire/message/open-check.js';

function isOpenError(subcode: number) {
  return (e: unknown) => e instanceof NotifyError && e.code === 2 && e.subcode === subcode;
}

const open = (asn: number, holdTimeSeconds: number, routerId: string, asn4?: number) =>
  makeOpen({
    asn,
    holdTimeSeconds,
    routerId,
    capabilities: asn4 === undefined ? [] : [{ kind: 'asn4', asn: asn4 }],
  });

describe('OPEN checks', () => {
  it('rejects hold times of 1 and 2 seconds (2/6), accepts 0 and 3+', () => {
    assert.throws(() => checkHoldTime(1), isOpenError(6));
    assert.throws(() => checkHoldTime(2), isOpenError(6));
    for (const ok of [0, 3, 90, 65535]) checkHoldTime(ok);
  });

  it('lets a session refuse more than the RFC minimum', () => {
    assert.throws(() => checkHoldTime(9, 10), isOpenError(6));
    checkHoldTime(0, 10);
  });

  it('rejects a zero BGP identifier, and our own on iBGP (2/3)', () => {
    assert.throws(() => checkRouterId('0.0.0.0'), isOpenError(3));
    assert.throws(() => checkRouterId('1.1.1.1', '1.1.1.1', true), isOpenError(3));
    checkRouterId('1.1.1.1', '1.1.1.1', false);
    checkRouterId('1.1.1.2', '1.1.1.1', true);
  });

  it('compares the peer AS using the 4-octet capability when present (2/2)', () => {
    checkPeerAs(open(65001, 90, '1.1.1.1'), 65001);
    assert.throws(() => checkPeerAs(open(65001, 90, '1.1.1.1'), 65002), isOpenError(2));
    checkPeerAs(open(23456, 90, '1.1.1.1', 4200000000), 4200000000);
    assert.throws(() => checkPeerAs(open(23456, 90, '1.1.1.1', 4200000000), 23456), isOpenError(2));
    checkPeerAs(open(1, 90, '1.1.1.1'), undefined);
  });

  it('checks in RFC order: AS first', () => {
    assert.throws(() => checkOpen(open(1, 1, '0.0.0.0'), { peerAsn: 2 }), isOpenError(2));
    assert.throws(() => checkOpen(open(2, 1, '0.0.0.0'), { peerAsn: 2 }), isOpenError(3));
    assert.throws(() => checkOpen(open(2, 1, '1.1.1.1'), { peerAsn: 2 }), isOpenError(6));
    checkOpen(open(2, 3, '1.1.1.1'), { peerAsn: 2 });
  });
});
