/**
 * The configuration model: what a parsed ExaBGP configuration file means, as plain readonly
 * data with a `kind` tag and a Span on every node. Sections keep their source order (a
 * neighbor's `items`), so the printer can write them back and a reload can diff them; the
 * lowering to peers and wire values is done elsewhere (config/lower).
 */
import type { RouteList } from '../rib/route-list.js';
import type { Diagnostic } from './diagnostic.js';
import type { Span } from './span.js';

/** A typed setting value. Flags written alone (`passive;`) are booleans set to true. */
export type Value =
  | { readonly type: 'boolean'; readonly value: boolean }
  | { readonly type: 'number'; readonly value: number }
  | { readonly type: 'word'; readonly value: string }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'list'; readonly values: readonly string[] };

/** `key value;` inside a neighbor, process, capability, api or send/receive block. */
export interface Setting {
  readonly kind: 'setting';
  readonly key: string;
  readonly value: Value;
  readonly span: Span;
}

export interface Config {
  readonly kind: 'config';
  /** Top-level items in source order. */
  readonly items: readonly TopItem[];
  readonly span: Span;
}

export type TopItem = Process | Neighbor;

export interface Process {
  readonly kind: 'process';
  readonly name: string;
  /** run (list of argv words), encoder (word), respawn (boolean). */
  readonly settings: readonly Setting[];
  readonly span: Span;
}

/**
 * A neighbor, a template neighbor (`template { neighbor NAME { } }`) or a legacy group
 * (`group NAME { ... neighbor ... }`, ExaBGP 3.x/4.0). For a neighbor, `name` is the peer address.
 */
export interface Neighbor {
  readonly kind: 'neighbor' | 'template' | 'group';
  readonly name: string;
  readonly items: readonly NeighborItem[];
  readonly span: Span;
}

export type NeighborItem =
  | Setting
  | FamilyBlock
  | CapabilityBlock
  | NexthopBlock
  | Api
  | StaticBlock
  | AnnounceBlock
  | FlowBlock
  | L2vpnBlock
  | OperationalBlock
  | Process
  | Neighbor;

export interface FamilyEntry {
  readonly afi: string;
  /** Absent for `all;` and for `ipv4;` meaning every SAFI of the AFI. */
  readonly safi?: string;
  /** add-path only: send, receive or send/receive. */
  readonly direction?: string;
  readonly span: Span;
}

/** `family { ... }` or `add-path { ... }`. */
export interface FamilyBlock {
  readonly kind: 'family' | 'add-path';
  readonly entries: readonly FamilyEntry[];
  readonly span: Span;
}

export interface CapabilityBlock {
  readonly kind: 'capability';
  readonly settings: readonly Setting[];
  readonly span: Span;
}

export interface NexthopEntry {
  readonly afi: string;
  readonly safi: string;
  readonly nexthopAfi: string;
  readonly span: Span;
}

export interface NexthopBlock {
  readonly kind: 'nexthop';
  readonly entries: readonly NexthopEntry[];
  readonly span: Span;
}

/** `api [NAME] { processes [..]; neighbor-changes; send { .. } receive { .. } }`. */
export interface Api {
  readonly kind: 'api';
  readonly name?: string;
  /** processes, processes-match (lists) and the booleans neighbor-changes, negotiated, fsm, signal. */
  readonly settings: readonly Setting[];
  readonly send?: DirectionBlock;
  readonly receive?: DirectionBlock;
  readonly span: Span;
}

export interface DirectionBlock {
  readonly kind: 'send' | 'receive';
  readonly settings: readonly Setting[];
  readonly span: Span;
}

export interface StaticBlock {
  readonly kind: 'static';
  readonly routes: readonly Route[];
  /** What validate's route checks said of `routes`; they run while parsing, where spans are known. */
  readonly checks?: readonly Diagnostic[];
  /** Set when the routes were taken while parsing (`routes` is then empty): see StreamedRoutes. */
  readonly streamed?: StreamedRoutes;
  readonly span: Span;
}

/** 5.0's `announce { ipv4 { unicast PREFIX ...; } }`: routes carry their afi and safi. */
export interface AnnounceBlock {
  readonly kind: 'announce';
  readonly routes: readonly Route[];
  /** What validate's route checks said of `routes`; they run while parsing, where spans are known. */
  readonly checks?: readonly Diagnostic[];
  /** Set when the routes were taken while parsing (`routes` is then empty): see StreamedRoutes. */
  readonly streamed?: StreamedRoutes;
  readonly span: Span;
}

/**
 * What a static, announce or l2vpn section keeps when parseConfig was given a RouteStream: its
 * route statements are checked (and lowered, for the daemon) as they are parsed and not kept,
 * so a million-route file never holds a million syntax trees. A printer needs the statements:
 * `validate --print` parses without a stream.
 */
