/**
 * BGP-MUP NLRI values (draft-mpmz-bess-mup-safi, as ExaBGP 5.0.13 implements it):
 * architecture type 1 (3gpp-5g) routes 1 to 4, discriminated by `route`. Every field the wire
 * carries is kept, so encode(decode(bytes)) gives the same bytes.
 */
import type { NlriBase } from '../codec.js';
import type { RouteDistinguisher } from '../qualifier/rd.js';

/** Architecture Type 1: 3gpp-5g. */
export const MUP_ARCH_3GPP_5G = 1;

/** Route types of the 3gpp-5g architecture. */
export const MUP_ROUTE = {
  ISD: 1, // Interwork Segment Discovery
  DSD: 2, // Direct Segment Discovery
  T1ST: 3, // Type 1 Session Transformed
  T2ST: 4, // Type 2 Session Transformed
} as const;

interface MupBase extends NlriBase {
  readonly kind: 'mup';
}

/** Interwork Segment Discovery: a prefix of the family's width. */
export interface MupIsd extends MupBase {
  readonly route: 'isd';
  readonly rd: RouteDistinguisher;
  readonly prefixLength: number;
  /** The prefix octets as sent, zero-padded to a whole address. */
  readonly prefix: string;
}

/** Direct Segment Discovery: one address (4 or 16 octets, whatever the family). */
export interface MupDsd extends MupBase {
  readonly route: 'dsd';
  readonly rd: RouteDistinguisher;
  readonly ip: string;
}

/** Type 1 Session Transformed: the UE prefix and its 3gpp-5g session. */
export interface MupT1st extends MupBase {
  readonly route: 't1st';
  readonly rd: RouteDistinguisher;
  readonly prefixLength: number;
  readonly prefix: string;
  readonly teid: number;
  readonly qfi: number;
  readonly endpoint: string;
  /** The optional Source Address. */
  readonly source?: string;
}

/** Type 2 Session Transformed: an endpoint address followed by up to 32 bits of TEID. */
export interface MupT2st extends MupBase {
  readonly route: 't2st';
  readonly rd: RouteDistinguisher;
  /** Endpoint Length in bits: the address width plus the TEID bits (0 to 32). */
  readonly endpointLength: number;
  readonly endpoint: string;
  /** The TEID bits as an unsigned number (0 when there are none). */
  readonly teid: number;
}

/** Any other architecture or route type: its body is kept whole. */
export interface MupUnknown extends MupBase {
  readonly route: 'unknown';
  readonly arch: number;
  readonly code: number;
  readonly raw: Buffer;
}

export type MupNlri = MupIsd | MupDsd | MupT1st | MupT2st | MupUnknown;

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The route-specific part of a value, as the per-type decoders return it. */
export type MupRoute = DistributiveOmit<MupNlri, 'kind' | 'family' | 'pathId'>;
