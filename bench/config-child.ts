/**
 * Child process of the config benchmark (one run per process, so that its peak RSS is its own):
 *   node dist/bench/config-child.js load FILE   parse + validate + lower into Route values
 *   node dist/bench/config-child.js rib FILE    the same, then every route announced into an
 *                                               Adj-RIB-Out per neighbor (what `bgpknife run` holds)
 * Prints one JSON line: seconds in process, routes, heap used after a GC when exposed, peak RSS.
 */
import { performance } from 'node:perf_hooks';
import { loadConfigFile } from '../src/daemon/load.js';
import { AdjRibOut } from '../src/rib/adj-rib-out.js';

const [mode = 'load', file = ''] = process.argv.slice(2);
const start = performance.now();
const loaded = await loadConfigFile(file);
if (!loaded.config) {
  process.stderr.write(`${loaded.messages.join('\n')}\n`);
  process.exit(1);
}
let routes = 0;
const ribs: AdjRibOut[] = [];
for (const n of loaded.config.neighbors) {
  routes += n.routes.length;
  if (mode !== 'rib') continue;
  const rib = new AdjRibOut();
  for (const r of n.routes) rib.announce(r);
  ribs.push(rib);
}
const seconds = (performance.now() - start) / 1000;
(globalThis as { gc?: () => void }).gc?.();
const result = {
  seconds,
  routes,
  held: ribs.reduce((sum, r) => sum + r.size, 0),
  heapUsed: process.memoryUsage().heapUsed,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
