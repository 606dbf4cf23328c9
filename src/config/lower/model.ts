/**
 * A configuration after lowering: every neighbor with its settings resolved (group, templates
 * and `inherit` applied, defaults filled in, ASNs and timers as numbers), its routes as wire
 * Route values in configuration order, and the helper processes. Readonly data (the routes in a
 * compact list, not an array): this is what the daemon runs and what a reload diffs.
 *
 * Defaults are ExaBGP 5.0's (bgp/neighbor.py): hold time 180 s, group-updates, auto-flush,
 * adj-rib-in and adj-rib-out on, manual-eor off, asn4 and extended-message on.
 */
import type { RouteList } from '../../rib/route-list.js';
import type { FamilyKey } from '../../wire/nlri/family.js';
import type { Span } from '../span.js';

export const DEFAULT_HOLD_TIME_SECONDS = 180;

export type AddPathDirection = 'send' | 'receive' | 'send/receive';

export interface CapabilityConfig {
  readonly asn4: boolean;
  readonly extendedMessage: boolean;
  readonly routeRefresh: boolean;
  /** RFC 4724 restart time in seconds; absent when graceful restart is off. */
  readonly gracefulRestartSeconds?: number;
  readonly multiSession: boolean;
  readonly operational: boolean;
  readonly aigp: boolean;
  readonly softwareVersion: boolean;
  /** RFC 8950 extended next hop: on when asked for, or when a `nexthop { }` block is given. */
  readonly nexthop: boolean;
  /** `capability { add-path ...; }` for every family (absent: off). */
  readonly addPath?: AddPathDirection;
}

export interface AddPathFamily {
  readonly family: FamilyKey;
  readonly direction: AddPathDirection;
}

export interface NexthopConfig {
  readonly family: FamilyKey;
  readonly nexthopAfi: number;
}

/** `api { ... }` or a 3.x `process NAME { }` written inside a neighbor. */
export interface ApiBinding {
  readonly name?: string;
  readonly processes: readonly string[];
  readonly processesMatch: readonly string[];
  readonly neighborChanges: boolean;
  readonly negotiated: boolean;
  readonly fsm: boolean;
  readonly signal: boolean;
  /** send / receive switches that were set: parsed, packets, consolidate, open, update ... */
  readonly send: Readonly<Record<string, boolean>>;
  readonly receive: Readonly<Record<string, boolean>>;
}

/** An `operational { }` message, kept as written (name and value text). */
export interface OperationalConfig {
  readonly name: string;
  readonly text: string;
}

export interface NeighborConfig {
  readonly peerAddress: string;
  /** Absent for `auto` / not given: the address of the connection is used. */
  readonly localAddress?: string;
  readonly description: string;
  /** Absent: the local address when IPv4 (ExaBGP), else must come from elsewhere. */
  readonly routerId?: string;
  /** Absent for `auto` (the peer's own ASN is used). */
  readonly localAs?: number;
  readonly peerAs?: number;
  readonly holdTimeSeconds: number;
  readonly rateLimit: number;
  readonly passive: boolean;
  /** TCP port to listen on (0: not listening). */
  readonly listen: number;
  /** TCP port to connect to (0: the default port). */
  readonly connect: number;
  readonly outgoingTtl?: number;
  readonly incomingTtl?: number;
  readonly md5Password?: string;
  readonly md5Base64: boolean;
  readonly md5Ip?: string;
  /** bgpknife's `maximum-prefix N`: routes received per family before Cease (RFC 4486). */
  readonly maximumPrefix?: number;
  /** Seconds before the session restarts after that Cease (0: stays down until a reload). */
  readonly maximumPrefixRestartSeconds?: number;
  readonly sourceInterface?: string;
  readonly hostName?: string;
  readonly domainName?: string;
  readonly groupUpdates: boolean;
  readonly autoFlush: boolean;
  readonly adjRibIn: boolean;
  readonly adjRibOut: boolean;
  readonly manualEor: boolean;
  readonly families: readonly FamilyKey[];
  readonly capability: CapabilityConfig;
  readonly addPath: readonly AddPathFamily[];
  readonly nexthop: readonly NexthopConfig[];
  readonly api: readonly ApiBinding[];
  /**
   * static, announce, flow and l2vpn routes in configuration order; a repeated NLRI appears twice
   * (the later wins in the RIB). A compact list (rib/route-list.ts): read, never changed.
   */
  readonly routes: RouteList;
  readonly operational: readonly OperationalConfig[];
  readonly span: Span;
}

export interface ProcessConfig {
  readonly name: string;
  readonly run: readonly string[];
  readonly encoder: 'text' | 'json';
  readonly respawn: boolean;
}

export interface LoweredConfig {
  readonly neighbors: readonly NeighborConfig[];
  readonly processes: readonly ProcessConfig[];
}
