/**
 * `npm run bench -- SCENARIO [N]`: runs one benchmark scenario and prints its table.
 * Scenarios are added here as they are written.
 */
import { runCodec } from './codec.js';
import { runConfig } from './config.js';
import { runReceive } from './load/receive.js';
import { runLoad } from './load/scenario.js';
import { runSessions } from './load/sessions.js';

const SCENARIOS: Readonly<Record<string, (n: number) => Promise<void> | void>> = {
  codec: (n) => {
    runCodec(n);
  },
  config: (n) => runConfig(n),
  load: (n) => runLoad(n, false, 1, process.env.BENCH_ONLY),
  'load-v6': (n) => runLoad(n, true, 1, process.env.BENCH_ONLY),
  'load-attrs': (n) => runLoad(n, false, 1000, process.env.BENCH_ONLY),
  receive: (n) => runReceive(n),
  sessions: (n) => runSessions(n),
};

const [name = '', count] = process.argv.slice(2);
const scenario = SCENARIOS[name];
if (!scenario) {
  process.stderr.write(
    `usage: npm run bench -- SCENARIO [N]\nscenarios: ${Object.keys(SCENARIOS).join(', ')}\n`,
  );
  process.exit(2);
}
await scenario(count ? Number(count) : 1_000_000);
