/**
 * The interop harness: start a real BGP implementation (BIRD 2, FRR bgpd, GoBGP, ExaBGP 4.2)
 * on loopback from a PeerSpec and read back what it learned through its own CLI or API.
 * See README.md beside this file.
 */
import { startBird } from './bird.js';
import { waitFor } from './common.js';
import { startExabgp } from './exabgp.js';
import { startFrr } from './frr.js';
import { startGobgp } from './gobgp.js';
import type { Family, FlowRoute, Peer, PeerSpec, Route } from './types.js';

export {
  type Capture,
  type CaptureReport,
  CaptureUnavailableError,
  captureOrSkip,
  decodeCapture,
  startCapture,
} from './capture.js';
export { freePort, loopbackAddress, requirePeer, skipOrFail, waitFor } from './common.js';
export type * from './types.js';

export function startPeer(spec: PeerSpec): Promise<Peer> {
  switch (spec.kind) {
    case 'bird':
      return startBird(spec);
    case 'frr':
      return startFrr(spec);
    case 'gobgp':
      return startGobgp(spec);
    case 'exabgp':
      return startExabgp(spec);
  }
}

/** Polls `peer.routes(family)` until it holds at least `count` routes; returns them. */
export function waitForRoutes(
  peer: Peer,
  family: Family,
  count: number,
  timeoutMs: number,
): Promise<Route[]> {
  return waitFor(
    `${count} ${family} route(s) at ${peer.kind}`,
    async () => {
      const routes = await peer.routes(family);
      return routes.length >= count ? routes : undefined;
    },
    { timeoutMs, intervalMs: 250, describe: () => peer.logTail(15) },
  );
}

/** Polls `peer.flowRoutes(afi)` until it holds at least `count` rules; returns them. */
export function waitForFlows(peer: Peer, afi: 4 | 6, count: number, timeoutMs: number): Promise<FlowRoute[]> {
  return waitFor(
    `${count} IPv${afi} FlowSpec rule(s) at ${peer.kind}`,
    async () => {
      const flows = await peer.flowRoutes(afi);
      return flows.length >= count ? flows : undefined;
    },
    { timeoutMs, intervalMs: 250, describe: () => peer.logTail(15) },
  );
}
