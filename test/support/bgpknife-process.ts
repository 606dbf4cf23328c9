/**
 * Runs `bgpknife run CONFIG` as a child process for end-to-end tests: the configuration is
 * written to a temporary directory, stderr (the log, at INFO) is kept, `waitForLog` polls it
 * with a bound, and `stop()` sends SIGTERM to exactly that PID (SIGKILL after 3 s).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.js';

/** Log text kept per process (the tail), so a chatty daemon cannot grow memory. */
const LOG_KEEP_CHARS = 200_000;

export interface BgpknifeProcess {
  readonly pid: number | undefined;
  log(): string;
  /** Resolves when the log matches, rejects after timeoutMs with the log tail. */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function startBgpknife(config: string, env: Record<string, string> = {}): BgpknifeProcess {
  const dir = mkdtempSync(join(tmpdir(), 'bgpknife-e2e-'));
  const file = join(dir, 'bgpknife.conf');
  writeFileSync(file, config);
  let text = '';
  const child: ChildProcess = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'bgpknife.js'), 'run', file], {
    env: {
      ...process.env,
      exabgp_tcp_bind: '',
      exabgp_log_level: process.env.BGPKNIFE_E2E_LOG_LEVEL ?? 'INFO',
      exabgp_api_cli: 'false',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (c: Buffer) => {
    text = (text + c.toString()).slice(-LOG_KEEP_CHARS);
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let stopped: Promise<void> | undefined;
  return {
    pid: child.pid,
    log: () => text,
    waitForLog: async (pattern, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(text)) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`bgpknife log never matched ${pattern}; log tail:\n${text.slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => {
      stopped ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
          await exited;
          clearTimeout(timer);
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** A bgpknife neighbor block announcing one IPv4 route. */
export function neighborConfig(o: {
  peer: string;
  local: string;
  localAs: number;
  peerAs: number;
  routerId?: string;
  connect?: number;
  listen?: number;
  passive?: boolean;
  extra?: readonly string[];
  route?: string;
}): string {
  const lines = [
    `neighbor ${o.peer} {`,
    `  router-id ${o.routerId ?? '10.255.1.1'};`,
    `  local-address ${o.local};`,
    `  local-as ${o.localAs};`,
    `  peer-as ${o.peerAs};`,
    '  hold-time 30;',
    ...(o.connect ? [`  connect ${o.connect};`] : []),
    ...(o.listen ? [`  listen ${o.listen};`] : []),
    ...(o.passive ? ['  passive true;'] : []),
    ...(o.extra ?? []).map((l) => `  ${l}`),
    '  family { ipv4 unicast; }',
    ...(o.route ? [`  static { route ${o.route} next-hop 192.0.2.1; }`] : []),
    '}',
  ];
  return `${lines.join('\n')}\n`;
}
