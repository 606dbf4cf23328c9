/**
 * `bgpknife run` as a child process for the interop suite: writes a configuration into a work
 * dir, starts bin/bgpknife.js with the received-routes test hook, reloads it with SIGHUP, ends
 * it by PID (SIGTERM, or SIGKILL to simulate a crash for graceful restart), and reads back
 * what it logged and what its Adj-RIB-In holds.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/corpus.js';
import {
  type Daemon,
  makeWorkDir,
  removeWorkDir,
  startDaemon,
  tailFile,
  waitFor,
} from '../support/peers/common.js';
import { type ExabgpRib, exabgpRoute, foldExabgpEvents } from '../support/peers/exabgp-events.js';
import type { Route } from '../support/peers/types.js';

export const BGPKNIFE_BIN = join(REPO_ROOT, 'bin', 'bgpknife.js');

export interface Knife {
  readonly workDir: string;
  readonly config: string;
  daemon: Daemon;
  /** Rewrites the configuration and sends SIGHUP. */
  reload(config: string): void;
  /** Starts a fresh process on the same work dir (after kill()). */
  restart(config?: string): void;
  /** SIGKILL: no NOTIFICATION, as a crash (graceful restart tests). */
  kill(): Promise<void>;
  /** SIGTERM (Cease/Administrative Shutdown), waits for the exit status. */
  stop(): Promise<string>;
  log(): string;
  /** bgpknife's Adj-RIB-In as the test hook wrote it: neighbor -> "afi safi" -> routes. */
  received(): ExabgpRib;
  receivedRoutes(neighbor: string, family: string): Route[];
  /** stop() and remove the work dir. */
  dispose(): Promise<void>;
}

export function startKnife(config: string, env: NodeJS.ProcessEnv = {}): Knife {
  const workDir = makeWorkDir('knife');
  const conf = join(workDir, 'bgpknife.conf');
  const logFile = join(workDir, 'bgpknife.log');
  const receivedFile = join(workDir, 'received.jsonl');
  writeFileSync(conf, config);
  writeFileSync(receivedFile, '');
  const launch = (): Daemon =>
    startDaemon(process.execPath, [BGPKNIFE_BIN, 'run', conf], logFile, {
      exabgp_tcp_bind: '',
      exabgp_api_cli: 'false',
      exabgp_log_level: 'DEBUG',
      bgpknife_debug_received_file: receivedFile,
      ...env,
    });
  const knife: Knife = {
    workDir,
    config: conf,
    daemon: launch(),
    reload(next) {
      writeFileSync(conf, next);
      process.kill(knife.daemon.pid, 'SIGHUP');
    },
    restart(next) {
      if (next !== undefined) writeFileSync(conf, next);
      knife.daemon = launch();
    },
    async kill() {
      if (knife.daemon.running()) process.kill(knife.daemon.pid, 'SIGKILL');
      await knife.daemon.exited;
    },
    async stop() {
      await knife.daemon.stop();
      return knife.daemon.exited;
    },
    log: () => tailFile(logFile, 10_000),
    received: () => foldExabgpEvents(readFileSync(receivedFile, 'utf8')),
    receivedRoutes(neighbor, family) {
      const table = knife.received().ribs.get(neighbor)?.get(family);
      return [...(table ?? new Map())].map(([k, e]) => exabgpRoute(k, e));
    },
    async dispose() {
      await knife.stop();
      removeWorkDir(workDir);
    },
  };
  return knife;
}

/** Waits until bgpknife logged `pattern` (bounded). */
export function waitForLog(knife: Knife, pattern: RegExp, timeoutMs: number): Promise<true> {
  return waitFor(`bgpknife log ${pattern}`, async () => (pattern.test(knife.log()) ? true : undefined), {
    timeoutMs,
    intervalMs: 100,
    describe: () => knife.log().split('\n').slice(-15).join('\n'),
  });
}
