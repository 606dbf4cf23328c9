/**
 * `npm run bench -- SCENARIO [N]`: runs one benchmark scenario and prints its table.
 * Scenarios are added here as they are written.
 */
import { runCodec } from './codec.js';
import { runConfig } from './config.js';

const SCENARIOS: Readonly<Record<string, (n: number) => Promise<void> | void>> = {
  codec: (n) => {
    runCodec(n);
  },
  config: (n) => runConfig(n),
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
