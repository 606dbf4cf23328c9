/**
 * Lowering over the corpus: every example configuration lowers without error, and for the
 * 5.0.13 encoding tests, the routes lowered from the configuration are exactly the NLRI that
 * ExaBGP's UPDATEs announce (.msg), with the attributes the configuration states.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lowerConfig } from '../../src/config/lower/index.js';
import type { LoweredConfig } from '../../src/config/lower/model.js';
import { parseConfig } from '../../src/config/parser.js';
import type { FamilyKey } from '../../src/wire/nlri/family.js';
import { announced, compareAnnounced, decodeRaw } from '../command/support.js';
import { corpusConfFiles, corpusPath } from '../support/corpus.js';

const LOCAL_PREF = 5;

function lowerFile(path: string): { config: LoweredConfig; errors: string[] } {
  const parsed = parseConfig(readFileSync(path, 'utf8'), path);
  const lowered = lowerConfig(parsed.config);
  const errors = [...parsed.diagnostics, ...lowered.diagnostics]
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.span.file}:${d.span.line}: ${d.message}`);
  return { config: lowered.config, errors };
}

test('every corpus and seed .conf lowers with no error', (t) => {
  const files = corpusConfFiles();
  if (!files) return t.skip('corpus missing');
  let count = 0;
  const errors: string[] = [];
  for (const path of files) {
    errors.push(...lowerFile(path).errors);
    count++;
  }
  t.diagnostic(`${count} configurations lowered`);
  assert.ok(count > 150);
  assert.deepEqual(errors, []);
});

test('5.0.13 conf-*: the lowered routes are what the .msg UPDATEs announce', (t) => {
  const dir = corpusPath('exabgp', '5.0.13', 'encoding');
  const confDir = corpusPath('exabgp', '5.0.13', 'conf');
  if (!dir || !confDir) return t.skip('corpus missing');
  const failures: string[] = [];
  let compared = 0;
  for (const ci of readdirSync(dir).filter((f) => f.startsWith('conf-') && f.endsWith('.ci'))) {
    const files = readFileSync(join(dir, ci), 'utf8').trim().split(/\s+/);
    if (files.length !== 1) continue;
    const { config, errors } = lowerFile(join(confDir, files[0]!));
    if (errors.length > 0) {
      failures.push(`${ci}: ${errors.join('; ')}`);
      continue;
    }
    const addPath = new Set<FamilyKey>();
    for (const n of config.neighbors)
      for (const a of n.addPath) if (a.direction !== 'receive') addPath.add(a.family);
    const routes = config.neighbors.flatMap((n) =>
      [...n.routes].filter((r) => !r.startWithdrawn && n.families.includes(r.nlri.family)),
    );
    const asn4 = config.neighbors.every((n) => n.capability.asn4);
    // LOCAL_PREF is not sent to an eBGP peer (RFC 4271 §5.1.5).
    const ebgp = config.neighbors.some((n) => n.localAs !== n.peerAs);
    const optional = new Set(ebgp ? [LOCAL_PREF] : []);
    const msg = readFileSync(join(dir, ci.replace(/\.ci$/, '.msg')), 'utf8');
    const sent = msg
      .split('\n')
      .map((l) => /^[A-Z]?\d+:raw:(.*)$/.exec(l)?.[1])
      .filter((h): h is string => h !== undefined)
      .flatMap((h) => {
        const u = decodeRaw(h, addPath, asn4);
        return u ? announced(u) : [];
      });
    // A helper process may announce more routes than the configuration has.
    const helpers = config.processes.length > 0;
    const problems = [...new Set(compareAnnounced(routes, sent, { optional }))].filter(
      (p) => !(helpers && p.startsWith('sent but not lowered')),
    );
    compared++;
    if (problems.length > 0) failures.push(`${ci}:\n  ${problems.slice(0, 6).join('\n  ')}`);
  }
  t.diagnostic(`${compared} encoding tests compared`);
  assert.deepEqual(failures, []);
});