export interface StreamedRoutes {
  /** Route statements the section had. */
  readonly statements: number;
  /** The statements lowered to wire routes in order (empty when they were only checked). */
  readonly routes: RouteList;
  /** What lowering said, replayed by lowerConfig when a neighbor uses the section. */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * One route: `route PREFIX ...` (static), `unicast PREFIX ...` (announce), `vpls [NAME] ...`
 * (l2vpn). `prefix` is absent for NLRI described only by fields (vpls, mup, mcast-vpn).
 *
 * Memory: its attributes carry no spans (the section's `checks` were made while parsing, with
 * them), so equal values, and equal lists of values, are one shared object across routes: a
 * million-route file holds a handful of distinct attributes, not five million.
 */
export interface Route {
  readonly kind: 'route';
  /** The statement keyword: route, unicast, multicast, nlri-mpls, mpls-vpn, mcast-vpn, mup, flow, vpls. */
  readonly keyword: string;
  readonly afi?: string;
  readonly prefix?: string;
  /** vpls NAME { ... }. */
  readonly name?: string;
  readonly attributes: readonly AttributeValue[];
  readonly span: Span;
}

/**
 * One attribute as parsed: its typed value with the span of `keyword value` (in one object).
 * FlowSpec routes keep these; other routes keep the values only (see Route).
 */
export type RouteAttribute = AttributeValue & { readonly span: Span };

export interface AsPathSegment {
  readonly type: 'sequence' | 'set';
  readonly asns: readonly number[];
}

/** An extended community as written: `target:65000:1` is { type: 'target', value: '65000:1' }. */
export interface ExtendedCommunity {
  readonly type: string;
  readonly value: string;
}

export type AttributeValue =
  | { readonly kind: 'next-hop'; readonly address: string }
  | { readonly kind: 'origin'; readonly origin: 'igp' | 'egp' | 'incomplete' }
  | {
      readonly kind: 'med' | 'local-preference' | 'aigp' | 'path-information' | 'split';
      readonly value: number;
    }
  | { readonly kind: 'as-path'; readonly segments: readonly AsPathSegment[] }
  | { readonly kind: 'atomic-aggregate' | 'withdraw' }
  | { readonly kind: 'aggregator'; readonly asn: number; readonly address: string }
  | { readonly kind: 'originator-id'; readonly address: string }
  | { readonly kind: 'cluster-list'; readonly ids: readonly string[] }
  | { readonly kind: 'community'; readonly values: readonly number[] }
  | { readonly kind: 'large-community'; readonly values: readonly (readonly [number, number, number])[] }
  | { readonly kind: 'extended-community'; readonly values: readonly ExtendedCommunity[] }
  | { readonly kind: 'rd'; readonly value: string }
  | { readonly kind: 'label'; readonly labels: readonly number[] }
  | { readonly kind: 'generic'; readonly code: number; readonly flags: number; readonly data: string }
  | { readonly kind: 'name' | 'watchdog'; readonly value: string }
  /** bgp-prefix-sid and bgp-prefix-sid-srv6: their value kept as canonical text. */
  | { readonly kind: 'prefix-sid'; readonly keyword: string; readonly text: string }
  /** NLRI fields of families described by keywords (vpls endpoint, mup teid, mcast-vpn rp ...). */
  | { readonly kind: 'field'; readonly name: string; readonly value?: string };

/** `flow { route [NAME] { match { } then { } scope { } rd ..; next-hop ..; } }`. */
export interface FlowBlock {
  readonly kind: 'flow';
  readonly routes: readonly FlowRoute[];
  readonly span: Span;
}

/** One match component, then-action or scope line: its name and its value as written. */
export interface FlowStatement {
  readonly kind: 'flow-statement';
  readonly name: string;
  /** The value tokens joined by single spaces ('' when there is none). */
  readonly text: string;
  readonly span: Span;
}

export interface FlowRoute {
  readonly kind: 'flow-route';
  readonly name?: string;
  readonly match: readonly FlowStatement[];
  readonly then: readonly FlowStatement[];
  readonly scope: readonly FlowStatement[];
  /** rd, next-hop and other route attributes given in the route block. */
  readonly attributes: readonly RouteAttribute[];
  readonly span: Span;
}

export interface L2vpnBlock {
  readonly kind: 'l2vpn';
  readonly routes: readonly Route[];
  /** What validate's route checks said of `routes`; they run while parsing, where spans are known. */
  readonly checks?: readonly Diagnostic[];
  /** Set when the routes were taken while parsing (`routes` is then empty): see StreamedRoutes. */
  readonly streamed?: StreamedRoutes;
  readonly span: Span;
}

/** `operational { asm afi ipv4 safi unicast advisory "text"; ... }`, kept as written. */
export interface OperationalBlock {
  readonly kind: 'operational';
  readonly messages: readonly FlowStatement[];
  readonly span: Span;
}
