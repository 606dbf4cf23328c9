/**
 * The conformance runner: runs ExaBGP-format functional tests against the bgpknife daemon.
 * For each test it starts the TypeScript test peer (test-peer.ts) on loopback, starts
 * `bgpknife run CONF...` as a child process with ExaBGP's test settings pointing at the peer,
 * and waits until the peer has seen every expected message, a timeout, or the daemon's exit.
 * Tests with a helper process (the API's main/api tests) run with the helper replaced by our
 * relay (tools/api-helper.ts): the configuration is copied with each `run` pointing at the relay,
 * and the runner sends the test's `cmd:` lines through a unix control socket, paced by the
 * test peer (api-driver.ts).
 *
 * Layouts (see ../shared/conformance/README.md): a folder of NAME.ci + NAME.msg pairs (the .ci's
 * first line names the configuration files), or a folder of merged NAME.ci files with option:,
 * cmd: and raw: lines. Configuration files are looked up in ../conf beside the test folder.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { type Cmd, commandsOf } from './api-driver.js';
import { type HelperSetup, setupHelper } from './api-setup.js';
import { parseExpectations, type TestFile } from './expectations.js';
import { TestPeer } from './test-peer.js';

export type Verdict = 'pass' | 'fail' | 'n/a';

export interface TestResult {
  readonly name: string;
  readonly verdict: Verdict;
  readonly reason: string;
  readonly seconds: number;
}

export interface RunnerOptions {
  /** The bgpknife executable (bin/bgpknife.js). */
  readonly bin: string;
  /** Seconds before a test fails (option:timeout overrides). */
  readonly timeoutSeconds: number;
  /** Tests run at the same time. */
  readonly parallel: number;
  /** Extra environment for the daemon. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface ConformanceTest {
  readonly file: TestFile;
  /** Absolute paths of the configuration files, in order. */
  readonly configs: string[];
  /** Why it cannot run yet, when it cannot. */
  readonly notApplicable?: string;
  /** It needs a helper process (API commands or a process block). */
  readonly helper?: boolean;
  /** The commands the helper sends (from the test, or from main/api's test of that name). */
  readonly commands?: Cmd[];
}

/** The configuration folder for a test folder: ../conf beside it. */
function confDir(testDir: string): string {
  return join(dirname(testDir), 'conf');
}

