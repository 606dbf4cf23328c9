/**
 * BIRD 2.0 as an interop peer: `bird -f -c W/bird.conf -s W/bird.ctl -P W/bird.pid`, read
 * back with `birdc -s W/bird.ctl`. Received unicast routes show as 'unreachable' on loopback
 * (multihop, no IGP) but are imported and counted.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIRD_TABLES, birdConfig, birdProtocolName } from './bird-config.js';
import { parseBirdFlows, parseBirdImported, parseBirdRoutes, parseBirdState } from './bird-parse.js';
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
import type { Family, Peer, PeerSpec } from './types.js';

/** How long BIRD may take to open its control socket. */
const START_TIMEOUT_MS = 10_000;

export async function startBird(spec: PeerSpec): Promise<Peer> {
  const workDir = makeWorkDir('bird');
  const conf = join(workDir, 'bird.conf');
  const ctl = join(workDir, 'bird.ctl');
  const log = join(workDir, 'bird.log');
  const stdoutLog = join(workDir, 'bird.stdout');
  writeFileSync(conf, birdConfig(spec, log));
  const bird = binPath('bird');
  const birdc = binPath('birdc');
  const logTail = (lines = 40): string => `${tailFile(log, lines)}\n${tailFile(stdoutLog, lines)}`.trim();

  const check = await runCli(bird, ['-p', '-c', conf]);
  if (check.code !== 0) {
    removeWorkDir(workDir);
    throw new Error(`bird: config rejected\n${check.stdout}${check.stderr}`);
  }
  const daemon = startDaemon(bird, ['-f', '-c', conf, '-s', ctl, '-P', join(workDir, 'bird.pid')], stdoutLog);
  const cli = (...args: string[]): Promise<string> => runCliOk(birdc, ['-s', ctl, ...args]);
  try {
    await waitFor(
      'bird control socket',
      async () => {
        if (!daemon.running()) throw new Error('bird exited');
        return (await runCli(birdc, ['-s', ctl, 'show', 'status'])).code === 0 ? true : undefined;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 },
    );
  } catch (e) {
    const tail = logTail();
    await daemon.stop();
    removeWorkDir(workDir);
    throw new Error(`bird failed to start: ${(e as Error).message}\n--- log tail ---\n${tail}`);
  }

  const protocols = new Set(spec.neighbors.map((_, i) => birdProtocolName(i)));
  const protoOf = (neighbor?: string): string => {
    const i = neighbor === undefined ? 0 : spec.neighbors.findIndex((n) => n.address === neighbor);
    if (i < 0) throw new Error(`bird: no neighbor ${neighbor}`);
    return birdProtocolName(i);
  };
  const table = (family: Family): Promise<string> =>
    cli('show', 'route', 'table', BIRD_TABLES[family].table, 'all');

  const peer: Peer = {
    kind: 'bird',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family) => parseBirdRoutes(await table(family), protocols),
    flowRoutes: async (afi) =>
      parseBirdFlows(await table(afi === 4 ? 'ipv4-flowspec' : 'ipv6-flowspec'), protocols),
    sessionState: async (neighbor) => {
      const proto = protoOf(neighbor);
      return parseBirdState(await cli('show', 'protocols', proto), proto);
    },
    waitEstablished: async (timeoutMs, neighbor) => {
      await waitFor(
        'bird session established',
        async () => ((await peer.sessionState(neighbor)) === 'established' ? true : undefined),
        {
          timeoutMs,
          intervalMs: 200,
          describe: () => logTail(15),
        },
      );
    },
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
    stop: async () => {
      await daemon.stop();
      removeWorkDir(workDir);
    },
  };
  return peer;
}
