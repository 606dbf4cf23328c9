/**
 * FRR bgpd as an interop peer, standalone:
 *   /usr/lib/frr/bgpd -Z -n -S -p PORT -l ADDR -f W/bgpd.conf -i W/bgpd.pid --vty_socket W -P 0
 * (-Z no zebra, -n no FIB, -S no user switch, -P 0 no vty TCP port), read back with
 * `vtysh --vty_socket W -d bgpd -c '...'`. Without zebra it logs "Error connecting to table
 * manager" every 10 s, and FlowSpec rules are "not installed in PBR": both expected.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkDir, removeWorkDir, runCli, runCliOk, startDaemon, tailFile, waitFor } from './common.js';
import { FRR_AFI, frrConfig } from './frr-config.js';
import { parseFrrFlows, parseFrrPfxRcd, parseFrrRoutes, parseFrrState } from './frr-parse.js';
import type { Family, Peer, PeerSpec } from './types.js';

export const FRR_BGPD = '/usr/lib/frr/bgpd';
const START_TIMEOUT_MS = 10_000;

export async function startFrr(spec: PeerSpec): Promise<Peer> {
  const workDir = makeWorkDir('frr');
  const conf = join(workDir, 'bgpd.conf');
  const log = join(workDir, 'bgpd.log');
  const stdoutLog = join(workDir, 'bgpd.stdout');
  writeFileSync(conf, frrConfig(spec, log));
  const args = [
    '-Z',
    '-n',
    '-S',
    '-p',
    String(spec.localPort),
    '-l',
    spec.localAddress,
    '-f',
    conf,
    '-i',
    join(workDir, 'bgpd.pid'),
    '--vty_socket',
    workDir,
    '-P',
    '0',
  ];
  const logTail = (lines = 40): string => `${tailFile(log, lines)}\n${tailFile(stdoutLog, lines)}`.trim();
  const check = await runCli(FRR_BGPD, ['-C', ...args]);
  if (check.code !== 0) {
    removeWorkDir(workDir);
    throw new Error(`frr: config rejected\n${check.stdout}${check.stderr}`);
  }
  const daemon = startDaemon(FRR_BGPD, args, stdoutLog);
  const vtysh = (command: string): Promise<string> =>
    runCliOk('vtysh', ['--vty_socket', workDir, '-d', 'bgpd', '-c', command]);
  try {
    await waitFor(
      'frr vty socket',
      async () => {
        if (!daemon.running()) throw new Error('bgpd exited');
        const r = await runCli('vtysh', [
          '--vty_socket',
          workDir,
          '-d',
          'bgpd',
          '-c',
          'show bgp summary json',
        ]);
        return r.code === 0 && r.stdout.includes('{') ? true : undefined;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 },
    );
  } catch (e) {
    const tail = logTail();
    await daemon.stop();
    removeWorkDir(workDir);
    throw new Error(`frr failed to start: ${(e as Error).message}\n--- log tail ---\n${tail}`);
  }

  const neighborOf = (neighbor?: string): string => neighbor ?? spec.neighbors[0]?.address ?? '';
  const peer: Peer = {
    kind: 'frr',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family: Family) => {
      if (family.endsWith('flowspec')) throw new Error('frr: use flowRoutes() for FlowSpec');
      return parseFrrRoutes(await vtysh(`show bgp ${FRR_AFI[family]} json detail`));
    },
    flowRoutes: async (afi) => parseFrrFlows(await vtysh(`show bgp ipv${afi} flowspec detail`)),
    sessionState: async (neighbor) => {
      const n = neighborOf(neighbor);
      return parseFrrState(await vtysh(`show bgp neighbors ${n} json`), n);
    },
    waitEstablished: async (timeoutMs, neighbor) => {
      await waitFor(
        'frr session established',
        async () => ((await peer.sessionState(neighbor)) === 'established' ? true : undefined),
        {
          timeoutMs,
          intervalMs: 200,
          describe: () => logTail(15),
        },
      );
    },
    routeCount: async (family, neighbor) =>
      parseFrrPfxRcd(await vtysh(`show bgp ${FRR_AFI[family]} summary json`), neighborOf(neighbor)),
    command: async (args) => {
      const flat = args.flatMap((c) => ['-c', c]);
      return runCliOk('vtysh', ['--vty_socket', workDir, '-d', 'bgpd', ...flat]);
    },
    resetSession: async (neighbor) => {
      await vtysh(`clear bgp ${neighborOf(neighbor)}`);
    },
    logTail,
    stop: async () => {
      await daemon.stop();
      removeWorkDir(workDir);
    },
  };
  return peer;
}
