/**
 * Memory guard for the million-route configuration (issues #3 and #6): bytes each kept route
 * costs, JavaScript heap plus ArrayBuffer memory (the compact route list and the Adj-RIB-Out
 * keep routes in typed arrays, outside the heap), measured over ROUTES routes after full
 * garbage collections. Nothing is timed; the bounds have margin over what the design costs
 * today (a third or more), so they catch a design regression (a syntax tree, a span or a Route
 * object kept per route, a per-route wrapper) without flaking.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInterner } from '../../src/command/lower/attributes.js';
import { lowerConfig } from '../../src/config/lower/index.js';
import { routeStream } from '../../src/config/lower/stream.js';
import { parseConfig } from '../../src/config/parser.js';
import { PIECE_BYTES as PIECE } from '../../src/daemon/file-pieces.js';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import { heapBytesAfterGc } from '../support/memory.js';

const ROUTES = 100_000;

const bytesUsed = heapBytesAfterGc;

/**
 * One neighbor with ROUTES static routes of five attributes each (the benchmark's shape): IPv4
 * /32s, or IPv6 /128s (`v6`).
 */
function configText(v6 = false): string {
  const lines = ['neighbor 127.0.0.1 {', '  router-id 10.0.0.2;', '  local-as 65000;', '  peer-as 65001;'];
  lines.push('  static {');
  for (let i = 0; i < ROUTES; i++) {
    const prefix = v6
      ? `2001:db8::${(i >>> 16).toString(16)}:${(i & 0xffff).toString(16)}/128 next-hop 2001:db8:ffff::1`
      : `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}/32 next-hop 192.0.2.1`;
    lines.push(
      `    route ${prefix} origin igp local-preference 100 med ${i % 100} community [65000:${i % 16}];`,
    );
  }
  lines.push('  }', '}', '');
  return lines.join('\n');
}

/** Bytes per route held by what `make` returns (the text it parses is garbage by then). */
function bytesPerRoute(make: () => unknown): { bytes: number; kept: unknown } {
  const before = bytesUsed();
  const kept = make();
  return { bytes: (bytesUsed() - before) / ROUTES, kept };
}

describe('memory per configured route', () => {
  it('validating with a route stream keeps nothing per route', (t) => {
    const { bytes, kept } = bytesPerRoute(() =>
      parseConfig(configText(), 'm.conf', { routes: routeStream() }),
    );
    assert.ok(kept);
    t.diagnostic(`${bytes.toFixed(1)} bytes per route`);
    assert.ok(bytes < 8, `${bytes.toFixed(1)} bytes per route`);
  });

  it('loading keeps the routes in a compact list, and an Adj-RIB-Out adds its index', (t) => {
    const interner = createInterner();
    const { bytes, kept } = bytesPerRoute(() => {
      const parsed = parseConfig(configText(), 'm.conf', { routes: routeStream(interner) });
      return lowerConfig(parsed.config, interner).config;
    });
    const config = kept as ReturnType<typeof lowerConfig>['config'];
    assert.equal(config.neighbors[0]!.routes.length, ROUTES);
    t.diagnostic(`${bytes.toFixed(1)} bytes per lowered route`);
    // 12 bytes a route in the list's typed arrays, and about 1 MB of heap that does not grow
    // with the routes (~10 bytes a route at this size); a Route object per route costs ~150.
    assert.ok(bytes < 30, `${bytes.toFixed(1)} bytes per lowered route`);
    const rib = bytesPerRoute(() => {
      const out = new AdjRibOut();
      for (const r of config.neighbors[0]!.routes) out.announce(r);
      return out;
    });
    assert.equal((rib.kept as AdjRibOut).size, ROUTES);
    t.diagnostic(`${rib.bytes.toFixed(1)} bytes per route in the Adj-RIB-Out`);
    assert.ok(rib.bytes < 90, `${rib.bytes.toFixed(1)} bytes per route in the Adj-RIB-Out`);
  });

  it('loading keeps IPv6 routes in the compact list too', (t) => {
    const interner = createInterner();
    const { bytes, kept } = bytesPerRoute(() => {
      // In pieces, as the daemon reads a file: the interned attribute values keep the
      // next hop's text, a slice of the text it was read from (a piece, not the whole file).
      const file = Buffer.from(configText(true), 'latin1');
      const piece = (at: number) => file.toString('latin1', at, at + PIECE);
      let at = 0;
      const more = () => {
        at += PIECE;
        return at < file.length ? piece(at) : undefined;
      };
      const parsed = parseConfig(piece(0), 'm.conf', { routes: routeStream(interner), more });
      return lowerConfig(parsed.config, interner).config;
    });
    const config = kept as ReturnType<typeof lowerConfig>['config'];
    assert.equal(config.neighbors[0]!.routes.length, ROUTES);
    assert.deepEqual(config.neighbors[0]!.routes.at(70_000)!.nlri, {
      kind: 'inet',
      family: 0x201,
      ip: '2001:db8::1:1170',
      length: 128,
    });
    t.diagnostic(`${bytes.toFixed(1)} bytes per lowered IPv6 route`);
    // 29 bytes a route in the list's typed arrays (16 octets, a length, a key slot, an
    // attribute set id) and the heap that does not grow with the routes; ~300 as objects.
    assert.ok(bytes < 50, `${bytes.toFixed(1)} bytes per lowered IPv6 route`);
  });

  it('a syntax tree (for printing) stays within its bound', (t) => {
    const { bytes, kept } = bytesPerRoute(() => parseConfig(configText(), 'm.conf'));
    assert.ok(kept);
    t.diagnostic(`${bytes.toFixed(1)} bytes per route in the tree`);
    assert.ok(bytes < 400, `${bytes.toFixed(1)} bytes per route in the tree`);
  });
});
