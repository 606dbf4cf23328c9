/**
 * The API helper every API sender runs (bgpknife and ExaBGP alike), as
 * `node helper.js MODE N V6 SETS MARKFILE`. It waits for the neighbor's "up" event, writes the
 * time to MARKFILE (the start of the measurement), then writes the N routes as commands as fast
 * as the pipe takes them (pausing on back-pressure only) and counts the `done` acks.
 * MODE `lines`: one `announce route` per line; `grouped`: `announce attributes ... nlri ...`
 * with GROUP_PREFIXES prefixes per line. It never exits on its own (a helper that exits is
 * respawned); the benchmark ends its parent.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { attributeWords, nextHop, prefix, type RouteSet, setOf } from './routes.js';

/** Prefixes per `announce attributes ... nlri` line (well under the 64 KiB line limit). */
const GROUP_PREFIXES = 500;
/** Bytes handed to the pipe per write. */
const CHUNK_BYTES = 256 * 1024;

function* perLine(r: RouteSet): Generator<string> {
  const nh = nextHop(r.v6);
  for (let i = 0; i < r.n; i++) {
    yield `announce route ${prefix(i, r.v6)} next-hop ${nh} ${attributeWords(setOf(i, r), r)}\n`;
  }
}

function* grouped(r: RouteSet): Generator<string> {
  const nh = nextHop(r.v6);
  for (let set = 0; set < r.sets; set++) {
    let batch: string[] = [];
    for (let i = set; i < r.n; i += r.sets) {
      batch.push(prefix(i, r.v6));
      if (batch.length === GROUP_PREFIXES) {
        yield `announce attributes next-hop ${nh} ${attributeWords(set, r)} nlri ${batch.join(' ')}\n`;
        batch = [];
      }
    }
    if (batch.length > 0)
      yield `announce attributes next-hop ${nh} ${attributeWords(set, r)} nlri ${batch.join(' ')}\n`;
  }
}

async function writeAll(lines: Iterable<string>): Promise<number> {
  let chunk = '';
  let count = 0;
  for (const line of lines) {
    chunk += line;
    count++;
    if (chunk.length >= CHUNK_BYTES) {
      if (!process.stdout.write(chunk)) await new Promise((r) => process.stdout.once('drain', r));
      chunk = '';
    }
  }
  if (chunk) process.stdout.write(chunk);
  return count;
}

function main(): void {
  const [mode = 'lines', n = '0', v6 = '0', sets = '1', mark = '/dev/null'] = process.argv.slice(2);
  const r: RouteSet = { n: Number(n), v6: v6 === '1', sets: Number(sets) };
  let started = false;
  let acks = 0;
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text: string) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line === 'done') acks++;
      else if (!started && /"state"\s*:\s*"up"/.test(line)) {
        started = true;
        writeFileSync(mark, String(Date.now()));
        void writeAll(mode === 'grouped' ? grouped(r) : perLine(r)).then((count) =>
          appendFileSync(mark, ` ${count} ${Date.now()}`),
        );
      }
    }
  });
  process.stdin.on('end', () => appendFileSync(mark, ` acks ${acks}`));
}

main();
