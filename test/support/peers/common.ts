/**
 * The interop harness's common parts: work dirs, starting and stopping one daemon by PID,
 * running a peer's CLI with a timeout, bounded polling, loopback ports and addresses, and
 * the skip-or-fail rule for missing binaries.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { accessSync, closeSync, constants, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { PeerKind } from './types.js';

/** Longest a CLI call may take before it is killed. */
export const CLI_TIMEOUT_MS = 10_000;
/** Most bytes kept from a CLI's output (big RIB dumps are out of scope for these tests). */
const CLI_MAX_BUFFER = 64 * 1024 * 1024;
/** How long stop() waits after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 3_000;

export function makeWorkDir(kind: string): string {
  return mkdtempSync(join(tmpdir(), `bgpknife-${kind}-`));
}

const live = new Set<ChildProcess>();

function killLive(): void {
  for (const c of live) if (c.exitCode === null && c.pid !== undefined) c.kill('SIGKILL');
}

// Safety net: a test that forgets stop(), or a test process told to end, must not leave
// daemons behind. Each handler kills only the children this process started, then lets the
// signal take its default course.
process.once('exit', killLive);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killLive();
    process.kill(process.pid, signal);
  });
}

export interface Daemon {
  readonly pid: number;
  readonly child: ChildProcess;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  readonly exited: Promise<string>;
  running(): boolean;
  stop(): Promise<void>;
}

/**
 * Starts `bin args` with stdout/stderr appended to `logFile`. It stays in our process group,
 * so a Ctrl-C on the test run reaches it too. stop() signals exactly this PID: SIGTERM, then
 * SIGKILL after a grace period.
 */
export function startDaemon(bin: string, args: readonly string[], logFile: string, env?: NodeJS.ProcessEnv) {
  const fd = openSync(logFile, 'a');
  const child = spawn(bin, args, {
    stdio: ['ignore', fd, fd],
    env: { ...process.env, ...env },
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`cannot start ${bin}`);
  const pid = child.pid;
  child.unref();
  live.add(child);
  let status: string | undefined;
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child);
      status = signal ?? String(code);
      resolve(status);
    });
    child.once('error', (e) => {
      live.delete(child);
      status = `error ${e.message}`;
      resolve(status);
    });
  });
  const stop = async (): Promise<void> => {
    if (status !== undefined) return;
    child.kill('SIGTERM');
    // A referenced timer: the child is unref'd, so without it the loop could drain while waiting.
    let handle: NodeJS.Timeout | undefined;
    const timer = new Promise<'timeout'>((r) => {
      handle = setTimeout(() => r('timeout'), STOP_GRACE_MS);
    });
    const first = await Promise.race([exited, timer]);
    clearTimeout(handle);
    if (first === 'timeout') {
      child.kill('SIGKILL');
      handle = setTimeout(() => {}, STOP_GRACE_MS);
      await exited;
      clearTimeout(handle);
    }
  };
  const daemon: Daemon = { pid, child, exited, running: () => status === undefined, stop };
  return daemon;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a CLI to completion (killed after `timeoutMs`); never throws for a non-zero exit. */
export function runCli(bin: string, args: readonly string[], timeoutMs = CLI_TIMEOUT_MS): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(bin, args, { timeout: timeoutMs, maxBuffer: CLI_MAX_BUFFER }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({
        code,
        stdout: String(stdout),
        stderr: String(stderr || (err && !stderr ? err.message : '')),
      });
    });
  });
}

