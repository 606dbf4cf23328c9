/**
 * Debian's ExaBGP 4.2 (the reference implementation) as an interop peer: `exabgp W/exabgp.conf`
 * with the environment that keeps it in its work dir. It sends the spec's exports from its
 * static config; an API helper records the JSON events it receives into W/events.jsonl and
 * feeds the API commands appended to W/commands.txt (Peer.command) back to ExaBGP.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, makeWorkDir, removeWorkDir, startDaemon, tailFile, waitFor } from './common.js';
import { EXABGP_ENV, EXABGP_FAMILIES, exabgpConfig, HELPER_PY } from './exabgp-config.js';
import { type ExabgpRib, exabgpFlow, exabgpRoute, foldExabgpEvents } from './exabgp-events.js';
import type { Family, Peer, PeerSpec } from './types.js';

/** How long ExaBGP may take to log "loaded new configuration successfully". */
const START_TIMEOUT_MS = 10_000;

export async function startExabgp(spec: PeerSpec): Promise<Peer> {
  const workDir = makeWorkDir('exabgp');
  const conf = join(workDir, 'exabgp.conf');
  const helper = join(workDir, 'helper.py');
  const events = join(workDir, 'events.jsonl');
  const commands = join(workDir, 'commands.txt');
  const log = join(workDir, 'exabgp.log');
  writeFileSync(helper, HELPER_PY);
  writeFileSync(events, '');
  writeFileSync(commands, '');
  writeFileSync(conf, exabgpConfig(spec, helper, events, commands));
  const logTail = (lines = 40): string => tailFile(log, lines);
  const daemon = startDaemon(binPath('exabgp'), [conf], log, { ...EXABGP_ENV });
  try {
    // ExaBGP has no control socket here: wait until it has read its config and started the
    // API helper (or died on a config error).
    await waitFor(
      'exabgp startup',
      async () => {
        if (!daemon.running()) throw new Error('exabgp exited');
        return readFileSync(log, 'utf8').includes('loaded new configuration successfully') ? true : undefined;
      },
      { timeoutMs: START_TIMEOUT_MS, intervalMs: 100 },
    );
  } catch (e) {
    const tail = logTail();
    await daemon.stop();
    removeWorkDir(workDir);
    throw new Error(`exabgp failed to start: ${(e as Error).message}\n--- log tail ---\n${tail}`);
  }

  const rib = (): ExabgpRib => foldExabgpEvents(readFileSync(events, 'utf8'));
  const neighborOf = (neighbor?: string): string => neighbor ?? spec.neighbors[0]?.address ?? '';
  const table = (family: Family, neighbor?: string) => {
    const ribs = rib().ribs;
    const peers =
      neighbor === undefined ? [...ribs.values()] : [ribs.get(neighbor)].filter((r) => r !== undefined);
    return peers.flatMap((r) => [...(r.get(EXABGP_FAMILIES[family]) ?? new Map()).entries()]);
  };
  const peer: Peer = {
    kind: 'exabgp',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family) => table(family).map(([key, e]) => exabgpRoute(key, e)),
    flowRoutes: async (afi) =>
      table(afi === 4 ? 'ipv4-flowspec' : 'ipv6-flowspec').map(([k, e]) => exabgpFlow(k, e)),
    sessionState: async (neighbor) =>
      daemon.running() ? (rib().states.get(neighborOf(neighbor)) ?? 'idle') : 'down',
    waitEstablished: async (timeoutMs, neighbor) => {
      await waitFor(
        'exabgp session established',
        async () => ((await peer.sessionState(neighbor)) === 'established' ? true : undefined),
        {
          timeoutMs,
          intervalMs: 200,
          describe: () => logTail(15),
        },
      );
    },
    routeCount: async (family, neighbor) => table(family, neighborOf(neighbor)).length,
    command: async (args) => {
      for (const c of args) if (c.includes('\n')) throw new Error('exabgp: one API command per element');
      appendFileSync(commands, args.map((c) => `${c}\n`).join(''));
      return '';
    },
    resetSession: async () => {
      throw new Error('exabgp: resetSession is not supported (send an API command instead)');
    },
    logTail,
    stop: async () => {
      await daemon.stop();
      removeWorkDir(workDir);
    },
  };
  return peer;
}
