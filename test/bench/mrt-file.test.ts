/**
 * The MRT file the load benchmark hands to `gobgp mrt inject` (bench/load/gobgp.ts), read back
 * record by record. GoBGP 3.10 decodes a RIB entry's attributes as in an UPDATE, so an IPv6
 * entry's MP_REACH_NLRI must be in its full form (AFI, SAFI, next hop, reserved byte), not
 * RFC 6396's abbreviated one: with the latter it rejected every record ("unknown route family.
 * AFI: 4128") and the benchmark's GoBGP row loaded nothing.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mrtFile } from '../../bench/load/gobgp.js';

interface Entry {
  readonly subtype: number;
  readonly prefix: Buffer;
  readonly attributes: Map<number, Buffer>;
}

function attributes(b: Buffer): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  let at = 0;
  while (at < b.length) {
    const flags = b[at]!;
    const type = b[at + 1]!;
    const extended = (flags & 0x10) !== 0;
    const len = extended ? b.readUInt16BE(at + 2) : b[at + 2]!;
    const start = at + (extended ? 4 : 3);
    out.set(type, b.subarray(start, start + len));
    at = start + len;
  }
  assert.equal(at, b.length, 'attributes end with the entry');
  return out;
}

function read(file: Buffer): { peers: number; entries: Entry[] } {
  let at = 0;
  let peers = -1;
  const entries: Entry[] = [];
  while (at < file.length) {
    assert.equal(file.readUInt16BE(at + 4), 13, 'TABLE_DUMP_V2');
    const subtype = file.readUInt16BE(at + 6);
    const body = file.subarray(at + 12, at + 12 + file.readUInt32BE(at + 8));
    at += 12 + body.length;
    if (subtype === 1) {
      assert.equal(entries.length, 0, 'the peer index table comes first');
      peers = body.readUInt16BE(6 + body.readUInt16BE(4));
      continue;
    }
    const bytes = Math.ceil(body[4]! / 8);
    const prefix = body.subarray(4, 5 + bytes);
    let p = 5 + bytes;
    assert.equal(body.readUInt16BE(p), 1, 'one entry');
    assert.ok(body.readUInt16BE(p + 2) < peers, 'peer index in the table');
    const len = body.readUInt16BE(p + 8);
    p += 10;
    assert.equal(p + len, body.length, 'the entry ends the record');
    entries.push({ subtype, prefix, attributes: attributes(body.subarray(p)) });
  }
  return { peers, entries };
}

describe('MRT file for gobgp mrt inject', () => {
  it('IPv6: RIB_IPV6_UNICAST records whose MP_REACH_NLRI is AFI 2, SAFI 1, next hop, reserved', () => {
    const { peers, entries } = read(mrtFile({ n: 300, v6: true, sets: 1 }));
    assert.equal(peers, 1);
    assert.equal(entries.length, 600, 'N routes, then the tail repeated from the start');
    for (const [k, e] of entries.entries()) {
      const i = k % 300;
      assert.equal(e.subtype, 4);
      assert.equal(e.prefix[0], 128);
      assert.equal(e.prefix.readUInt32BE(13), i);
      assert.equal(e.attributes.has(3), false, 'no NEXT_HOP in an IPv6 entry');
      const mp = e.attributes.get(14);
      assert.ok(mp);
      assert.equal(mp.readUInt16BE(0), 2, 'AFI IPv6');
      assert.equal(mp[2], 1, 'SAFI unicast');
      assert.equal(mp[3], 16, 'next hop length');
      assert.equal(mp.subarray(4, 20).toString('hex'), '20010db8ffff00000000000000000001');
      assert.equal(mp.length, 21, 'reserved byte, no NLRI');
    }
  });

  it('IPv4: RIB_IPV4_UNICAST records with NEXT_HOP and a MED per attribute set', () => {
    const { entries } = read(mrtFile({ n: 2000, v6: false, sets: 1000 }));
    assert.equal(entries.length, 4000);
    for (const [k, e] of entries.entries()) {
      const i = k % 2000;
      assert.equal(e.subtype, 2);
      assert.deepEqual([...e.prefix], [32, 10 + (i >>> 24), (i >>> 16) & 255, (i >>> 8) & 255, i & 255]);
      assert.equal(e.attributes.get(3)?.toString('hex'), 'c0000201');
      assert.equal(e.attributes.get(4)?.readUInt32BE(0), (i % 1000) + 1);
    }
  });
});