/** Like runCli, but throws with the output when the exit code is not 0. */
export async function runCliOk(bin: string, args: readonly string[], timeoutMs?: number): Promise<string> {
  const r = await runCli(bin, args, timeoutMs);
  if (r.code !== 0) throw new Error(`${bin} ${args.join(' ')} -> ${r.code}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Polls `check` every `intervalMs` until it returns a value other than undefined, at most
 * until `timeoutMs` and at most ceil(timeoutMs / intervalMs) + 1 times; then throws with
 * `what` and the last failure reason `describe()` gives.
 */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined>,
  opts: { timeoutMs: number; intervalMs?: number; describe?: () => string },
): Promise<T> {
  const interval = opts.intervalMs ?? 200;
  const maxPolls = Math.ceil(opts.timeoutMs / interval) + 1;
  const deadline = Date.now() + opts.timeoutMs;
  let lastError = '';
  for (let poll = 0; poll < maxPolls; poll++) {
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() >= deadline) break;
    await sleep(interval);
  }
  const extra = opts.describe ? `\n${opts.describe()}` : '';
  throw new Error(
    `timed out after ${opts.timeoutMs} ms waiting for ${what}${lastError ? `: ${lastError}` : ''}${extra}`,
  );
}

/**
 * Ports are picked below Linux's ephemeral range (32768-60999), so an outgoing connection of
 * another test cannot grab one between our check and the daemon's bind.
 */
const PORT_RANGE = { first: 20_000, count: 12_000 } as const;
/** Most candidates tried before falling back to a kernel-chosen port. */
const PORT_ATTEMPTS = 50;

function canBind(address: string, port: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(undefined));
    server.listen({ host: address, port, exclusive: true }, () => {
      const a = server.address();
      const bound = typeof a === 'object' && a ? a.port : undefined;
      server.close(() => resolve(bound));
    });
  });
}

/** A port that was free on `address` a moment ago (checked by binding it, then released). */
export async function freePort(address = '127.0.0.1'): Promise<number> {
  for (let i = 0; i < PORT_ATTEMPTS; i++) {
    const port = await canBind(address, PORT_RANGE.first + Math.floor(Math.random() * PORT_RANGE.count));
    if (port !== undefined) return port;
  }
  const port = await canBind(address, 0);
  if (port === undefined) throw new Error(`no free port on ${address}`);
  return port;
}

let addressCounter = 0;
/**
 * A distinct 127.x.y.z address for this process: the second and third octets come from the
 * PID, so parallel test files rarely collide; the fourth counts up (1..250).
 */
export function loopbackAddress(): string {
  addressCounter = (addressCounter % 250) + 1;
  const hi = 16 + (process.pid % 200);
  const mid = Math.floor(process.pid / 200) % 250;
  return `127.${hi}.${mid}.${addressCounter}`;
}

/** The last `lines` lines of a text file ('' when it does not exist). */
export function tailFile(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** Removes a work dir, unless BGPKNIFE_KEEP_PEERS=1 asks to keep it for a post-mortem. */
export function removeWorkDir(dir: string): void {
  if (process.env.BGPKNIFE_KEEP_PEERS === '1') {
    process.stderr.write(`peer work dir kept: ${dir}\n`);
    return;
  }
  rmSync(dir, { recursive: true, force: true });
}

export function isV6(address: string): boolean {
  return address.includes(':');
}

function onPath(bin: string): boolean {
  const dirs = bin.includes('/')
    ? ['']
    : (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin']);
  for (const d of dirs) {
    try {
      accessSync(d ? join(d, bin) : bin, constants.X_OK);
      return true;
    } catch {}
  }
  return false;
}

/** The executables each kind needs: the daemon and its CLI. */
export const BINARIES: Readonly<Record<PeerKind | 'tshark', readonly string[]>> = {
  bird: ['bird', 'birdc'],
  frr: ['/usr/lib/frr/bgpd', 'vtysh'],
  gobgp: ['gobgpd', 'gobgp'],
  exabgp: ['exabgp', 'python3'],
  tshark: ['tshark', 'dumpcap'],
};

/**
 * Whether `kind`'s binaries are installed. When they are not: under CI=true this throws (the
 * test fails); otherwise it prints a loud notice, skips the test through `t` when given, and
 * returns false.
 */
export function requirePeer(kind: PeerKind | 'tshark', t?: { skip(msg?: string): void }): boolean {
  const missing = BINARIES[kind].filter((b) => !onPath(b));
  if (missing.length === 0) return true;
  skipOrFail(
    `${kind} not installed (missing ${missing.join(', ')}); apt-get install exabgp bird2 frr gobgpd tshark`,
    t,
  );
  return false;
}

/**
 * The harness's rule for an unavailable facility (a binary, packet capture): under CI=true
 * throw (the test fails); otherwise print a loud notice and skip the test through `t`.
 */
export function skipOrFail(msg: string, t?: { skip(msg?: string): void }): void {
  if (process.env.CI === 'true') throw new Error(`${msg}: required under CI=true`);
  process.stderr.write(`\n*** SKIPPED: ${msg} ***\n\n`);
  t?.skip(msg);
}

/** Resolves a binary name to a path the daemon can exec (sbin is not always on PATH). */
export function binPath(bin: string): string {
  if (bin.includes('/')) return bin;
  for (const d of (process.env.PATH ?? '').split(delimiter).concat(['/usr/sbin', '/sbin'])) {
    try {
      accessSync(join(d, bin), constants.X_OK);
      return join(d, bin);
    } catch {}
  }
  return bin;
}
