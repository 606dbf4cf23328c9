/**
 * FRR bgpd as an interop peer, standalone:
 *   /usr/lib/frr/bgpd -Z -n -S -p PORT -l ADDR -f W/bgpd.conf -i W/bgpd.pid --vty_socket W -P 0
 * (-Z no zebra, -n no FIB, -S no user switch, -P 0 no vty TCP port), read back with
 * `vtysh --vty_socket W -d bgpd -c '...'`. Without zebra it logs "Error connecting to table
 * manager" every 10 s, and FlowSpec rules are "not installed in PBR": both expected.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkDir, runCli, runCliOk, tailFile } from './common.js';
import { FRR_AFI, frrConfig } from './frr-config.js';
import { parseFrrFlows, parseFrrPfxRcd, parseFrrRoutes, parseFrrState } from './frr-parse.js';
import { establishedWaiter, launch, stopper } from './launch.js';
import type { Peer, PeerSpec } from './types.js';

export const FRR_BGPD = '/usr/lib/frr/bgpd';

export async function startFrr(spec: PeerSpec): Promise<Peer> {
  const workDir = makeWorkDir('frr');
  const conf = join(workDir, 'bgpd.conf');
  const log = join(workDir, 'bgpd.log');
  const output = join(workDir, 'bgpd.stdout');
  writeFileSync(conf, frrConfig(spec, log));
  const args = ['-Z', '-n', '-S', '-p', String(spec.localPort), '-l', spec.localAddress, '-f', conf];
  args.push('-i', join(workDir, 'bgpd.pid'), '--vty_socket', workDir, '-P', '0');
  const vty = ['--vty_socket', workDir, '-d', 'bgpd'];
  const vtysh = (command: string): Promise<string> => runCliOk('vtysh', [...vty, '-c', command]);
  const logTail = (lines = 40): string => `${tailFile(log, lines)}\n${tailFile(output, lines)}`.trim();
  const daemon = await launch({
    kind: 'frr',
    workDir,
    bin: FRR_BGPD,
    args,
    outputFile: output,
    checkArgs: ['-C', ...args],
    ready: async () => {
      const r = await runCli('vtysh', [...vty, '-c', 'show bgp summary json']);
      return r.code === 0 && r.stdout.includes('{');
    },
    logTail,
  });

  const neighborOf = (neighbor?: string): string => neighbor ?? spec.neighbors[0]?.address ?? '';
  const sessionState = async (neighbor?: string) => {
    const n = neighborOf(neighbor);
    return parseFrrState(await vtysh(`show bgp neighbors ${n} json`), n);
  };
  return {
    kind: 'frr',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family) => {
      if (family.endsWith('flowspec')) throw new Error('frr: use flowRoutes() for FlowSpec');
      return parseFrrRoutes(await vtysh(`show bgp ${FRR_AFI[family]} json detail`));
    },
    flowRoutes: async (afi) => parseFrrFlows(await vtysh(`show bgp ipv${afi} flowspec detail`)),
    sessionState,
    waitEstablished: establishedWaiter('frr', sessionState, logTail),
    routeCount: async (family, neighbor) =>
      parseFrrPfxRcd(await vtysh(`show bgp ${FRR_AFI[family]} summary json`), neighborOf(neighbor)),
    command: (commands) => runCliOk('vtysh', [...vty, ...commands.flatMap((c) => ['-c', c])]),
    resetSession: async (neighbor) => {
      await vtysh(`clear bgp ${neighborOf(neighbor)}`);
    },
    logTail,
    stop: stopper(daemon, workDir),
  };
}
