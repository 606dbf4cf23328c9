/**
 * A route as bgpknife holds it: the NLRI (with its family and path identifier), the next hop,
 * and the other path attributes. The same value comes from a configuration `static` route, a
 * helper's `announce route ...` and the CLI; the Adj-RIB-Out keeps it and the packer turns it
 * into UPDATEs.
 */
import type { Attribute } from '../wire/attribute/types.js';
import type { Nlri } from '../wire/nlri/types.js';

/**
 * `self` is resolved per neighbor to its local address when the route is sent. An IPv6 next hop
 * may carry a link-local address too (RFC 2545 §3: the 32-octet global + link-local form).
 */
export type NextHop =
  | { readonly kind: 'ip'; readonly ip: string; readonly linkLocal?: string }
  | { readonly kind: 'self' };

export interface Route {
  readonly nlri: Nlri;
  /** Absent for families without a next hop (FlowSpec without redirect-to-IP). */
  readonly nextHop?: NextHop;
  /**
   * Path attributes other than NEXT_HOP, MP_REACH_NLRI and MP_UNREACH_NLRI, in type-code
   * order. Routes parsed from the same attribute text share one array (interned), which is
   * what lets the packer group them into one UPDATE cheaply.
   */
  readonly attributes: readonly Attribute[];
  /** ExaBGP's `watchdog NAME`: the route is announced/withdrawn with that watchdog. */
  readonly watchdog?: string;
  /** ExaBGP's `withdraw` flag on a static route: held back until its watchdog announces it. */
  readonly startWithdrawn?: boolean;
}
