/**
 * BIRD 2.0 as an interop peer: `bird -f -c W/bird.conf -s W/bird.ctl -P W/bird.pid`, read
 * back with `birdc -s W/bird.ctl`. Received unicast routes show as 'unreachable' on loopback
 * (multihop, no IGP) but are imported and counted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIRD_TABLES, birdConfig, birdProtocolName } from './bird-config.js';
import { parseBirdFlows, parseBirdImported, parseBirdRoutes, parseBirdState } from './bird-parse.js';
import { binPath, makeWorkDir, runCli, runCliOk, tailFile } from './common.js';
import { establishedWaiter, launch, stopper } from './launch.js';
import type { Family, Peer, PeerSpec } from './types.js';

export async function startBird(spec: PeerSpec): Promise<Peer> {
  const workDir = makeWorkDir('bird');
  const conf = join(workDir, 'bird.conf');
  const ctl = join(workDir, 'bird.ctl');
  const log = join(workDir, 'bird.log');
  const output = join(workDir, 'bird.stdout');
  writeFileSync(conf, birdConfig(spec, log));
  const birdc = binPath('birdc');
  const cli = (...args: string[]): Promise<string> => runCliOk(birdc, ['-s', ctl, ...args]);
  const logTail = (lines = 40): string => `${tailFile(log, lines)}\n${tailFile(output, lines)}`.trim();
  const daemon = await launch({
    kind: 'bird',
    workDir,
    bin: binPath('bird'),
    args: ['-f', '-c', conf, '-s', ctl, '-P', join(workDir, 'bird.pid')],
    outputFile: output,
    checkArgs: ['-p', '-c', conf],
    ready: async () => (await runCli(birdc, ['-s', ctl, 'show', 'status'])).code === 0,
    logTail,
  });

  const protocols = new Set(spec.neighbors.map((_, i) => birdProtocolName(i)));
  const protoOf = (neighbor?: string): string => {
    const i = neighbor === undefined ? 0 : spec.neighbors.findIndex((n) => n.address === neighbor);
    if (i < 0) throw new Error(`bird: no neighbor ${neighbor}`);
    return birdProtocolName(i);
  };
  const table = (family: Family): Promise<string> =>
    cli('show', 'route', 'table', BIRD_TABLES[family].table, 'all');
  const sessionState = async (neighbor?: string) => {
    const proto = protoOf(neighbor);
    return parseBirdState(await cli('show', 'protocols', proto), proto);
  };
  return {
    kind: 'bird',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family) => parseBirdRoutes(await table(family), protocols),
    flowRoutes: async (afi) =>
      parseBirdFlows(await table(afi === 4 ? 'ipv4-flowspec' : 'ipv6-flowspec'), protocols),
    sessionState,
    waitEstablished: establishedWaiter('bird', sessionState, logTail),
    routeCount: async (family, neighbor) =>
      parseBirdImported(
        await cli('show', 'protocols', 'all', protoOf(neighbor)),
        BIRD_TABLES[family].channel,
      ),
    command: (args) => cli(...args),
    resetSession: async (neighbor) => {
      await cli('restart', protoOf(neighbor));
    },
    logTail,
    stop: stopper(daemon, workDir),
  };
}
