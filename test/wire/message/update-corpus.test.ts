/**
 * Every raw UPDATE in ExaBGP's corpus (5.0.13 encoding/*.msg, main api/*.ci) decodes with no
 * error and re-encodes to the same bytes; where main/api gives ExaBGP's JSON, the announce and
 * withdraw parts match ours for the families bgpknife decodes.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringifyJson } from '../../../src/wire/json.js';
import { decodeUpdate, encodeUpdate } from '../../../src/wire/message/update.js';
import { updateMessageJson } from '../../../src/wire/message/update-json.js';
import { parseFamily } from '../../../src/wire/nlri/family.js';
import { nlriCodec } from '../../../src/wire/nlri/registry.js';
import { type CorpusUpdate, corpusUpdates } from './corpus-updates.js';

type Json = Record<string, unknown>;

/** ExaBGP 6.0 adds the raw stack entry to labels ([label, raw]); 5.0 gives [label]. */
function to50(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(to50);
  if (value && typeof value === 'object') {
    const out: Json = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = k === 'label' && Array.isArray(v) ? v.map((l: number[]) => [l[0]]) : to50(v);
    }
    return out;
  }
  return value;
}

/** The announce/withdraw parts (or the eor), and whether every family in them has a codec. */
function routes(message: Json): { parts: unknown; known: boolean } {
  if (message.eor) return { parts: message.eor, known: true };
  const u = (message.update ?? {}) as Json;
  const families = [...Object.keys((u.announce as Json) ?? {}), ...Object.keys((u.withdraw as Json) ?? {})];
  const known = families.every((f) => {
    const fam = parseFamily(f);
    return fam !== undefined && nlriCodec(fam.afi * 256 + fam.safi) !== undefined;
  });
  return { parts: to50({ announce: u.announce, withdraw: u.withdraw }), known };
}

describe('UPDATE: the ExaBGP corpus', () => {
  const all: CorpusUpdate[] = corpusUpdates();

  it('decodes every raw UPDATE with no error and re-encodes it byte for byte', () => {
    let count = 0;
    for (const c of all) {
      const u = decodeUpdate(c.raw.subarray(19), c.ctx);
      assert.deepEqual(u.errors, [], c.where);
      assert.equal(encodeUpdate(u, c.ctx).toString('hex'), c.raw.toString('hex'), c.where);
      count++;
    }
    if (all.length > 0) assert.ok(count >= 500, `only ${count} UPDATEs found`);
    process.stdout.write(`# corpus UPDATEs round-tripped: ${count}\n`);
  });

  it("gives ExaBGP's announce/withdraw JSON for the families it decodes", () => {
    let compared = 0;
    for (const c of all) {
      if (!c.json) continue;
      const want = routes(JSON.parse(c.json).neighbor.message as Json);
      if (!want.known) continue;
      const u = decodeUpdate(c.raw.subarray(19), c.ctx);
      const mine = routes(JSON.parse(stringifyJson(updateMessageJson(u))) as Json);
      assert.deepEqual(mine.parts, want.parts, c.where);
      compared++;
    }
    if (all.length > 0) assert.ok(compared >= 90, `only ${compared} JSON lines compared`);
    process.stdout.write(`# corpus JSON announce/withdraw compared: ${compared}\n`);
  });
});
