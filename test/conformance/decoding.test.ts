/**
 * ExaBGP's decoding vectors (5.0.13/decoding): each file gives the kind (and family), a hex
 * message, and the JSON `exabgp decode` prints. bgpknife's decode must print JSON that parses
 * equal, after dropping the per-run fields (exabgp, time, host, pid, ppid, counter).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { decodeToJson, parseArgs } from '../../src/cli/decode.js';
import { stringifyJson } from '../../src/wire/json.js';
import { corpusPath } from '../support/corpus.js';

const PER_RUN = ['exabgp', 'time', 'host', 'pid', 'ppid', 'counter'];

function normalise(doc: unknown): unknown {
  const o = JSON.parse(typeof doc === 'string' ? doc : stringifyJson(doc as never)) as Record<
    string,
    unknown
  >;
  for (const k of PER_RUN) delete o[k];
  return o;
}

/** The decode arguments for a vector's first line: "update ipv4 unicast", "open", "nlri bgp-ls bgp-ls". */
export function argsFor(kindLine: string, hex: string): string[] {
  const [kind, afi, safi] = kindLine.trim().split(/\s+/);
  const args = [`--${kind}`];
  if (afi && safi) args.push('--family', `${afi} ${safi}`);
  return [...args, hex];
}

describe('conformance: ExaBGP 5.0.13 decoding vectors', () => {
  const dir = corpusPath('exabgp', '5.0.13', 'decoding');
  const files = dir ? readdirSync(dir).sort() : [];
  let passed = 0;
  for (const name of files) {
    it(name, () => {
      const [kindLine = '', hex = '', expected = ''] = readFileSync(join(dir!, name), 'utf8').split('\n');
      const docs = decodeToJson(parseArgs(argsFor(kindLine, hex)));
      assert.equal(docs.length, 1, 'one JSON document');
      assert.deepEqual(normalise(docs[0]), normalise(expected));
      passed++;
    });
  }
  it('reports the pass count', () => {
    process.stdout.write(`# decoding vectors: ${passed}/${files.length} passed\n`);
    if (dir) assert.ok(files.length >= 18, `expected the 18 vectors, found ${files.length}`);
  });
});
