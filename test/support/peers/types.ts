/**
 * Types shared by the interop harness: what a test asks for (PeerSpec), and the normalised
 * shapes read back from each real BGP implementation (Route, FlowRoute, SessionState).
 */

export type PeerKind = 'bird' | 'frr' | 'gobgp' | 'exabgp';

/** Address families, named as bgpknife names them; each peer maps them to its own words. */
export type Family =
  | 'ipv4-unicast'
  | 'ipv6-unicast'
  | 'ipv4-flowspec'
  | 'ipv6-flowspec'
  | 'ipv4-vpn'
  | 'ipv6-vpn'
  | 'ipv4-labeled'
  | 'ipv6-labeled';

export interface NeighborSpec {
  /** The neighbor's address (the address bgpknife binds or connects from). */
  readonly address: string;
  readonly as: number;
  /** When given, the peer connects out to address:port; otherwise it only accepts. */
  readonly port?: number;
  readonly md5Password?: string;
  readonly families: readonly Family[];
}

/** A unicast route the peer originates towards its neighbors. */
export interface RouteExport {
  readonly prefix: string;
  readonly nextHop: string;
  /** AS numbers after the peer's own (which eBGP prepends), first to last. */
  readonly asPath?: readonly number[];
  readonly med?: number;
  readonly localPref?: number;
  /** 'asn:value' */
  readonly communities?: readonly string[];
  /** 'global:local1:local2' */
  readonly largeCommunities?: readonly string[];
  /** Route targets only, 'asn:value' (written as target:asn:value by ExaBGP, rt by others). */
  readonly routeTargets?: readonly string[];
  /** VPN families: the route distinguisher ('asn:value' or 'ip:value'). */
  readonly rd?: string;
  /** VPN and labeled families: the MPLS label stack. */
  readonly labels?: readonly number[];
}

export type FlowAction =
  | { readonly kind: 'discard' }
  | { readonly kind: 'rate-limit'; readonly bytesPerSecond: number }
  | { readonly kind: 'redirect'; readonly target: string }
  | { readonly kind: 'mark'; readonly dscp: number };

/** A FlowSpec rule the peer originates (equality matches only: enough for interop tests). */
export interface FlowExport {
  readonly afi: 4 | 6;
  readonly destination?: string;
  readonly source?: string;
  /** IP protocol (IPv4) or next header (IPv6) numbers. */
  readonly protocol?: readonly number[];
  readonly destinationPort?: readonly number[];
  readonly sourcePort?: readonly number[];
  readonly action: FlowAction;
}

export interface PeerSpec {
  readonly kind: PeerKind;
  /** 127.0.0.x or ::1; the peer listens (and connects from) here. */
  readonly localAddress: string;
  readonly localPort: number;
  readonly localAs: number;
  readonly routerId: string;
  readonly neighbors: readonly NeighborSpec[];
  readonly holdTime?: number;
  readonly gracefulRestart?: boolean;
  readonly exports?: readonly RouteExport[];
  readonly flowExports?: readonly FlowExport[];
}

/** A received route, normalised across implementations. */
export interface Route {
  readonly prefix: string;
  readonly nextHop: string;
  readonly asPath: readonly number[];
  readonly med?: number;
  readonly localPref?: number;
  readonly communities: readonly string[];
  readonly largeCommunities: readonly string[];
  /** As the peer prints them, lower-cased (e.g. 'rt:65000:1' or 'target:65000:1'). */
  readonly extCommunities: readonly string[];
  /** VPN families: the route distinguisher, as 'asn:value' or 'ip:value'. */
  readonly rd?: string;
  /** VPN and labeled families, when the peer prints them. */
  readonly labels?: readonly number[];
}

/**
 * A received FlowSpec rule. `raw` is what the peer printed; `components` maps normalised
 * component names (destination, source, protocol, destination-port, source-port, port, ...)
 * to normalised values ('10.0.0.0/24', '=6', '=80 =443'); `actions` are normalised
 * ('discard', 'rate-limit:1000', 'redirect:65000:1', 'mark:10') or raw when unknown.
 */
export interface FlowRoute {
  readonly raw: string;
  readonly components: Readonly<Record<string, string>>;
  readonly actions: readonly string[];
}

export type SessionState =
  | 'idle'
  | 'connect'
  | 'active'
  | 'opensent'
  | 'openconfirm'
  | 'established'
  | 'down';

export interface Peer {
  readonly kind: PeerKind;
  readonly spec: PeerSpec;
  readonly pid: number;
  readonly workDir: string;
  /** Best routes the peer holds for the family (received and, for some peers, local). */
  routes(family: Family): Promise<Route[]>;
  flowRoutes(afi: 4 | 6): Promise<FlowRoute[]>;
  /** State of the session with `neighbor` (default: the first neighbor). */
  sessionState(neighbor?: string): Promise<SessionState>;
  waitEstablished(timeoutMs: number, neighbor?: string): Promise<void>;
  /** Routes received from `neighbor` (default: the first) in the family. */
  routeCount(family: Family, neighbor?: string): Promise<number>;
  /**
   * The peer's own CLI, for anything the harness does not wrap; returns its output.
   * BIRD: birdc words; FRR: one vtysh command per element; GoBGP: gobgp arguments
   * (e.g. ['global', 'rib', 'add', '10.0.0.0/24', 'nexthop', '192.0.2.1']); ExaBGP: each
   * element is one API command ('announce route ...'), fed to ExaBGP by the helper (returns '').
   */
  command(args: readonly string[]): Promise<string>;
  /** Drops and restarts the session with `neighbor` (BIRD restart, FRR clear, GoBGP reset). */
  resetSession(neighbor?: string): Promise<void>;
  /** The last lines of the peer's log (for assertion messages). */
  logTail(lines?: number): string;
  /** Ends exactly this peer's process and removes its work dir. Safe to call twice. */
  stop(): Promise<void>;
}
