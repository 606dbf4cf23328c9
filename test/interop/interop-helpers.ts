/**
 * Shared pieces of the interop harness tests: the wait budget, skip-or-fail for binaries,
 * loopback endpoints, finders with useful assertion messages.
 */
import assert from 'node:assert/strict';
import type { TestContext } from 'node:test';
import {
  type FlowRoute,
  freePort,
  loopbackAddress,
  type Peer,
  type PeerKind,
  type Route,
  requirePeer,
} from '../support/peers/index.js';

/** Per-scenario budget for sessions and routes (the whole file should stay well under 60 s). */
export const WAIT_MS = 20_000;

export function need(t: TestContext, ...kinds: Array<PeerKind | 'tshark'>): boolean {
  return kinds.every((k) => requirePeer(k, t));
}

export async function stopAll(peers: Array<Peer | undefined>): Promise<void> {
  await Promise.all(peers.map((p) => p?.stop()));
}

export function find(routes: readonly Route[], prefix: string): Route {
  const r = routes.find((x) => x.prefix === prefix);
  assert.ok(r, `${prefix} not in ${JSON.stringify(routes)}`);
  return r;
}

export function findFlow(flows: readonly FlowRoute[], destination: string): FlowRoute {
  const f = flows.find((x) => x.components.destination === destination);
  assert.ok(f, `no rule for ${destination} in ${JSON.stringify(flows)}`);
  return f;
}

export async function endpoint(): Promise<{ address: string; port: number }> {
  const address = loopbackAddress();
  return { address, port: await freePort(address) };
}
