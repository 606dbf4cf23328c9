/**
 * EVPN NLRI values (RFC 7432 §7, RFC 9136 §3): one plain value per route, discriminated by
 * `route`. Every field the wire carries is kept, so encode(decode(bytes)) gives the same bytes.
 *
 * Text fields use ExaBGP's spelling: ESI "-" when all zero, otherwise ten lower-case colon hex
 * octets; MAC six upper-case colon hex octets; addresses as canonical IP text.
 */
import type { NlriBase } from '../codec.js';
import type { LabelStack } from '../qualifier/labels.js';
import type { RouteDistinguisher } from '../qualifier/rd.js';

/** EVPN route type codes (IANA "EVPN Route Types"). */
export const EVPN_ROUTE = {
  ETHERNET_AD: 1, // RFC 7432 §7.1
  MAC_IP: 2, // RFC 7432 §7.2
  MULTICAST: 3, // RFC 7432 §7.3
  SEGMENT: 4, // RFC 7432 §7.4
  PREFIX: 5, // RFC 9136 §3
} as const;

interface EvpnBase extends NlriBase {
  readonly kind: 'evpn';
}

/** Route type 1: Ethernet Auto-Discovery. */
export interface EvpnEthernetAd extends EvpnBase {
  readonly route: 'ethernet-ad';
  readonly rd: RouteDistinguisher;
  readonly esi: string;
  readonly etag: number;
  /** RFC 7432 has exactly one; any whole number of 3-octet entries is kept. */
  readonly labels: LabelStack;
}

/** Route type 2: MAC/IP Advertisement. */
export interface EvpnMacIp extends EvpnBase {
  readonly route: 'mac-ip';
  readonly rd: RouteDistinguisher;
  readonly esi: string;
  readonly etag: number;
  /** MAC Address Length in bits as sent (48; the MAC field is always 6 octets). */
  readonly macLength: number;
  readonly mac: string;
  /** Absent when the IP Address Length is 0. */
  readonly ip?: string;
  /** MPLS Label1, and Label2 when present (1 or 2 raw entries). */
  readonly labels: LabelStack;
}

/** Route type 3: Inclusive Multicast Ethernet Tag. */
export interface EvpnMulticast extends EvpnBase {
  readonly route: 'multicast';
  readonly rd: RouteDistinguisher;
  readonly etag: number;
  /** Originating Router's IP Address. */
  readonly ip: string;
}

/** Route type 4: Ethernet Segment. */
export interface EvpnSegment extends EvpnBase {
  readonly route: 'segment';
  readonly rd: RouteDistinguisher;
  readonly esi: string;
  /** Originating Router's IP Address. */
  readonly ip: string;
}

/** Route type 5: IP Prefix (RFC 9136). IP prefix and gateway are of the same family. */
export interface EvpnPrefix extends EvpnBase {
  readonly route: 'prefix';
  readonly rd: RouteDistinguisher;
  readonly esi: string;
  readonly etag: number;
  readonly prefixLength: number;
  /** The IP Prefix field as sent (full address width, host bits kept). */
  readonly ip: string;
  readonly gateway: string;
  /** Exactly one raw entry. */
  readonly labels: LabelStack;
}

/** A route type bgpknife does not parse: its body is kept whole. */
export interface EvpnUnknown extends EvpnBase {
  readonly route: 'unknown';
  readonly code: number;
  /** The route-type-specific bytes (after type and length). */
  readonly raw: Buffer;
}

export type EvpnNlri = EvpnEthernetAd | EvpnMacIp | EvpnMulticast | EvpnSegment | EvpnPrefix | EvpnUnknown;

/** Distributes Omit over the union, so a route can be described without kind and family. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** The route-specific part of a value, as the per-type decoders return it. */
export type EvpnRoute = DistributiveOmit<EvpnNlri, 'kind' | 'family' | 'pathId'>;
