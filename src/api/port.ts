/**
 * What the API needs of the daemon and of each peer: a narrow port, so the API is tested with
 * fakes and the daemon keeps its internals. src/daemon/api-peer.ts implements ApiPeer over a
 * running Peer.
 */
import type { NeighborConfig } from '../config/lower/model.js';
import type { Negotiated } from '../fsm/negotiate.js';
import type { AdjRibIn } from '../rib/adj-rib-in.js';
import type { AdjRibOut } from '../rib/adj-rib-out.js';
import type { PackContext } from '../rib/pack.js';

export interface ApiPeer {
  readonly config: NeighborConfig;
  /** FSM state name: idle, connect, active, opensent, openconfirm, established. */
  readonly state: string;
  readonly negotiated: Negotiated | undefined;
  /** The encoding context of the session when established (addresses, ASNs, codec). */
  readonly packContext: PackContext | undefined;
  /** Monotonic ms when the session came up (undefined when down). */
  readonly upSinceMs: number | undefined;
  /** UPDATEs received and sent since the daemon started. */
  readonly updates: { readonly received: number; readonly sent: number };
  readonly adjRibOut: AdjRibOut;
  /** Present when the neighbor keeps an Adj-RIB-In. */
  readonly adjRibIn: AdjRibIn | undefined;
  /** Send what the Adj-RIB-Out has pending (after announce/withdraw). */
  flush(): void;
  /** Send already encoded messages now; false when the session is not established. */
  sendNow(messages: readonly Buffer[]): boolean;
  /** Close the session with Cease and this subcode; the peer reconnects as configured. */
  teardown(subcode: number): void;
}

export interface ApiHost {
  peers(): readonly ApiPeer[];
  shutdown(): void;
  reload(): void;
  /** Restart: reload the configuration and restart the helpers (ExaBGP's `restart`). */
  restart(): void;
  readonly version: string;
  nowMs(): number;
}
