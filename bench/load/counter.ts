/**
 * The receive-path helper, as `node counter.js N OUTFILE`: counts the prefixes announced in
 * the JSON update events bgpknife writes to it (one `"nlri"` key per prefix) and writes
 * `UP_MS COUNT [DONE_MS]` to OUTFILE every PROGRESS_MS and once it has counted N: UP_MS is
 * when the neighbor's "up" event arrived, DONE_MS when the N-th prefix did.
 */
import { writeFileSync } from 'node:fs';

const PROGRESS_MS = 100;
const KEY = '"nlri"';

function main(): void {
  const [n = '0', out = '/dev/null'] = process.argv.slice(2);
  const target = Number(n);
  let up = 0;
  let count = 0;
  let done = 0;
  let pending = '';
  const report = (): void => writeFileSync(out, `${up} ${count}${done ? ` ${done}` : ''}`);
  setInterval(report, PROGRESS_MS);
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    pending += text;
    const end = pending.lastIndexOf('\n');
    if (end < 0) return;
    const lines = pending.slice(0, end);
    pending = pending.slice(end + 1);
    if (!up && /"state"\s*:\s*"up"/.test(lines)) up = Date.now();
    for (let at = lines.indexOf(KEY); at >= 0; at = lines.indexOf(KEY, at + KEY.length)) count++;
    if (!done && count >= target) {
      done = Date.now();
      report();
    }
  });
}

main();
