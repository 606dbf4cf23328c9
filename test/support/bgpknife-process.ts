/**
 * `bgpknife run CONFIG` as a child process for end-to-end tests, with a bounded `waitForLog`:
 * a thin layer over startDaemon (test/support/daemon.ts), logging at INFO by default.
 */
import { startDaemon } from './daemon.js';

export interface BgpknifeProcess {
  readonly pid: number | undefined;
  log(): string;
  /** Resolves when the log matches, rejects after timeoutMs with the log tail. */
  waitForLog(pattern: RegExp, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

export function startBgpknife(config: string, env: Record<string, string> = {}): BgpknifeProcess {
  const d = startDaemon(config, { exabgp_log_level: process.env.BGPKNIFE_E2E_LOG_LEVEL ?? 'INFO', ...env });
  const all = () => d.log(Number.POSITIVE_INFINITY);
  return {
    pid: d.pid,
    log: all,
    waitForLog: async (pattern, timeoutMs) => {
      const deadline = Date.now() + timeoutMs;
      while (!pattern.test(all())) {
        if (Date.now() > deadline || d.exited)
          throw new Error(`bgpknife log never matched ${pattern}; log tail:\n${all().slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () => d.stop(),
  };
}

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
