/**
 * ExaBGP 5.0.13's BGP-LS decoding vectors (decoding/bgp-ls-1..10), read in place.
 * NLRI vectors compare the codec's JSON with the expected object; UPDATE vectors are split by a
 * small parser written here (independent of the codec) into the BGP-LS attribute value and the
 * MP_REACH NLRI, whose JSON is compared with the matching parts of the expected UPDATE JSON.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  bgplsAttributeJson,
  decodeBgpLsAttribute,
  encodeBgpLsAttribute,
} from '../../src/wire/attribute/bgpls/index.js';
import { Reader } from '../../src/wire/buf/reader.js';
import { Writer } from '../../src/wire/buf/writer.js';
import { type JsonValue, stringifyJson } from '../../src/wire/json.js';
import { bgplsNlriJson, decodeBgpLsNlri, encodeBgpLsNlri } from '../../src/wire/nlri/bgpls/index.js';
import { formatIP } from '../../src/wire/nlri/prefix.js';
import { cleanHex, corpusPath } from '../support/corpus.js';

const BGP_LS = { afi: 16388, safi: 71 };

interface Vector {
  kind: string;
  hex: Buffer;
  json: Record<string, unknown>;
}

function readVector(n: number): Vector | undefined {
  const p = corpusPath('exabgp', '5.0.13', 'decoding', `bgp-ls-${n}`);
  if (!p) return undefined;
  const [kind = '', hex = '', json = ''] = readFileSync(p, 'utf8').split('\n');
  return { kind: kind.trim(), hex: Buffer.from(cleanHex(hex), 'hex'), json: JSON.parse(json) };
}

/** What the test needs from an UPDATE: the attribute-29 value, MP_REACH next hop and NLRI. */
interface UpdateParts {
  bgpls?: Buffer;
  nexthop?: string;
  nlri?: Buffer;
}

function splitUpdate(msg: Buffer): UpdateParts {
  let b = msg;
  if (b.subarray(0, 16).equals(Buffer.alloc(16, 0xff))) b = b.subarray(19);
  const withdrawn = b.readUInt16BE(0);
  let pos = 2 + withdrawn;
  const attrEnd = pos + 2 + b.readUInt16BE(pos);
  pos += 2;
  const parts: UpdateParts = {};
  while (pos < attrEnd) {
    const flags = b[pos]!;
    const code = b[pos + 1]!;
    const ext = (flags & 0x10) !== 0;
    const len = ext ? b.readUInt16BE(pos + 2) : b[pos + 2]!;
    const start = pos + (ext ? 4 : 3);
    const value = b.subarray(start, start + len);
    if (code === 29) parts.bgpls = value;
    if (code === 14) {
      const nhLen = value[3]!;
      parts.nexthop = formatIP(value.subarray(4, 4 + nhLen));
      parts.nlri = value.subarray(4 + nhLen + 1);
    }
    pos = start + len;
  }
  return parts;
}

function parsed(v: JsonValue): unknown {
  return JSON.parse(stringifyJson(v));
}

function nlriList(data: Buffer, nexthop?: string): { json: unknown[]; bytes: Buffer } {
  const r = Reader.of(data);
  const w = new Writer();
  const json: unknown[] = [];
  while (!r.done) {
    const n = decodeBgpLsNlri(r, BGP_LS, undefined);
    json.push(parsed(bgplsNlriJson(n, nexthop)));
    encodeBgpLsNlri(w, n);
  }
  return { json, bytes: w.toBuffer() };
}

describe('ExaBGP 5.0.13 BGP-LS decoding vectors', () => {
  for (let n = 1; n <= 10; n++) {
    it(`bgp-ls-${n}`, (t) => {
      const v = readVector(n);
      if (!v) return t.skip('corpus missing');
      if (v.kind.startsWith('nlri')) {
        const got = nlriList(v.hex);
        assert.deepEqual(got.json, [v.json]);
        assert.ok(got.bytes.equals(v.hex), 'NLRI re-encodes byte for byte');
        return;
      }
      assert.ok(v.kind.startsWith('update'));
      const parts = splitUpdate(v.hex);
      const update = (v.json.neighbor as { message: { update: Record<string, Record<string, unknown>> } })
        .message.update;
      const expectedAttr = update.attribute!['bgp-ls'];
      assert.ok(parts.bgpls && expectedAttr);
      const attr = decodeBgpLsAttribute(parts.bgpls);
      assert.deepEqual(parsed(bgplsAttributeJson(attr)), expectedAttr);
      const w = new Writer();
      encodeBgpLsAttribute(w, attr);
      assert.ok(w.view().equals(parts.bgpls), 'attribute re-encodes byte for byte');

      assert.ok(parts.nlri && parts.nexthop);
      const announce = update.announce!['bgp-ls bgp-ls'] as Record<string, unknown>;
      const got = nlriList(parts.nlri, parts.nexthop);
      assert.deepEqual({ [parts.nexthop]: got.json }, announce);
      assert.ok(got.bytes.equals(parts.nlri), 'NLRI re-encode byte for byte');
    });
  }
});
