/**
 * Debian's ExaBGP 4.2 (the reference implementation) as an interop peer: `exabgp W/exabgp.conf`
 * with the environment that keeps it in its work dir. It sends the spec's exports from its
 * static config; an API helper records the JSON events it receives into W/events.jsonl and
 * feeds the API commands appended to W/commands.txt (Peer.command) back to ExaBGP.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { binPath, makeWorkDir, tailFile } from './common.js';
import { EXABGP_ENV, EXABGP_FAMILIES, exabgpConfig, HELPER_PY } from './exabgp-config.js';
import { type ExabgpRib, exabgpFlow, exabgpRoute, foldExabgpEvents } from './exabgp-events.js';
import { establishedWaiter, launch, stopper } from './launch.js';
import type { Family, Peer, PeerSpec, SessionState } from './types.js';

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
  const daemon = await launch({
    kind: 'exabgp',
    workDir,
    bin: binPath('exabgp'),
    args: [conf],
    outputFile: log,
    env: { ...EXABGP_ENV },
    // No control socket here: ready once it has read its config (it exits on a bad one).
    ready: async () => readFileSync(log, 'utf8').includes('loaded new configuration successfully'),
    logTail,
  });

  const rib = (): ExabgpRib => foldExabgpEvents(readFileSync(events, 'utf8'));
  const neighborOf = (neighbor?: string): string => neighbor ?? spec.neighbors[0]?.address ?? '';
  const table = (family: Family, neighbor?: string) => {
    const ribs = rib().ribs;
    const peers =
      neighbor === undefined ? [...ribs.values()] : [ribs.get(neighbor)].filter((r) => r !== undefined);
    return peers.flatMap((r) => [...(r.get(EXABGP_FAMILIES[family]) ?? new Map()).entries()]);
  };
  const sessionState = async (neighbor?: string): Promise<SessionState> =>
    daemon.running() ? (rib().states.get(neighborOf(neighbor)) ?? 'idle') : 'down';
  return {
    kind: 'exabgp',
    spec,
    pid: daemon.pid,
    workDir,
    routes: async (family) => table(family).map(([key, e]) => exabgpRoute(key, e)),
    flowRoutes: async (afi) =>
      table(afi === 4 ? 'ipv4-flowspec' : 'ipv6-flowspec').map(([k, e]) => exabgpFlow(k, e)),
    sessionState,
    waitEstablished: establishedWaiter('exabgp', sessionState, logTail),
    routeCount: async (family, neighbor) => table(family, neighborOf(neighbor)).length,
    command: async (args) => {
      if (args.some((c) => c.includes('\n'))) throw new Error('exabgp: one API command per element');
      appendFileSync(commands, args.map((c) => `${c}\n`).join(''));
      return '';
    },
    resetSession: async () => {
      throw new Error('exabgp: resetSession is not supported (send an API command instead)');
    },
    logTail,
    stop: stopper(daemon, workDir),
  };
}
