/**
 * The packer against ExaBGP's encoding corpus, byte for byte: for each static-configuration
 * test (5.0.13/encoding/conf-*.msg), the expected UPDATEs are decoded into Routes, fed to an
 * Adj-RIB-Out in corpus order, packed with the neighbor of corpus-neighbors.ts, followed by the
 * End-of-RIB markers; the result must match the expected messages group by group (same seq =
 * any order; messages after the last group are not compared, as ExaBGP's test peer does).
 *
 * What only the configuration knows is restated here: which routes use `next-hop self`
 * (conf-ipself*), and the watchdog script of conf-watchdog (route 77.77.77.77 starts withdrawn
 * under watchdog "dnsr", then the helper announces and withdraws it three times).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import { endOfRibMessages, type PackContext, pack } from '../../src/rib/pack.js';
import type { Route } from '../../src/rib/route.js';
import { makeContext } from '../../src/wire/context.js';
import { decodeUpdate } from '../../src/wire/message/update.js';
import { cleanHex, corpusPath } from '../support/corpus.js';
import { type CorpusNeighbor, NEIGHBORS } from './corpus-neighbors.js';
import { updateRoutes } from './update-routes.js';

interface Group {
  readonly seq: string;
  readonly messages: Buffer[];
}

const RAW = /^([A-Z]?\d+):raw:(.*)$/;

function readGroups(file: string): Group[] {
  const groups: Group[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.includes('#')) continue;
    const m = RAW.exec(line.trim());
    if (!m) continue;
    const raw = Buffer.from(cleanHex(m[2]!), 'hex');
    const last = groups[groups.length - 1];
    if (last && last.seq === m[1]) last.messages.push(raw);
    else groups.push({ seq: m[1]!, messages: [raw] });
  }
  return groups;
}

function contextOf(n: CorpusNeighbor): PackContext {
  return {
    localAs: n.localAs,
    peerAs: n.peerAs,
    localAddress: n.localAddress,
    routerId: n.routerId,
    groupUpdates: n.groupUpdates,
    families: n.families,
    codec: makeContext({ addPath: new Set(n.addPath ?? []), asn4: n.asn4 ?? true, extendedMessage: false }),
  };
}

/**
 * The announced routes of the expected UPDATEs, in order. The same NLRI may come twice with
 * different attributes (two configuration routes with one NLRI): ExaBGP sends both.
 */
function expectedRoutes(groups: readonly Group[], ctx: PackContext, selfNextHop: boolean): Route[] {
  const out: Route[] = [];
  for (const g of groups) {
    for (const raw of g.messages) {
      const u = decodeUpdate(raw.subarray(19), ctx.codec);
      const found = updateRoutes(u, ctx);
      assert.ok(found.representable, 'a next hop the Route value cannot hold');
      for (const r of found.announced) out.push(selfNextHop ? { ...r, nextHop: { kind: 'self' } } : r);
    }
  }
  return out;
}

function produceStatic(routes: readonly Route[], ctx: PackContext): Buffer[] {
  const rib = new AdjRibOut();
  for (const r of routes) rib.announce(r);
  return [...pack(rib.flush(), ctx), ...endOfRibMessages(ctx)];
}

function produceWatchdog(routes: readonly Route[], ctx: PackContext): Buffer[] {
  const rib = new AdjRibOut();
  for (const r of routes) {
    const dnsr = r.nlri.kind === 'inet' && r.nlri.ip === '77.77.77.77';
    rib.announce(dnsr ? { ...r, watchdog: 'dnsr', startWithdrawn: true } : r);
  }
  const out = [...pack(rib.flush(), ctx), ...endOfRibMessages(ctx)];
  for (let i = 0; i < 3; i++) {
    rib.announceWatchdog('dnsr');
    out.push(...pack(rib.flush(), ctx));
    rib.withdrawWatchdog('dnsr');
    out.push(...pack(rib.flush(), ctx));
  }
  return out;
}

/** Compare group by group; returns a description of the first mismatch. */
function mismatch(produced: readonly Buffer[], groups: readonly Group[]): string | undefined {
  let at = 0;
  for (const g of groups) {
    const mine = produced
      .slice(at, at + g.messages.length)
      .map((b) => b.toString('hex'))
      .sort();
    const want = g.messages.map((b) => b.toString('hex')).sort();
    at += g.messages.length;
    if (mine.join() !== want.join()) {
      const missing = want.filter((w) => !mine.includes(w));
      const extra = mine.filter((m) => !want.includes(m));
      return `seq ${g.seq}:\n  expected ${missing.join('\n           ')}\n  produced ${extra.join('\n           ')}`;
    }
  }
  return undefined;
}

describe('pack: the ExaBGP 5.0.13 encoding corpus, byte for byte', () => {
  const dir = corpusPath('exabgp', '5.0.13', 'encoding');
  if (!dir) return;
  const tests = readdirSync(dir)
    .filter((f) => f.startsWith('conf-') && f.endsWith('.msg'))
    .map((f) => f.slice(0, -4))
    .sort();
  let passed = 0;
  for (const name of tests) {
    const groups = readGroups(join(dir, `${name}.msg`));
    const onlyUpdates = groups.every((g) => g.messages.every((m) => m[18] === 2));
    const neighbor = NEIGHBORS[name];
    it(name, { skip: !onlyUpdates ? 'expects an OPEN (not the packer)' : !neighbor && 'no neighbor' }, () => {
      const ctx = contextOf(neighbor!);
      const routes = expectedRoutes(groups, ctx, name.startsWith('conf-ipself'));
      const produced = name === 'conf-watchdog' ? produceWatchdog(routes, ctx) : produceStatic(routes, ctx);
      const diff = mismatch(produced, groups);
      assert.equal(diff, undefined, diff);
      passed++;
    });
  }
  it('passes every static-configuration test whose messages are UPDATEs', () => {
    process.stdout.write(`# pack corpus tests passed: ${passed}\n`);
    assert.ok(passed >= 32, `only ${passed} passed`);
  });
});
