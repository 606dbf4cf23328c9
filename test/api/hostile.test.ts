/**
 * Hostile helpers, as real processes: one that never reads its stdin while events pour out
 * (memory stays within the queue bound, the loop stays responsive), one that writes half lines,
 * one that floods commands, one that crashes in a loop (respawn back-off, then given up), and
 * one that sends invalid commands and binary garbage (each answered `error`, nothing changed).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Api } from '../../src/api/api.js';
import { RESPAWN_MAX_PER_MINUTE } from '../../src/api/supervisor.js';
import { SYSTEM_CLOCK } from '../../src/daemon/clock.js';
import { spawnHelper } from '../../src/daemon/helpers.js';
import { CONFIG, FakeHost, FakePeer, neighbor } from './support.js';

const QUEUE_MAX = 256 * 1024;
const dir = mkdtempSync(join(tmpdir(), 'bgpknife-hostile-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function start(script: string) {
  const peer = new FakePeer(neighbor(CONFIG));
  const reports: string[] = [];
  let gaveUp = 0;
  const api = new Api({
    host: new FakeHost([peer]),
    spawn: spawnHelper,
    clock: SYSTEM_CLOCK,
    defer: (fn) => setImmediate(fn),
    lineMaxBytes: 4096,
    queueMaxBytes: QUEUE_MAX,
    ack: true,
    respawn: true,
    dialect: '5.0',
    stamp: () => ({ timeSeconds: 1, host: 'h', pid: 2, ppid: 3 }),
    report: (_l, m) => reports.push(m),
    gaveUp: () => gaveUp++,
  });
  api.configure([{ name: 'helper', run: [process.execPath, '-e', script], encoder: 'json', respawn: true }]);
  const helper = api.supervisor.helpers.get('helper')!;
  return { api, peer, helper, reports, gaveUp: () => gaveUp };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Largest delay of a 10 ms interval timer while `work` runs: is the loop responsive? */
async function maxLag(work: () => Promise<void>): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const t = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 10);
    last = now;
  }, 10);
  await work();
  clearInterval(t);
  return worst;
}

async function until(check: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end && !check(); ) await sleep(10);
}

describe('hostile helpers', () => {
  it('never reads stdin: queued bytes stay within the bound, excess dropped and counted', async () => {
    const t = start('setInterval(() => {}, 1000)');
    const n = { localAddress: '192.0.2.2', peerAddress: '192.0.2.1', localAs: 65000, peerAs: 65001 };
    await sleep(100);
    const lag = await maxLag(async () => {
      for (let i = 0; i < 50_000; i++) {
        t.api.state(t.peer, n, { kind: 'down', reason: `event ${i} ${'x'.repeat(50)}` });
        if (i % 5000 === 0) await sleep(0);
      }
    });
    assert.ok(t.helper.outbox!.queuedBytes <= QUEUE_MAX, `${t.helper.outbox!.queuedBytes}`);
    assert.ok(t.helper.dropped > 40_000, `${t.helper.dropped} dropped`);
    assert.ok(t.reports.some((r) => /not reading/.test(r)));
    assert.ok(lag < 1000, `loop lag ${lag} ms`);
    t.api.stop();
  });

  it('writes half lines: they are joined at the newline', async () => {
    const t = start(
      "process.stdout.write('announce route 10.0.0.0/8 '); setTimeout(() => process.stdout.write('next-hop 192.0.2.254\\n'), 100); setInterval(() => {}, 1000)",
    );
    await until(() => t.peer.adjRibOut.size === 1);
    assert.equal(t.peer.adjRibOut.size, 1);
    t.api.stop();
  });

  it('floods commands: all applied, the loop stays responsive', async () => {
    const count = 50_000;
    const t = start(
      `let s=''; for (let i=0;i<${count};i++) s+='announce route 10.'+((i>>8)&255)+'.'+(i&255)+'.0/24 next-hop 192.0.2.254\\n'; process.stdout.write(s); process.stdin.resume(); setInterval(() => {}, 1000)`,
    );
    const lag = await maxLag(() => until(() => t.peer.adjRibOut.size === count, 20_000));
    assert.equal(t.peer.adjRibOut.size, count);
    assert.ok(lag < 500, `loop lag ${lag} ms`);
    t.api.stop();
  });

  it('crashes in a loop: restarted with back-off, then given up', async () => {
    const t = start('process.exit(1)');
    await until(() => t.gaveUp() > 0, 10_000);
    assert.equal(t.gaveUp(), 1);
    assert.equal(t.helper.starts.length, RESPAWN_MAX_PER_MINUTE + 1);
    t.api.stop();
  });

  it('sends invalid commands and binary garbage: each gets error, nothing changes', async () => {
    const out = join(dir, 'answers.txt');
    const t = start(
      `const fs=require('fs'); process.stdin.on('data', (c) => fs.appendFileSync(${JSON.stringify(out)}, c));` +
        "process.stdout.write('announce route 10.0.0.0/40 next-hop 1.2.3.4\\nfrobnicate now\\n');" +
        'process.stdout.write(Buffer.from([0,1,2,3,255,10]));' +
        "process.stdout.write('withdraw route bogus\\n'); setInterval(() => {}, 1000)",
    );
    await until(() => {
      try {
        return readFileSync(out, 'utf8').split('\n').filter(Boolean).length >= 4;
      } catch {
        return false;
      }
    });
    assert.deepEqual(readFileSync(out, 'utf8').split('\n').filter(Boolean), [
      'error',
      'error',
      'error',
      'error',
    ]);
    assert.equal(t.peer.adjRibOut.size, 0);
    assert.equal(t.reports.filter((r) => /command failed/.test(r)).length, 4);
    t.api.stop();
  });
});
