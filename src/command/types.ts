/**
 * THE command model: what a helper process's text line, a CLI command or a configuration
 * route means, as plain readonly data with a `kind` tag. parseCommand (parse.ts) makes these
 * from ExaBGP's API text; an adapter (api/, cli/) only executes them.
 *
 * Route commands carry their routes already lowered to wire values (rib/route.ts Route), so
 * executing one is only a RIB operation. A `next-hop self` stays symbolic until sent.
 */
import type { Route } from '../rib/route.js';
import type { Attribute } from '../wire/attribute/types.js';
import type { FamilyKey } from '../wire/nlri/family.js';

/**
 * One `neighbor IP [local-ip IP] [local-as N] [peer-as N] [router-id ID] [family-allowed F]`
 * selector (`neighbor *`: ip '*'). A peer matches when every given field matches.
 */
export interface NeighborSelector {
  readonly ip: string;
  readonly localIp?: string;
  readonly localAs?: number;
  readonly peerAs?: number;
  readonly routerId?: string;
  /** As ExaBGP writes it: `ipv4-unicast/ipv6-unicast` or `in-open`. */
  readonly familyAllowed?: string;
}

export type RouteAction = 'announce' | 'withdraw';

export type Command =
  /** announce|withdraw route/flow/vpls/attributes/family-first forms: the routes, in order. */
  | { readonly kind: 'routes'; readonly action: RouteAction; readonly routes: readonly Route[] }
  /**
   * ExaBGP 6's `group CMD ; CMD ...`: the commands, to be sent together. A leading
   * `attributes ...` in the group was merged into the routes of the commands after it.
   */
  | { readonly kind: 'group'; readonly commands: readonly Command[] }
  /** ExaBGP 6's `attributes ...` without `nlri`: an UPDATE of path attributes and no NLRI. */
  | { readonly kind: 'attributes'; readonly attributes: readonly Attribute[] }
  /** announce eor [AFI SAFI] (absent: every negotiated family). */
  | { readonly kind: 'eor'; readonly family?: FamilyKey }
  | { readonly kind: 'route-refresh'; readonly family: FamilyKey }
  | {
      readonly kind: 'operational';
      /** asm, adm, rpcq, rpcp, apcq, apcp, lpcq, lpcp. */
      readonly message: string;
      readonly family: FamilyKey;
      readonly advisory?: string;
      readonly sequence?: number;
      readonly counter?: number;
    }
  | { readonly kind: 'watchdog'; readonly action: RouteAction; readonly name: string }
  | { readonly kind: 'show-neighbor'; readonly detail: 'default' | 'summary' | 'extensive' | 'configuration' }
  | { readonly kind: 'show-adj-rib'; readonly direction: 'in' | 'out'; readonly extensive: boolean }
  | { readonly kind: 'flush-adj-rib-out' }
  | { readonly kind: 'clear-adj-rib'; readonly direction: 'in' | 'out' }
  /** teardown N: Cease with subcode N. */
  | { readonly kind: 'teardown'; readonly subcode: number }
  | {
      readonly kind:
        | 'shutdown'
        | 'reload'
        | 'restart'
        | 'version'
        | 'help'
        | 'enable-ack'
        | 'disable-ack'
        | 'silence-ack';
    };

/** A parsed line: the command and which neighbors it is for (absent: every neighbor of the helper). */
export interface ParsedCommand {
  readonly command: Command;
  readonly neighbors?: readonly NeighborSelector[];
}

export type ParseResult = ParsedCommand | { readonly error: string };
