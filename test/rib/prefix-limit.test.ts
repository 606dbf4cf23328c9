import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { maximumPrefixNotification, PrefixLimit } from '../../src/rib/prefix-limit.js';
import { DEFAULT_CONTEXT } from '../../src/wire/context.js';
import { decodeUpdate } from '../../src/wire/message/update.js';
import { familyKey } from '../../src/wire/nlri/family.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
// ORIGIN IGP, empty AS_PATH, NEXT_HOP 192.0.2.1 (RFC 4271 §4.3 layouts), 14 bytes.
const ATTRS = '40010100 400200 400304c0000201';

/** An UPDATE body announcing 10.0.N.0/24 for each N. */
function announce(...thirdOctets: number[]) {
  const nlri = thirdOctets.map((n) => `180a00${n.toString(16).padStart(2, '0')}`).join('');
  return decodeUpdate(hex(`0000 000e ${ATTRS} ${nlri}`), DEFAULT_CONTEXT);
}

function withdraw(n: number) {
  return decodeUpdate(hex(`0004 180a00${n.toString(16).padStart(2, '0')} 0000`), DEFAULT_CONTEXT);
}

// MP_REACH_NLRI (RFC 4760 §3): IPv6 unicast, next hop 2001:db8::1, NLRI 2001:db8:N::/48.
function announce6(n: number) {
  const reach = `800e 1c 0002 01 10 20010db8000000000000000000000001 00 30 20010db8 00${n.toString(16).padStart(2, '0')}`;
  return decodeUpdate(hex(`0000 0026 40010100 400200 ${reach}`), DEFAULT_CONTEXT);
}

describe('maximum prefixes per family (RFC 4486 Cease subcode 1)', () => {
  it('the NOTIFICATION data is AFI (2), SAFI (1), upper bound (4)', () => {
    const n = maximumPrefixNotification(2, 1, 1000);
    assert.equal(n.code, 6);
    assert.equal(n.subcode, 1);
    assert.deepEqual(Buffer.from(n.data!), hex('0002 01 000003e8'));
  });

  it('counts distinct routes, forgets withdrawn ones, and reports the route over the limit', () => {
    const limit = new PrefixLimit(2);
    assert.equal(limit.update(announce(1, 2)), undefined);
    assert.equal(limit.update(announce(1)), undefined, 'a re-announcement is the same route');
    assert.equal(limit.update(withdraw(1)), undefined);
    assert.equal(limit.update(announce(3)), undefined);
    assert.equal(limit.count(familyKey(1, 1)), 2);
    const over = limit.update(announce(4));
    assert.ok(over);
    assert.deepEqual([over.afi, over.safi, over.limit], [1, 1, 2]);
    assert.deepEqual(Buffer.from(over.notify.data!), hex('0001 01 00000002'));
  });

  it('each family has its own count; reset starts again', () => {
    const limit = new PrefixLimit(1);
    assert.equal(limit.update(announce(1)), undefined);
    assert.equal(limit.update(announce6(1)), undefined, 'IPv6 is counted apart from IPv4');
    const over = limit.update(announce6(2));
    assert.deepEqual([over?.afi, over?.safi], [2, 1]);
    limit.reset();
    assert.equal(limit.update(announce(2)), undefined);
  });

  it('treat-as-withdraw UPDATEs withdraw their NLRI', () => {
    const limit = new PrefixLimit(1);
    limit.update(announce(1));
    assert.equal(limit.update({ ...announce(1), action: 'treat-as-withdraw' }), undefined);
    assert.equal(limit.count(familyKey(1, 1)), 0);
  });
});
