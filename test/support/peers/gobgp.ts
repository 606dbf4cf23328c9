/**
 * GoBGP 3.x as an interop peer:
 *   gobgpd -f W/gobgpd.toml -p --pprof-disable --api-hosts unix://W/gobgp.sock
 * (--pprof-disable, or every instance fights for localhost:6060), read back and fed with
 * `gobgp --target unix://W/gobgp.sock ...`. GoBGP treats IPv4 next hops in 127.0.0.0/8 as
 * withdrawn ("invalid nexthop address"): use 192.0.2.x / 2001:db8:: next hops in tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  binPath,
  makeWorkDir,
  removeWorkDir,
  runCli,
  runCliOk,
  startDaemon,
  tailFile,
  waitFor,
} from './common.js';
import { GOBGP_FAMILIES, gobgpConfig, gobgpFlowArgs, gobgpRouteArgs } from './gobgp-config.js';
import { parseGobgpFlows, parseGobgpReceived, parseGobgpRoutes, parseGobgpState } from './gobgp-parse.js';
import type { Peer, PeerSpec } from './types.js';

const START_TIMEOUT_MS = 10_000;

export async function startGobgp(spec: PeerSpec): Promise<Peer> {
  const workDir = makeWorkDir('gobgp');
  const conf = join(workDir, 'gobgpd.toml');
  const sock = join(workDir, 'gobgp.sock');
  const log = join(workDir, 'gobgpd.log');
  writeFileSync(conf, gobgpConfig(spec));
  const gobgpd = binPath('gobgpd');
  const logTail = (lines = 40): string => tailFile(log, lines);
  const check = await runCli(gobgpd, ['-f', conf, '-d']);
  if (check.code !== 0) {
    removeWorkDir(workDir);
    throw new Error(`gobgp: config rejected\n${check.stdout}${check.stderr}`);
  }
  const daemon = startDaemon(
    gobgpd,
    ['-f', conf, '-p', '--pprof-disable', '--api-hosts', `unix://${sock}`, '-l', 'info'],
    log,
  );
  const gobgp = (...args: string[]): Promise<string> =>
    runCliOk('gobgp', ['--target', `unix://${sock}`, ...args]);
  try {
    await waitFor(
      'gobgp API socket',
      async () => {
        if (!daemon.running()) throw new Error('gobgpd exited');
        const r = await runCli('gobgp', ['--target', `unix://${sock}`, 'neighbor', '-j']);
        return r.code === 0 && r.stdout.includes('[') ? true : undefined;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 },
    );
    for (const r of spec.exports ?? []) await gobgp('global', 'rib', 'add', ...gobgpRouteArgs(r));
    for (const f of spec.flowExports ?? []) await gobgp('global', 'rib', 'add', ...gobgpFlowArgs(f));
  } catch (e) {
    const tail = logTail();
    await daemon.stop();
    removeWorkDir(workDir);
    throw new Error(`gobgp failed to start: ${(e as Error).message}\n--- log tail ---\n${tail}`);
  }

  const neighborOf = (neighbor?: string): string => neighbor ?? spec.neighbors[0]?.address ?? '';
  const peer: Peer = {
    kind: 'gobgp',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family) =>
      parseGobgpRoutes(await gobgp('global', 'rib', '-a', GOBGP_FAMILIES[family].cli, '-j')),
    flowRoutes: async (afi) =>
      parseGobgpFlows(await gobgp('global', 'rib', '-a', `ipv${afi}-flowspec`, '-j')),
    sessionState: async (neighbor) => parseGobgpState(await gobgp('neighbor', neighborOf(neighbor), '-j')),
    waitEstablished: async (timeoutMs, neighbor) => {
      await waitFor(
        'gobgp session established',
        async () => ((await peer.sessionState(neighbor)) === 'established' ? true : undefined),
        {
          timeoutMs,
          intervalMs: 250,
          describe: () => logTail(15),
        },
      );
    },
    routeCount: async (family, neighbor) => {
      const f = GOBGP_FAMILIES[family];
      return parseGobgpReceived(await gobgp('neighbor', neighborOf(neighbor), '-j'), f.afi, f.safi);
    },
    command: (args) => gobgp(...args),
    resetSession: async (neighbor) => {
      await gobgp('neighbor', neighborOf(neighbor), 'reset');
    },
    logTail,
    stop: async () => {
      await daemon.stop();
      removeWorkDir(workDir);
    },
  };
  return peer;
}
