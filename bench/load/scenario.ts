/**
 * `npm run bench -- load|load-v6|load-attrs [N]`: every sender in turn announces N routes to a
 * fresh BIRD receiver on loopback; one table with seconds, routes/s, the sender's peak RSS and
 * CPU seconds, and each row's rate relative to bgpknife's row of the same kind.
 *
 * Time runs from the sender's Established (BIRD's "since" for the protocol, in ms) or, for API
 * senders, from the helper's first command, until BIRD's "Routes: N imported" reaches N, polled
 * every POLL_MS through birdc (so a figure is late by at most about POLL_MS). Every row is
 * bounded by ROW_TIMEOUT_MS; a row that does not finish prints what arrived by then.
 */
import { readFileSync } from 'node:fs';
import { freePort, loopbackAddress, removeWorkDir, sleep } from '../../test/support/peers/common.js';
import { protocolState, startReceiver } from './bird.js';
import { describe, type RouteSet } from './routes.js';
import { type RunningSender, type Sender, senders } from './senders.js';
import { type ProcStats, procStats } from './stats.js';

const POLL_MS = 50;
const ROW_TIMEOUT_MS = 180_000;
/** ExaBGP's per-line API manages a few thousand routes/s: measured at this N at most. */
const EXABGP_LINES_MAX = 100_000;
/** ExaBGP's other feeds and static configuration: measured at this N at most. */
const EXABGP_MAX = 200_000;

export interface Row {
  readonly name: string;
  readonly n: number;
  readonly received: number;
  readonly seconds: number;
  readonly stats: ProcStats;
  readonly from: string;
}

function firstCommandMs(s: RunningSender): number | undefined {
  if (!s.markFile) return undefined;
  try {
    const t = Number(readFileSync(s.markFile, 'utf8').split(' ')[0]);
    return Number.isFinite(t) && t > 0 ? t : undefined;
  } catch {
    return undefined;
  }
}

async function measure(sender: Sender, routes: RouteSet): Promise<Row> {
  const receiver = loopbackAddress();
  const local = loopbackAddress();
  const receiverPort = await freePort(receiver);
  const bird = startReceiver(receiver, receiverPort, [local]);
  await sleep(300); // BIRD binds its listener
  const running = sender.start({ local, receiver, receiverPort, routes });
  const deadline = Date.now() + ROW_TIMEOUT_MS;
  let established = Number.NaN;
  let received = 0;
  let end = Number.NaN;
  let loadStart: number | undefined;
  let loading: Promise<unknown> | undefined;
  let stats: ProcStats = { cpuSeconds: Number.NaN, peakRssBytes: Number.NaN };
  try {
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const st = await protocolState(bird, 's1');
      if (st.established && Number.isNaN(established)) {
        established = st.sinceMs;
        if (sender.load) {
          loadStart = Date.now();
          // Ending the sender mid-load fails the loader: only an error before the end matters.
          loading = sender.load(running).catch((e: Error) => {
            if (Number.isNaN(end)) process.stderr.write(`${sender.name}: ${e.message}\n`);
          });
        }
      }
      received = st.imported;
      stats = procStats(running.daemon.pid);
      if (received >= routes.n) {
        end = Date.now();
        break;
      }
      if (!running.daemon.running()) break;
    }
  } finally {
    await running.daemon.stop();
    await loading;
    await bird.daemon.stop();
  }
  const start =
    loadStart ?? (sender.fromFirstCommand ? (firstCommandMs(running) ?? established) : established);
  removeWorkDir(running.workDir);
  removeWorkDir(bird.workDir);
  const from = sender.load ? 'start of loading' : sender.fromFirstCommand ? 'first command' : 'Established';
  const seconds = Number.isNaN(end) ? Number.NaN : (end - start) / 1000;
  return { name: sender.name, n: routes.n, received, seconds, stats, from };
}

function fmt(n: number, digits = 0): string {
  return Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '-';
}

/** The bgpknife row a reference row compares with: same feed, else bgpknife's static config. */
function baseline(row: Row, rows: readonly Row[]): Row | undefined {
  // GoBGP loads through its API: compared with bgpknife's grouped API.
  const feed = row.name.includes('mrt inject') ? 'API grouped' : row.name.replace(/^\S+( \S+)? /, '');
  const knife = rows.filter((r) => r.name.startsWith('bgpknife'));
  return knife.find((r) => r.name.endsWith(feed)) ?? knife.find((r) => r.name.endsWith('static config'));
}

export function printTable(title: string, rows: readonly Row[]): void {
  const out = [
    title,
    `${'sender'.padEnd(32)} ${'routes'.padStart(9)} ${'seconds'.padStart(8)} ${'routes/s'.padStart(10)} ${'peak RSS MB'.padStart(11)} ${'CPU s'.padStart(6)} ${'vs bgpknife'.padStart(11)}  from`,
  ];
  for (const r of rows) {
    const rate = r.received / r.seconds;
    const base = baseline(r, rows);
    const ratio = base ? rate / (base.received / base.seconds) : Number.NaN;
    const routes = r.received >= r.n ? fmt(r.n) : `${fmt(r.received)}/${fmt(r.n)}`;
    out.push(
      `${r.name.padEnd(32)} ${routes.padStart(9)} ${fmt(r.seconds, 3).padStart(8)} ${fmt(rate).padStart(10)} ${fmt(r.stats.peakRssBytes / 2 ** 20).padStart(11)} ${fmt(r.stats.cpuSeconds, 2).padStart(6)} ${fmt(ratio, 3).padStart(11)}  ${r.from}`,
    );
  }
  process.stdout.write(`${out.join('\n')}\n`);
}

export async function runLoad(n: number, v6: boolean, sets: number, only?: string): Promise<void> {
  const rows: Row[] = [];
  for (const s of senders(EXABGP_LINES_MAX, EXABGP_MAX, v6)) {
    if (only && !s.name.includes(only)) continue;
    const routes: RouteSet = { n: Math.min(n, s.maxRoutes ?? n), v6, sets };
    process.stderr.write(`${s.name}: ${describe(routes)}...\n`);
    rows.push(await measure(s, routes));
  }
  printTable(
    `load benchmark: ${describe({ n, v6, sets })} into BIRD 2 on loopback (load average ${(await import('node:os')).loadavg()[0]!.toFixed(2)})`,
    rows,
  );
}
