/**
 * The start sequence every peer shares: check the config with the daemon's own checker, start
 * the daemon, wait (bounded) until its control channel answers, run any post-start step; on
 * any failure stop exactly that PID, remove the work dir and throw with the log tail.
 */
import { type Daemon, removeWorkDir, runCli, startDaemon, waitFor } from './common.js';
import type { PeerKind, SessionState } from './types.js';

/** How long a daemon may take to answer on its control channel. */
const START_TIMEOUT_MS = 10_000;

export interface LaunchOptions {
  readonly kind: PeerKind;
  readonly workDir: string;
  readonly bin: string;
  readonly args: readonly string[];
  /** Where the daemon's stdout and stderr go. */
  readonly outputFile: string;
  readonly env?: NodeJS.ProcessEnv;
  /** Arguments that make `bin` only check its config (exit code 0 when valid). */
  readonly checkArgs?: readonly string[];
  /** One readiness probe (true when ready); polled every 100 ms. */
  readonly ready: () => Promise<boolean>;
  /** Runs once ready, before the peer is handed out (e.g. originating routes via the CLI). */
  readonly afterReady?: () => Promise<void>;
  readonly logTail: () => string;
}

export async function launch(o: LaunchOptions): Promise<Daemon> {
  if (o.checkArgs) {
    const check = await runCli(o.bin, o.checkArgs);
    if (check.code !== 0) {
      removeWorkDir(o.workDir);
      throw new Error(`${o.kind}: config rejected\n${check.stdout}${check.stderr}`);
    }
  }
  const daemon = startDaemon(o.bin, o.args, o.outputFile, o.env);
  try {
    await waitFor(
      `${o.kind} to answer`,
      async () => {
        if (!daemon.running()) throw new Error(`${o.kind} exited`);
        return (await o.ready()) ? true : undefined;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 },
    );
    await o.afterReady?.();
  } catch (e) {
    const tail = o.logTail();
    await daemon.stop();
    removeWorkDir(o.workDir);
    throw new Error(`${o.kind} failed to start: ${(e as Error).message}\n--- log tail ---\n${tail}`);
  }
  return daemon;
}

/** Peer.waitEstablished over a sessionState reader. */
export function establishedWaiter(
  kind: PeerKind,
  state: (neighbor?: string) => Promise<SessionState>,
  logTail: (lines?: number) => string,
): (timeoutMs: number, neighbor?: string) => Promise<void> {
  return async (timeoutMs, neighbor) => {
    await waitFor(
      `${kind} session with ${neighbor ?? 'its first neighbor'} established`,
      async () => ((await state(neighbor)) === 'established' ? true : undefined),
      { timeoutMs, intervalMs: 200, describe: () => logTail(15) },
    );
  };
}

/** Peer.stop: ends exactly the daemon's PID, then removes the work dir. */
export function stopper(daemon: Daemon, workDir: string): () => Promise<void> {
  return async () => {
    await daemon.stop();
    removeWorkDir(workDir);
  };
}
