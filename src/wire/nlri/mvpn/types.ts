/**
 * MCAST-VPN NLRI values (RFC 6514 §4, as ExaBGP 5.0.13 parses them): Source Active A-D and the
 * two C-multicast routes, discriminated by `route`; the other route types are kept whole.
 */
import type { NlriBase } from '../codec.js';
import type { RouteDistinguisher } from '../qualifier/rd.js';

/** MCAST-VPN route type codes (RFC 6514 §4). */
export const MVPN_ROUTE = {
  SOURCE_AD: 5, // Source Active A-D, §4.5
  SHARED_JOIN: 6, // C-multicast Shared Tree Join, §4.6
  SOURCE_JOIN: 7, // C-multicast Source Tree Join, §4.6
} as const;

interface MvpnBase extends NlriBase {
  readonly kind: 'mvpn';
}

/** Route type 5: Source Active A-D. */
export interface MvpnSourceAd extends MvpnBase {
  readonly route: 'source-ad';
  readonly rd: RouteDistinguisher;
  readonly source: string;
  readonly group: string;
}

/** Route types 6 and 7: C-multicast Shared Tree Join (source is the C-RP) and Source Tree Join. */
export interface MvpnJoin extends MvpnBase {
  readonly route: 'shared-join' | 'source-join';
  readonly rd: RouteDistinguisher;
  readonly sourceAs: number;
  readonly source: string;
  readonly group: string;
}

/** Any other route type (1-4 and unassigned): its body is kept whole. */
export interface MvpnUnknown extends MvpnBase {
  readonly route: 'unknown';
  readonly code: number;
  readonly raw: Buffer;
}

export type MvpnNlri = MvpnSourceAd | MvpnJoin | MvpnUnknown;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The route-specific part of a value, as the per-type decoders return it. */
export type MvpnRoute = DistributiveOmit<MvpnNlri, 'kind' | 'family' | 'pathId'>;
