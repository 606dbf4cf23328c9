/**
 * Every EVPN, MUP and MCAST-VPN NLRI in ExaBGP's corpus (5.0.13 encoding .msg files and main
 * API .ci files) decodes and re-encodes byte for byte, through the NLRI registry.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_JSON_OPTIONS, stringifyJson } from '../../../src/wire/json.js';
import { familyKey } from '../../../src/wire/nlri/family.js';
import { nlriCodec } from '../../../src/wire/nlri/registry.js';
import { corpusPath } from '../../support/corpus.js';
import { mpNlriFields, type RawLine, rawLines } from '../../support/mp-nlri.js';
import { decodeField, encodeOne } from '../../support/nlri-field.js';

const FAMILIES = new Set([
  familyKey(25, 70),
  familyKey(1, 85),
  familyKey(2, 85),
  familyKey(1, 5),
  familyKey(2, 5),
]);

function corpusLines(): RawLine[] | undefined {
  const encoding = corpusPath('exabgp', '5.0.13', 'encoding');
  const api = corpusPath('exabgp', 'main', 'api');
  if (!encoding || !api) return undefined;
  return [...rawLines(encoding, ['.msg']), ...rawLines(api, ['.ci'])];
}

describe('typed NLRI families: ExaBGP corpus round trip', () => {
  it('decodes and re-encodes every EVPN/MUP/MVPN NLRI byte for byte', (t) => {
    const lines = corpusLines();
    if (!lines) return t.skip('corpus missing');
    const seen = new Map<string, number>();
    for (const line of lines) {
      for (const field of mpNlriFields(line.message)) {
        const family = familyKey(field.afi, field.safi);
        if (!FAMILIES.has(family) || field.nlri.length === 0) continue;
        const codec = nlriCodec(family);
        assert.ok(codec, `codec for ${field.afi}/${field.safi}`);
        const where = `${line.file}:${line.line}`;
        const decoded = decodeField(codec, field, field.nlri);
        for (const d of decoded) {
          assert.deepEqual(encodeOne(codec, d.value), d.bytes, where);
          assert.notEqual(d.value.route, 'unknown', `${where}: parsed`);
          const j = codec.json(d.value, DEFAULT_JSON_OPTIONS);
          assert.deepEqual(JSON.parse(stringifyJson(j)), j);
          assert.equal(typeof codec.text(d.value), 'string');
          seen.set(codec.kind, (seen.get(codec.kind) ?? 0) + 1);
        }
      }
    }
    // The corpus has MUP (conf-srv6-mup*) and MVPN (conf-mvpn, api-mvpn) routes; EVPN is
    // covered by the decoding vector bgp-evpn-1 in evpn.test.ts.
    assert.ok((seen.get('mup') ?? 0) >= 12, `MUP routes seen: ${seen.get('mup')}`);
    assert.ok((seen.get('mvpn') ?? 0) >= 18, `MVPN routes seen: ${seen.get('mvpn')}`);
  });
});
