/**
 * `bgpknife run` logs to stderr: levels filter (exabgp.log.level), bgpknife.log.json gives one
 * JSON object per line, SIGHUP reloads (logged at info), SIGTERM exits with status 0. The
 * daemon runs as a child process, ended by its PID; its only neighbor is a closed port.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../support/corpus.js';
import { freePort, waitFor } from '../support/peers/common.js';

/**
 * Runs the daemon until `until(stderr)` holds; with `hup`, sends SIGHUP once it listens (the
 * signal handlers are installed by then). Returns its stderr lines and exit status.
 */
async function run(env: Record<string, string>, until: (stderr: string) => boolean, hup = false) {
  const dir = mkdtempSync(join(tmpdir(), 'bgpknife-log-'));
  const conf = join(dir, 'a.conf');
  const port = await freePort('127.0.0.1');
  writeFileSync(
    conf,
    `neighbor 127.0.0.1 { router-id 10.0.0.1; local-as 65000; peer-as 65001; connect ${port}; family { ipv4 unicast; } }\n`,
  );
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'bgpknife.js'), 'run', conf], {
    env: {
      ...process.env,
      exabgp_tcp_bind: '127.0.0.1',
      exabgp_tcp_port: String(await freePort()),
      exabgp_api_cli: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const wait = (what: string, check: () => boolean) =>
    waitFor(what, async () => (check() ? true : undefined), { timeoutMs: 10_000, describe: () => stderr });
  try {
    if (hup) {
      await wait('the daemon to listen', () => stderr.includes('listening on'));
      child.kill('SIGHUP');
    }
    await wait('log lines', () => until(stderr));
  } finally {
    child.kill('SIGTERM');
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  const code = await exited;
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  return { lines: stderr.split('\n').filter(Boolean), code };
}

describe('bgpknife run: logs', { concurrency: true }, () => {
  it('JSON lines at info and above; a reload is logged; SIGTERM exits 0', async () => {
    const { lines, code } = await run(
      { bgpknife_log_json: 'true', exabgp_log_level: 'INFO' },
      (s) => s.includes('reloaded'),
      true,
    );
    assert.equal(code, 0);
    const events = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const e of events) {
      assert.equal(typeof e.time, 'string');
      assert.ok(['info', 'warning', 'error'].includes(String(e.level)), `level ${e.level}`);
      assert.equal(typeof e.source, 'string');
      assert.equal(typeof e.message, 'string');
    }
    assert.ok(events.some((e) => e.level === 'info' && String(e.message).startsWith('reloaded ')));
  });

  it('text lines with the level in a column; debug shows session states', async () => {
    const { lines, code } = await run({ exabgp_log_level: 'DEBUG' }, (s) => /idle -> connect/.test(s));
    assert.equal(code, 0);
    for (const l of lines) assert.match(l, /^\d{4}-\d\d-\d\dT[\d:.]+Z (debug|info|warning|error)\s+\S+\s+\S/);
    assert.ok(lines.some((l) => / debug +session +127\.0\.0\.1 idle -> connect/.test(l)));
  });
});
