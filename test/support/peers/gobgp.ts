/**
 * GoBGP 3.x as an interop peer:
 *   gobgpd -f W/gobgpd.toml -p --pprof-disable --api-hosts unix://W/gobgp.sock
 * (--pprof-disable, or every instance fights for localhost:6060), read back and fed with
 * `gobgp --target unix://W/gobgp.sock ...`. GoBGP treats IPv4 next hops in 127.0.0.0/8 as
 * withdrawn ("invalid nexthop address"): use 192.0.2.x / 2001:db8:: next hops in tests.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, makeWorkDir, runCli, runCliOk, tailFile } from './common.js';
import { GOBGP_FAMILIES, gobgpConfig, gobgpFlowArgs, gobgpRouteArgs } from './gobgp-config.js';
import { parseGobgpFlows, parseGobgpReceived, parseGobgpRoutes, parseGobgpState } from './gobgp-parse.js';
import { establishedWaiter, launch, stopper } from './launch.js';
import type { Peer, PeerSpec } from './types.js';

export async function startGobgp(spec: PeerSpec): Promise<Peer> {
  const workDir = makeWorkDir('gobgp');
  const conf = join(workDir, 'gobgpd.toml');
  const target = ['--target', `unix://${join(workDir, 'gobgp.sock')}`];
  const log = join(workDir, 'gobgpd.log');
  writeFileSync(conf, gobgpConfig(spec));
  const gobgp = (...args: string[]): Promise<string> => runCliOk('gobgp', [...target, ...args]);
  const logTail = (lines = 40): string => tailFile(log, lines);
  const daemon = await launch({
    kind: 'gobgp',
    workDir,
    bin: binPath('gobgpd'),
    args: ['-f', conf, '-p', '--pprof-disable', '--api-hosts', target[1]!, '-l', 'info'],
    outputFile: log,
    checkArgs: ['-f', conf, '-d'],
    ready: async () => {
      const r = await runCli('gobgp', [...target, 'neighbor', '-j']);
      return r.code === 0 && r.stdout.includes('[');
    },
    // GoBGP has no static routes in its config file: originate them through the API.
    afterReady: async () => {
      for (const r of spec.exports ?? []) await gobgp('global', 'rib', 'add', ...gobgpRouteArgs(r));
      for (const f of spec.flowExports ?? []) await gobgp('global', 'rib', 'add', ...gobgpFlowArgs(f));
    },
    logTail,
  });

  const neighborOf = (neighbor?: string): string => neighbor ?? spec.neighbors[0]?.address ?? '';
  const sessionState = async (neighbor?: string) =>
    parseGobgpState(await gobgp('neighbor', neighborOf(neighbor), '-j'));
  return {
    kind: 'gobgp',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family) =>
      parseGobgpRoutes(await gobgp('global', 'rib', '-a', GOBGP_FAMILIES[family].cli, '-j')),
    flowRoutes: async (afi) =>
      parseGobgpFlows(await gobgp('global', 'rib', '-a', `ipv${afi}-flowspec`, '-j')),
    sessionState,
    waitEstablished: establishedWaiter('gobgp', sessionState, logTail),
    routeCount: async (family, neighbor) => {
      const f = GOBGP_FAMILIES[family];
      return parseGobgpReceived(await gobgp('neighbor', neighborOf(neighbor), '-j'), f.afi, f.safi);
    },
    command: (args) => gobgp(...args),
    resetSession: async (neighbor) => {
      await gobgp('neighbor', neighborOf(neighbor), 'reset');
    },
    logTail,
    stop: stopper(daemon, workDir),
  };
}
