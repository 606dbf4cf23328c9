/**
 * Every `cmd:` line of ExaBGP's API tests (main/api/*.ci) parses, and the routes it gives are
 * exactly the NLRI of the raw UPDATE(s) ExaBGP sent for it, with the attributes it states.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseCommand } from '../../src/command/parse/index.js';
import type { Command } from '../../src/command/types.js';
import type { Route } from '../../src/rib/route.js';
import { isEndOfRib, type Update } from '../../src/wire/message/update.js';
import type { FamilyKey } from '../../src/wire/nlri/family.js';
import { corpusPath } from '../support/corpus.js';
import { announced, compareAnnounced, decodeRaw, missingAttributes, nlriText, withdrawn } from './support.js';

interface Case {
  readonly file: string;
  readonly cmd: string;
  readonly raws: string[];
}

function cases(dir: string): Case[] {
  const out: Case[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ci'))
    .sort()) {
    let current: Case | undefined;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const m = /^[A-Z]?\d+:(cmd|raw):(.*)$/.exec(line);
      if (!m) continue;
      if (m[1] === 'cmd') {
        current = { file, cmd: m[2]!, raws: [] };
        out.push(current);
      } else current?.raws.push(m[2]!);
    }
  }
  return out;
}

function routesOf(c: Command): { action: string; routes: Route[] }[] {
  if (c.kind === 'routes') return [{ action: c.action, routes: [...c.routes] }];
  if (c.kind === 'group') return c.commands.flatMap(routesOf);
  return [];
}

function check(c: Case, command: Command): string[] {
  const lists = routesOf(command);
  const addPath = new Set<FamilyKey>();
  for (const l of lists)
    for (const r of l.routes) if (r.nlri.pathId !== undefined) addPath.add(r.nlri.family);
  const updates = c.raws.map((h) => decodeRaw(h, addPath)).filter((u): u is Update => u !== undefined);
  if (command.kind === 'eor') {
    const families = updates.map(isEndOfRib);
    return command.family === undefined || families.includes(command.family)
      ? []
      : [`no End-of-RIB ${command.family}`];
  }
  if (command.kind === 'attributes') {
    const sent = updates[0]?.attributes ?? [];
    const miss = missingAttributes(command.attributes, sent);
    return miss ? [miss] : [];
  }
  const announce = lists.filter((l) => l.action === 'announce').flatMap((l) => l.routes);
  const withdraw = lists.filter((l) => l.action === 'withdraw').flatMap((l) => l.routes);
  const problems = compareAnnounced(announce, updates.flatMap(announced));
  const gone = new Set(updates.flatMap(withdrawn).map(nlriText));
  const ours = new Set(withdraw.map((r) => nlriText(r.nlri)));
  for (const t of ours) if (!gone.has(t)) problems.push(`not withdrawn: ${t}`);
  for (const t of gone) if (!ours.has(t)) problems.push(`withdrawn but not in the command: ${t}`);
  return problems;
}

test('every cmd: line of main/api parses, and its routes are what ExaBGP sent', (t) => {
  const dir = corpusPath('exabgp', 'main', 'api');
  if (!dir) return t.skip('corpus missing');
  const all = cases(dir);
  const failures: string[] = [];
  let checked = 0;
  for (const c of all) {
    const r = parseCommand(c.cmd);
    if ('error' in r) {
      failures.push(`${c.file}: ${c.cmd}: ${r.error}`);
      continue;
    }
    if (c.raws.length === 0) continue;
    const problems = check(c, r.command);
    checked++;
    if (problems.length > 0) failures.push(`${c.file}: ${c.cmd}\n  ${problems.join('\n  ')}`);
  }
  t.diagnostic(`${all.length} commands parsed, ${checked} compared with their raw UPDATEs`);
  assert.equal(all.length, 201);
  assert.deepEqual(failures, []);
});
