/**
 * One bgpknife Peer (src/daemon/peer.ts, the daemon's own class, real clock) listening on a
 * loopback port of its own, for tests that script the other side over real TCP. Several of
 * them in one process share the event loop, as the daemon's peers do.
 */
import assert from 'node:assert/strict';
import type { NeighborConfig } from '../../src/config/lower/model.js';
import { SYSTEM_CLOCK } from '../../src/daemon/clock.js';
import { loadConfigText } from '../../src/daemon/load.js';
import { Peer } from '../../src/daemon/peer.js';
import { type Listener, tcpListen } from '../../src/transport/tcp.js';

export interface KnifePeer {
  readonly peer: Peer;
  readonly port: number;
  /** Every session end, as "reason" or "reason code/subcode". */
  readonly downs: string[];
  stop(): Promise<void>;
}

/** A passive neighbor 127.0.0.1 (local AS 65000, peer AS `peerAs`) with `extra` lines inside. */
export function neighborText(peerAs: number, extra = ''): string {
  return `neighbor 127.0.0.1 { router-id 10.0.0.1; local-address 127.0.0.1; local-as 65000;
  peer-as ${peerAs}; passive true; hold-time 30; family { ipv4 unicast; } ${extra} }\n`;
}

export function neighborOf(text: string): NeighborConfig {
  const loaded = loadConfigText(text, 'knife-peer.conf');
  assert.ok(loaded.config, loaded.messages.join('\n'));
  return loaded.config.neighbors[0]!;
}

export async function startKnifePeer(config: NeighborConfig): Promise<KnifePeer> {
  const downs: string[] = [];
  const peer = new Peer(config, {
    clock: SYSTEM_CLOCK,
    random: Math.random,
    open: { softwareVersion: 'bgpknife/test', hostName: 'test', domainName: '', restarted: false },
    connect: () => Promise.reject(new Error('passive')),
    connectRetrySeconds: 1,
    attempts: 0,
    finished: () => {},
  });
  peer.observer = {
    established: () => {},
    down: (reason, _was, n) => downs.push(n ? `${reason} ${n.code}/${n.subcode}` : reason),
    received: () => {},
    sent: () => {},
  };
  const listener: Listener = await tcpListen('127.0.0.1', 0, (c) => peer.accept(c));
  peer.start();
  return {
    peer,
    port: listener.address.port,
    downs,
    async stop() {
      peer.stop();
      await listener.close();
    },
  };
}
