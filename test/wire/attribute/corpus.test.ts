/**
 * Every path attribute ExaBGP put in its conformance UPDATEs (5.0.13 encoding/*.msg and the
 * main/api/*.ci files): decoded, re-encoded byte for byte, and, where the corpus carries
 * ExaBGP's JSON, printed the same.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  attributeCodec,
  attributeJson,
  decodeAttributeValue,
  encodeAttribute,
} from '../../../src/wire/attribute/registry.js';
import type { Attribute } from '../../../src/wire/attribute/types.js';
import { Reader } from '../../../src/wire/buf/reader.js';
import { Writer } from '../../../src/wire/buf/writer.js';
import { makeContext } from '../../../src/wire/context.js';
import { DEFAULT_JSON_OPTIONS, type JsonObject, stringifyJson } from '../../../src/wire/json.js';
import { corpusPath } from '../../support/corpus.js';
import {
  type CorpusUpdate,
  corpusFiles,
  corpusUpdates,
  updateAttributes,
} from '../../support/update-attributes.js';

/** Codes owned by other codecs (MP_REACH_NLRI, MP_UNREACH_NLRI, BGP-LS). */
const NOT_HERE = new Set([14, 15, 29]);

function contextFor(file: string) {
  // Only conf-no-asn4 runs its session without the 4-octet AS capability.
  return makeContext({ asn4: !file.includes('no-asn4') });
}

function decodeAll(u: CorpusUpdate): Array<{ attribute: Attribute; whole: Buffer }> {
  const ctx = contextFor(u.file);
  return updateAttributes(u.message)
    .filter((a) => !NOT_HERE.has(a.code))
    .map((a) => ({
      attribute: decodeAttributeValue(a.code, a.flags, Reader.of(a.value), ctx),
      whole: a.whole,
    }));
}

function reencode(a: Attribute, file: string): Buffer {
  const w = new Writer();
  encodeAttribute(w, a, contextFor(file));
  return w.toBuffer();
}

function attributeObject(list: readonly Attribute[]): JsonObject {
  const out: JsonObject = {};
  for (const a of list) attributeJson(a, out, DEFAULT_JSON_OPTIONS);
  return JSON.parse(stringifyJson(out)) as JsonObject;
}

/** ExaBGP 6.0 (the api corpus) adds "next-hop" and an ext-community "transitive" flag; 5.0 has neither. */
function as50(attribute: Record<string, unknown>): Record<string, unknown> {
  const { 'next-hop': _nh, ...rest } = attribute;
  const ec = rest['extended-community'];
  if (Array.isArray(ec)) {
    rest['extended-community'] = ec.map((e: Record<string, unknown>) => {
      const { transitive: _t, ...keep } = e;
      return keep;
    });
  }
  return rest;
}

function loadAll(): CorpusUpdate[] {
  const all: CorpusUpdate[] = [];
  const encoding = corpusPath('exabgp', '5.0.13', 'encoding');
  if (encoding) for (const f of corpusFiles(encoding, '.msg')) all.push(...corpusUpdates(encoding, f));
  const api = corpusPath('exabgp', 'main', 'api');
  if (api) for (const f of corpusFiles(api, '.ci')) all.push(...corpusUpdates(api, f));
  return all;
}

describe('attributes in the ExaBGP corpus', () => {
  const updates = loadAll();

  it('decode and re-encode byte for byte', () => {
    let checked = 0;
    for (const u of updates) {
      for (const { attribute, whole } of decodeAll(u)) {
        if (attribute.kind === 'unknown') continue;
        const again = reencode(attribute, u.file);
        assert.equal(again.toString('hex'), whole.toString('hex'), `${u.file}:${u.line} ${attribute.kind}`);
        checked++;
      }
    }
    if (updates.length > 0) assert.ok(checked > 1500, `only ${checked} attributes checked`);
  });

  it('print the JSON ExaBGP printed', () => {
    let compared = 0;
    for (const u of updates) {
      const expected = (
        u.json as { neighbor?: { message?: { update?: { attribute?: Record<string, unknown> } } } }
      )?.neighbor?.message?.update?.attribute;
      if (!expected) continue;
      const ours = attributeObject(decodeAll(u).map((d) => d.attribute));
      assert.deepEqual(ours, as50(expected), `${u.file}:${u.line}`);
      compared++;
    }
    if (updates.length > 0) assert.ok(compared > 100, `only ${compared} JSON lines compared`);
  });

  it('covers every attribute code the corpus uses', () => {
    const seen = new Set<number>();
    for (const u of updates) for (const a of updateAttributes(u.message)) seen.add(a.code);
    for (const code of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 16, 25, 32, 40]) {
      if (updates.length > 0) assert.ok(seen.has(code) && attributeCodec(code), `code ${code}`);
    }
  });
});

describe('the 5.0.13 decoding vectors (ExaBGP 5.0 JSON, exact)', () => {
  const dir = corpusPath('exabgp', '5.0.13', 'decoding');
  for (const name of [
    'ipv4-unicast-1',
    'ipv4-unicast-2',
    'bgp-flow-1',
    'bgp-flow-2',
    'bgp-flow-3',
    'bgp-flow-4',
  ]) {
    it(name, { skip: dir === undefined }, () => {
      const [, hex, json] = readFileSync(join(dir!, name), 'utf8').split('\n');
      const u: CorpusUpdate = {
        file: name,
        line: 2,
        message: Buffer.from(hex!.replace(/[:\s]/g, ''), 'hex'),
      };
      const expected = JSON.parse(json!).neighbor.message.update.attribute;
      assert.deepEqual(attributeObject(decodeAll(u).map((d) => d.attribute)), expected);
      for (const { attribute, whole } of decodeAll(u)) assert.deepEqual(reencode(attribute, name), whole);
    });
  }
});
