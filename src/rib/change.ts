/**
 * What the Adj-RIB-Out hands to the packer: changes to send, grouped as ExaBGP groups them (by
 * attributes and next hop, then by family), and the RFC 7313 markers around a refresh.
 */
import type { Attribute } from '../wire/attribute/types.js';
import type { FamilyKey } from '../wire/nlri/family.js';
import type { NextHop, Route } from './route.js';
import type { PackedChanges, PackedV6Changes } from './route-store.js';

/** A route to withdraw. Its attributes still matter: ExaBGP groups withdrawals by them. */
export interface Withdrawal {
  readonly withdraw: Route;
}

/** An announcement is the route itself (no wrapper object per route: 1M routes stay lean). */
export type Change = Route | Withdrawal;

export function isWithdrawal(c: Change): c is Withdrawal {
  return (c as Withdrawal).withdraw !== undefined;
}

export function changeRoute(c: Change): Route {
  return isWithdrawal(c) ? c.withdraw : c;
}

/** Changes of one family sharing attributes and next hop, in the order they were made. */
export interface ChangeGroup {
  readonly kind: 'changes';
  readonly family: FamilyKey;
  readonly attributes: readonly Attribute[];
  readonly nextHop: NextHop | undefined;
  /** Made on first use when the group comes `packed`. */
  readonly changes: readonly Change[];
  /**
   * The same changes as route keys, when all are plain IPv4 unicast routes (route-store.ts):
   * the packer reads these and never makes the Route values.
   */
  readonly packed?: PackedChanges;
  /** The same for plain IPv6 unicast routes (their keys). */
  readonly packedV6?: PackedV6Changes;
  /** Each change gets its own UPDATE whatever group-updates says (route refresh answers). */
  readonly single?: boolean;
}

/** RFC 7313 §4: Beginning-of-RIB-Refresh (1) / End-of-RIB-Refresh (2) around a refresh. */
export interface RefreshMarker {
  readonly kind: 'route-refresh';
  readonly family: FamilyKey;
  readonly subtype: 1 | 2;
}

export type Outgoing = ChangeGroup | RefreshMarker;