function needsHelper(test: TestFile, configs: string[]): string | undefined {
  if (test.groups.some((g) => g.steps.some((s) => s.kind === 'cmd')))
    return 'needs a helper process (API commands)';
  for (const c of configs) {
    if (existsSync(c) && /^\s*process\s+\S+\s*\{/m.test(readFileSync(c, 'utf8')))
      return 'needs a helper process (process block)';
  }
  return undefined;
}

/**
 * A 5.0.13 test's helper script is not in the corpus; main/api's test of the same name gives
 * its commands (the sibling folder ../../main/api), when there is one.
 */
function borrowedCommands(dir: string, name: string): Cmd[] | undefined {
  const ci = join(dirname(dirname(dir)), 'main', 'api', `${name}.ci`);
  if (!existsSync(ci)) return undefined;
  const cmds = commandsOf(parseExpectations(name, readFileSync(ci, 'utf8')));
  return cmds.length > 0 ? cmds : undefined;
}

function withHelper(dir: string, file: TestFile, configs: string[]): ConformanceTest {
  if (!needsHelper(file, configs)) return { file, configs };
  const own = commandsOf(file);
  if (own.length > 0) return { file, configs, helper: true, commands: own };
  const borrowed = borrowedCommands(dir, file.name);
  if (borrowed) return { file, configs, helper: true, commands: borrowed };
  // main/api tests whose helper only watches (no cmd: lines) still run with the relay.
  if (!dir.endsWith('encoding')) return { file, configs, helper: true, commands: [] };
  return { file, configs, notApplicable: "needs its helper script's commands (not in the corpus)" };
}

/** Every test of a folder, in name order. */
export function discover(dir: string): ConformanceTest[] {
  const files = readdirSync(dir).sort();
  const hasMsg = files.some((f) => f.endsWith('.msg'));
  const out: ConformanceTest[] = [];
  for (const f of files.filter((x) => x.endsWith('.ci'))) {
    const name = f.slice(0, -3);
    let file: TestFile;
    if (hasMsg) {
      const ci = readFileSync(join(dir, f), 'utf8').trim().split('\n')[0] ?? '';
      const msg = join(dir, `${name}.msg`);
      if (!existsSync(msg)) continue;
      file = parseExpectations(name, readFileSync(msg, 'utf8'), ci.split(/\s+/).filter(Boolean));
    } else {
      file = parseExpectations(name, readFileSync(join(dir, f), 'utf8'));
    }
    const configs = file.configs.map((c) => join(confDir(dir), c));
    out.push(withHelper(dir, file, configs));
  }
  return out;
}

function option(t: TestFile, key: string): string | undefined {
  return t.options.get(key)?.[0];
}

function optionFlag(t: TestFile, key: string, value: string): boolean {
  return (t.options.get(key) ?? []).includes(value);
}

/** End the daemon we started, by PID: SIGTERM, then SIGKILL after a grace period. */
async function stopDaemon(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

export async function runOne(test: ConformanceTest, opts: RunnerOptions): Promise<TestResult> {
  const t0 = Date.now();
  const name = test.file.name;
  const done = (verdict: Verdict, reason: string): TestResult => ({
    name,
    verdict,
    reason,
    seconds: (Date.now() - t0) / 1000,
  });
  if (test.notApplicable) return done('n/a', test.notApplicable);
  const missing = test.configs.find((c) => !existsSync(c));
  if (missing) return done('fail', `configuration ${basename(missing)} not found`);
  const f = test.file;
  const asn = option(f, 'asn');
  let child: ChildProcess | undefined;
  const helper: HelperSetup | undefined = test.helper
    ? await setupHelper(test.commands ?? [], test.configs)
    : undefined;
  const peer = new TestPeer(f, {
    host: optionFlag(f, 'bind', 'ipv6') ? '::1' : '127.0.0.1',
    asn: asn === undefined ? undefined : Number(asn),
    sendUnknownCapability: optionFlag(f, 'open', 'send-unknown-capability'),
    sendUnknownMessage: optionFlag(f, 'open', 'send-unknown-message'),
    inspectOpen: optionFlag(f, 'open', 'inspect-open-message'),
    sendDefaultRoute: optionFlag(f, 'update', 'send-default-route'),
    onSignal: (sig) => child?.kill(sig as NodeJS.Signals),
    onMatched: (hex) => helper?.driver.matched(hex),
    onOpen: () => helper?.driver.opened(),
  });
  const stderr: string[] = [];
  try {
    const port = await peer.listen();
    const env = {
      ...process.env,
      exabgp_tcp_port: String(port),
      exabgp_tcp_bind: '',
      exabgp_tcp_once: 'true',
      exabgp_tcp_connections:
        option(f, 'tcp_connections') ?? String(new Set(f.groups.map((g) => g.conn)).size),
      exabgp_api_cli: 'false',
      exabgp_debug_rotate: 'true',
      exabgp_version: '5.0.0-0+test',
      ...opts.env,
    };
    child = spawn(process.execPath, [opts.bin, 'run', ...(helper?.configs ?? test.configs)], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    child.stderr?.on('data', (c: Buffer) => {
      stderr.push(c.toString());
      if (stderr.length > 200) stderr.shift();
    });
    const seconds = Number(option(f, 'timeout') ?? opts.timeoutSeconds);
    const outcome = await Promise.race([
      peer.outcome,
      new Promise<{ ok: boolean; reason: string }>((r) => {
        setTimeout(() => r({ ok: false, reason: `timeout after ${seconds} s` }), seconds * 1000).unref();
      }),
      new Promise<{ ok: boolean; reason: string }>((r) => {
        child!.once('exit', (code, sig) => {
          // Give the peer a moment: the daemon may exit right after its last message.
          setTimeout(
            () => r({ ok: false, reason: `bgpknife exited (${sig ?? code}) before the test completed` }),
            500,
          ).unref();
        });
      }),
    ]);
    if (outcome.ok) return done('pass', outcome.reason);
    const tail = stderr.join('').split('\n').slice(-8).join('\n    ');
    const api = helper
      ? `\n    commands:\n    ${helper.driver.trace.slice(-6).join('\n    ')}\n    helper got:\n    ${helper.received.slice(-6).join('\n    ')}`
      : '';
    return done('fail', `${outcome.reason}${api}${tail.trim() ? `\n    bgpknife stderr:\n    ${tail}` : ''}`);
  } finally {
    if (child) await stopDaemon(child);
    await peer.close();
    await helper?.close();
  }
}

/** Run tests `parallel` at a time; `report` is called as each finishes, in test order. */
export async function runAll(
  tests: ConformanceTest[],
  opts: RunnerOptions,
  report: (r: TestResult) => void,
): Promise<TestResult[]> {
  const results: TestResult[] = new Array(tests.length);
  let next = 0;
  let reported = 0;
  const worker = async () => {
    for (let i = next++; i < tests.length; i = next++) {
      results[i] = await runOne(tests[i]!, opts);
      while (reported < tests.length && results[reported]) report(results[reported++]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.parallel) }, worker));
  return results;
}

export function summary(results: readonly TestResult[]): string {
  const count = (v: Verdict) => results.filter((r) => r.verdict === v).length;
  return `${count('pass')} passed, ${count('fail')} failed, ${count('n/a')} not applicable`;
}
