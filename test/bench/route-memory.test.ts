/**
 * Regression guard for memory per stored route (bench/load, BENCHMARKS.md): 200,000 routes
 * parsed from `announce route` lines and held in an Adj-RIB-Out must cost at most
 * BYTES_PER_ROUTE each: JavaScript heap plus ArrayBuffer memory (the RIB keeps plain routes in
 * typed arrays, outside the heap), measured after a full garbage collection.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createInterner } from '../../src/command/lower/attributes.js';
import { parseCommand } from '../../src/command/parse/index.js';
import { AdjRibOut } from '../../src/rib/adj-rib-out.js';
import { heapBytesAfterGc } from '../support/memory.js';

const ROUTES = 200_000;
/**
 * The bound, with headroom over the measured figure (BENCHMARKS.md): 53 today, desired and
 * pending (typed arrays grow by doubling: up to ~1.5x that). Route objects kept per route
 * (~150 bytes each) would break it.
 */
const BYTES_PER_ROUTE = 120;

const heap = heapBytesAfterGc;

describe('route memory', () => {
  it(`holds ${ROUTES} API routes in at most ${BYTES_PER_ROUTE} bytes each`, (t) => {
    const interner = createInterner();
    const rib = new AdjRibOut();
    const before = heap();
    for (let i = 0; i < ROUTES; i++) {
      const a = 0x0a000000 + i;
      const line = `announce route ${a >>> 24}.${(a >>> 16) & 255}.${(a >>> 8) & 255}.${a & 255}/32 next-hop 192.0.2.1 origin igp`;
      const parsed = parseCommand(line, interner);
      assert.ok('command' in parsed && parsed.command.kind === 'routes');
      for (const r of parsed.command.routes) rib.announce(r);
    }
    const perRoute = (heap() - before) / ROUTES;
    t.diagnostic(`${perRoute.toFixed(0)} bytes of heap and array buffers per route (desired + pending)`);
    assert.equal(rib.size, ROUTES);
    assert.ok(perRoute <= BYTES_PER_ROUTE, `${perRoute.toFixed(0)} bytes per route`);
  });
});
