/**
 * Run `bgpknife run` on a configuration text as a child process, for interop tests. The
 * process is ended by its PID (SIGTERM, then SIGKILL); its stderr is kept for failure reports.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './corpus.js';

/** Log text kept per process (the tail), so a chatty daemon cannot grow memory. */
export const LOG_KEEP_CHARS = 200_000;

export interface RunningDaemon {
  readonly pid: number;
  readonly configFile: string;
  /** The folder holding the configuration and the extra files. */
  readonly dir: string;
  /** The last lines bgpknife wrote to stderr (40 unless asked; the last LOG_KEEP_CHARS are kept). */
  log(lines?: number): string;
  /** The process has exited. */
  readonly exited: boolean;
  signal(sig: NodeJS.Signals): void;
  stop(): Promise<void>;
}

/**
 * Start `bgpknife run` on `config` (written to a fresh folder, with `files` beside it: helper
 * scripts and their data, by name; a name ending in .mjs/.run/.sh is made executable).
 */
export function startDaemon(
  config: string,
  env: Record<string, string> = {},
  files: Readonly<Record<string, string>> = {},
): RunningDaemon {
  const dir = mkdtempSync(join(tmpdir(), 'bgpknife-test-'));
  const configFile = join(dir, 'bgpknife.conf');
  writeFileSync(configFile, config);
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(dir, name), text, { mode: /\.(mjs|run|sh)$/.test(name) ? 0o755 : 0o644 });
  }
  const child: ChildProcess = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'bgpknife.js'), 'run', configFile],
    {
      env: {
        ...process.env,
        exabgp_tcp_bind: '',
        exabgp_api_cli: 'false',
        exabgp_log_level: 'DEBUG',
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  let text = '';
  child.stderr?.on('data', (c: Buffer) => {
    text = (text + c.toString()).slice(-LOG_KEEP_CHARS);
  });
  let exited = false;
  let stopped: Promise<void> | undefined;
  const gone = new Promise<void>((r) =>
    child.once('exit', () => {
      exited = true;
      r();
    }),
  );
  return {
    pid: child.pid!,
    configFile,
    dir,
    log: (n = 40) => text.split('\n').filter(Boolean).slice(-n).join('\n'),
    get exited() {
      return exited;
    },
    signal: (sig) => {
      if (!exited) child.kill(sig);
    },
    stop() {
      stopped ??= (async () => {
        if (!exited) {
          child.kill('SIGTERM');
          const t = setTimeout(() => child.kill('SIGKILL'), 4000);
          await gone;
          clearTimeout(t);
        }
        rmSync(dir, { recursive: true, force: true });
      })();
      return stopped;
    },
  };
}

/** Replace whole IPv4 addresses in a configuration text, and make each neighbor connect to `port`. */
export function rewriteConfig(
  text: string,
  addresses: Readonly<Record<string, string>>,
  port: number,
): string {
  let out = text;
  for (const [from, to] of Object.entries(addresses)) {
    out = out.replace(new RegExp(`(?<![\\d.])${from.replace(/\./g, '\\.')}(?![\\d.])`, 'g'), to);
  }
  return out.replace(/(neighbor\s+\S+\s*\{)/g, `$1\n  connect ${port};`);
}
