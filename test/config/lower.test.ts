/**
 * Configuration lowering: the seeds' documented behaviours (later route wins, graceful-restart
 * with and without a time, legacy group / process-in-neighbor / redirect forms) and the
 * resolution of templates, defaults and routes, checked against values written by hand here.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { lowerConfig } from '../../src/config/lower/index.js';
import type { LoweredConfig, NeighborConfig } from '../../src/config/lower/model.js';
import { parseConfig } from '../../src/config/parser.js';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import type { Route } from '../../src/rib/route.js';
import type { Attribute } from '../../src/wire/attribute/types.js';
import { corpusPath } from '../support/corpus.js';

function lower(text: string): LoweredConfig {
  const parsed = parseConfig(text, 't.conf');
  assert.deepEqual(
    parsed.diagnostics.filter((d) => d.severity === 'error'),
    [],
  );
  const r = lowerConfig(parsed.config);
  assert.deepEqual(
    r.diagnostics.map((d) => d.message),
    [],
  );
  return r.config;
}

function seed(name: string): LoweredConfig | undefined {
  const dir = corpusPath('seeds');
  return dir ? lower(readFileSync(join(dir, name), 'utf8')) : undefined;
}

function find(n: NeighborConfig, prefix: string): Route {
  const r = [...n.routes].findLast(
    (x) => x.nlri.kind === 'inet' && `${x.nlri.ip}/${x.nlri.length}` === prefix,
  );
  assert.ok(r, `route ${prefix}`);
  return r;
}

function attr<K extends Attribute['kind']>(r: Route, kind: K): Extract<Attribute, { kind: K }> | undefined {
  return r.attributes.find((a) => a.kind === kind) as Extract<Attribute, { kind: K }> | undefined;
}

test('2009-ipv4.conf: a prefix given twice ends with the later attributes', (t) => {
  const c = seed('2009-ipv4.conf');
  if (!c) return t.skip('corpus missing');
  const n = c.neighbors[0]!;
  const r = find(n, '10.0.5.0/24');
  assert.deepEqual(r.nextHop, { kind: 'ip', ip: '192.0.2.92' });
  assert.deepEqual(attr(r, 'local-preference'), { kind: 'local-preference', value: 10 });
  // 0x87654321 = 34661:17185
  assert.deepEqual(attr(r, 'community'), { kind: 'community', communities: [34661 * 65536 + 17185] });
  // Both lines are kept, in order (ExaBGP sends both); the Adj-RIB-Out keeps the later one.
  const twice = [...n.routes].filter((x) => x.nlri.kind === 'inet' && x.nlri.ip === '10.0.5.0');
  assert.equal(twice.length, 2);
  assert.deepEqual(twice[1], r, 'find() returns the later route');
  const rib = new AdjRibOut();
  for (const route of n.routes) rib.announce(route);
  const held = [...rib.routes()].filter((x) => x.nlri.kind === 'inet' && x.nlri.ip === '10.0.5.0');
  assert.deepEqual(held, [r]);
  // 10.0.1.0 .. 10.0.8.0 in the RIB, each once.
  assert.equal(rib.size, 8);
  // `graceful-restart;` with no hold-time: the default hold time, 180 s.
  assert.equal(n.capability.gracefulRestartSeconds, 180);
});

test('2009-ipv6.conf: graceful-restart 1200 sets the restart time', (t) => {
  const c = seed('2009-ipv6.conf');
  if (!c) return t.skip('corpus missing');
  const n = c.neighbors[0]!;
  assert.equal(n.capability.gracefulRestartSeconds, 1200);
  assert.equal(n.holdTimeSeconds, 180);
  assert.equal(n.localAddress, '2a02:b80::1');
  const v6 = [...n.routes].find((r) => r.nlri.kind === 'inet' && r.nlri.ip.includes(':'));
  assert.ok(v6 && v6.nlri.kind === 'inet');
  // Host bits of 2A02:B80:0:1::1/64 are not sent.
  assert.equal(v6.nlri.ip, '2a02:b80:0:1::');
  assert.deepEqual(v6.nextHop, { kind: 'ip', ip: '2a02:b80:0:2::1' });
});

test('plain graceful-restart uses the configured hold time', () => {
  const c = lower('neighbor 10.0.0.1 { local-as 1; peer-as 2; hold-time 90; graceful-restart; }');
  assert.equal(c.neighbors[0]!.capability.gracefulRestartSeconds, 90);
});

test('2013-ddos-group.conf: a legacy group gives its settings and flow to every neighbor', (t) => {
  const c = seed('2013-ddos-group.conf');
  if (!c) return t.skip('corpus missing');
  assert.deepEqual(
    c.neighbors.map((n) => n.peerAddress),
    ['82.219.0.2', '82.219.0.3'],
  );
  for (const n of c.neighbors) {
    assert.equal(n.localAs, 30740);
    assert.equal(n.routerId, '82.219.0.1');
    assert.equal(n.capability.gracefulRestartSeconds, 5);
    assert.deepEqual(n.families, [257, 389]);
    assert.equal(n.routes.length, 1);
    const flow = n.routes.at(0)!;
    assert.equal(flow.nlri.kind, 'flow');
    const ext = attr(flow, 'extended-community');
    assert.deepEqual(
      ext?.communities.map((e) => e.raw.toString('hex')),
      ['8006000000000000'],
    );
  }
  // The same rule is lowered once and shared, attributes interned.
  assert.equal(c.neighbors[0]!.routes, c.neighbors[1]!.routes);
  assert.equal(c.neighbors[0]!.routes.at(0), c.neighbors[1]!.routes.at(0));
});

test('2013-api.conf: a process inside a neighbor is a process bound to that neighbor', (t) => {
  const c = seed('2013-api.conf');
  if (!c) return t.skip('corpus missing');
  assert.deepEqual(c.processes, [
    { name: 'announce-routes', run: ['./api-add-remove.run'], encoder: 'text', respawn: true },
  ]);
  assert.deepEqual(c.neighbors[0]!.api[0]!.processes, ['announce-routes']);
});

test('2009-flowspec-alt14.conf: legacy redirect 1.2.3.4:5678 is the IPv4 redirect (0x8108)', (t) => {
  const c = seed('2009-flowspec-alt14.conf');
  if (!c) return t.skip('corpus missing');
  const ext = attr(c.neighbors[0]!.routes.at(0)!, 'extended-community');
  // 0x81 0x08, 1.2.3.4, 5678 = 0x162e
  assert.ok(ext?.communities.some((e) => e.raw.toString('hex') === '810801020304162e'));
});

test('2009-flowspec-alt13.conf: redirect ASN:NN is 0x8008', (t) => {
  const c = seed('2009-flowspec-alt13.conf');
  if (!c) return t.skip('corpus missing');
  const ext = attr(c.neighbors[0]!.routes.at(0)!, 'extended-community');
  // 65500 = 0xffdc, 12345 = 0x3039
  assert.ok(ext?.communities.some((e) => e.raw.toString('hex') === '8008ffdc00003039'));
});

test('templates, inherit, asdot ASNs and defaults', () => {
  const c = lower(`
    template { neighbor base { local-as 1.10; hold-time 30; family { ipv4 unicast; } static { route 10.0.0.0/8 next-hop self; } } }
    neighbor 192.0.2.1 { inherit base; peer-as 65000; local-address 192.0.2.2; passive; }
  `);
  const n = c.neighbors[0]!;
  assert.equal(n.localAs, 65546);
  assert.equal(n.peerAs, 65000);
  assert.equal(n.holdTimeSeconds, 30);
  assert.equal(n.passive, true);
  assert.equal(n.routerId, '192.0.2.2');
  assert.equal(n.groupUpdates, true);
  assert.equal(n.adjRibOut, true);
  assert.equal(n.manualEor, false);
  assert.deepEqual(n.families, [257]);
  assert.deepEqual(n.routes.at(0)!.nextHop, { kind: 'self' });
});

test('split /N expands a prefix; identical attribute text shares one array', () => {
  const c = lower(`neighbor 192.0.2.1 { local-as 1; peer-as 1; static {
    route 10.0.0.0/22 next-hop 1.2.3.4 med 5 split /24;
    route 10.9.0.0/16 next-hop 1.2.3.4 med 5;
  } }`);
  const routes = c.neighbors[0]!.routes;
  assert.deepEqual(
    [...routes].map((r) => (r.nlri.kind === 'inet' ? `${r.nlri.ip}/${r.nlri.length}` : '')),
    ['10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24', '10.9.0.0/16'],
  );
  assert.equal(routes.at(0)!.attributes, routes.at(4)!.attributes);
});

test('a bad route is a diagnostic at its line, not a throw', () => {
  const parsed = parseConfig(
    'neighbor 192.0.2.1 { local-as 1; peer-as 1; static {\n route 10.0.0.0/8 next-hop 1.2.3.4 extended-community [ bogus:1:2 ];\n } }',
    't.conf',
  );
  const r = lowerConfig(parsed.config);
  assert.equal(r.diagnostics.length, 1);
  assert.equal(r.diagnostics[0]!.span.line, 2);
  assert.match(r.diagnostics[0]!.message, /bogus/);
});
