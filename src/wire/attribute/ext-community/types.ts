/**
 * Extended community values (RFC 4360 and the RFCs that define each type). Every entry keeps its
 * 8 raw bytes: they are what is encoded, so unknown and odd entries re-encode exactly; the other
 * fields are the decoded view of those bytes. Build new entries with build.ts.
 */

interface Raw {
  /** The 8 bytes on the wire (a copy, safe to keep). */
  readonly raw: Buffer;
}

/** The three administrator encodings (RFC 4360 §3.1, §3.2, RFC 5668): 2-byte AS, IPv4, 4-byte AS. */
export type AdminFormat = 'as2' | 'ipv4' | 'as4';

/** Route target (subtype 0x02), route origin (0x03), RT record (0x13, RFC 7153). */
export interface AdminLocalEc extends Raw {
  readonly kind: 'target' | 'origin' | 'rt-record';
  readonly format: AdminFormat;
  /** The ASN, or the IPv4 address as a dotted quad. */
  readonly global: number | string;
  readonly local: number;
}

/** FlowSpec traffic-rate in bytes per second (RFC 8955 §7.3, type 0x8006). */
export interface TrafficRateEc extends Raw {
  readonly kind: 'traffic-rate';
  readonly asn: number;
  /** IEEE 754 single-precision bytes per second. */
  readonly rate: number;
}

/** FlowSpec traffic-rate in packets per second (RFC 8955 §7, type 0x800c). */
export interface TrafficRatePacketsEc extends Raw {
  readonly kind: 'traffic-rate-packets';
  readonly asn: number;
  readonly rate: number;
}

/** FlowSpec traffic-action (RFC 8955 §7.4, type 0x8007). */
export interface TrafficActionEc extends Raw {
  readonly kind: 'traffic-action';
  readonly sample: boolean;
  readonly terminal: boolean;
}

/**
 * FlowSpec redirect to a VRF by route target: 2-byte AS 0x8008 (RFC 8955 §7.5), IPv4 0x8108 and
 * 4-byte AS 0x8208 (RFC 7674).
 */
export interface RedirectEc extends Raw {
  readonly kind: 'redirect';
  readonly format: AdminFormat;
  /** The ASN, or the IPv4 address as a dotted quad. */
  readonly global: number | string;
  readonly local: number;
}

/** FlowSpec traffic-marking (RFC 8955 §7.6, type 0x8009). */
export interface TrafficMarkEc extends Raw {
  readonly kind: 'traffic-mark';
  readonly dscp: number;
}

/** Redirect to IP next hop, draft-ietf-idr-flowspec-redirect-ip (type 0x010c). */
export interface RedirectToNextHopIetfEc extends Raw {
  readonly kind: 'redirect-to-nexthop-ietf';
  readonly ip: string;
  readonly copy: boolean;
}

/** Redirect to the UPDATE's next hop, draft-simpson-idr-flowspec-redirect (type 0x0800). */
export interface RedirectToNextHopEc extends Raw {
  readonly kind: 'redirect-to-nexthop';
  readonly copy: boolean;
}

/** FlowSpec interface-set, draft-ietf-idr-flowspec-interfaceset (type 0x0702 / 0x4702). */
export interface InterfaceSetEc extends Raw {
  readonly kind: 'interface-set';
  readonly transitive: boolean;
  readonly asn: number;
  /** 1 input, 2 output, 3 both. */
  readonly direction: number;
  readonly target: number;
}

/** Encapsulation (RFC 9012 §4.1, formerly RFC 5512 §4.5; type 0x030c). */
export interface EncapsulationEc extends Raw {
  readonly kind: 'encapsulation';
  readonly tunnelType: number;
}

/** Layer 2 info (RFC 4761 §3.2.4, type 0x800a). */
export interface L2InfoEc extends Raw {
  readonly kind: 'l2info';
  readonly encaps: number;
  readonly control: number;
  readonly mtu: number;
  readonly reserved: number;
}

/** EVPN MAC mobility (RFC 7432 §7.7, type 0x0600). */
export interface MacMobilityEc extends Raw {
  readonly kind: 'mac-mobility';
  readonly sequence: number;
  readonly sticky: boolean;
}

/** Link bandwidth, draft-ietf-idr-link-bandwidth (type 0x4004). */
export interface BandwidthEc extends Raw {
  readonly kind: 'bandwidth';
  readonly asn: number;
  /** IEEE 754 single-precision bytes per second. */
  readonly speed: number;
}

/** Consistent hash sort order, draft-ietf-bess-service-chaining (type 0x0314). */
export interface ConsistentHashSortOrderEc extends Raw {
  readonly kind: 'consistent-hash-sort-order';
  readonly order: number;
  readonly reserved: number;
}

/** BGP-MUP direct segment, draft-mpmz-bess-mup-safi (type 0x0c00). */
export interface MupEc extends Raw {
  readonly kind: 'mup';
  readonly segmentId2: number;
  readonly segmentId4: number;
}

export interface UnknownEc extends Raw {
  readonly kind: 'unknown';
}

export type ExtCommunity =
  | AdminLocalEc
  | TrafficRateEc
  | TrafficRatePacketsEc
  | TrafficActionEc
  | RedirectEc
  | TrafficMarkEc
  | RedirectToNextHopIetfEc
  | RedirectToNextHopEc
  | InterfaceSetEc
  | EncapsulationEc
  | L2InfoEc
  | MacMobilityEc
  | BandwidthEc
  | ConsistentHashSortOrderEc
  | MupEc
  | UnknownEc;

export const EXT_COMMUNITY_BYTES = 8;
