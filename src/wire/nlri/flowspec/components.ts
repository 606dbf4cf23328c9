/**
 * FlowSpec components (RFC 8955 §4.2.2 for IPv4, RFC 8956 §3 for IPv6): the value types, the
 * component type table per address family, and the bounds on what a peer may send.
 *
 * A FlowSpec NLRI is a list of <type, value> components in increasing type order:
 *
 *   +------------------------------+
 *   |    length (0xnn or 0xfnnn)   |
 *   +------------------------------+
 *   |    NLRI value  (variable)    |   (flow-vpn: 8-byte route distinguisher first)
 *   +------------------------------+
 *
 *   type 1, 2 (prefix)      IPv4: <type, length, prefix>   IPv6: <type, length, offset, pattern>
 *   type 3..8, 10, 11, 13   <type, [numeric operator, value]+>
 *   type 9, 12              <type, [bitmask operator, value]+>
 */
import type { NlriBase } from '../codec.js';
import type { RouteDistinguisher } from '../qualifier/rd.js';

/** Component type codes (IANA "Flow Spec Component Types"). */
export const FLOW_TYPE = {
  DESTINATION: 1,
  SOURCE: 2,
  PROTOCOL: 3, // IPv6: next-header
  PORT: 4,
  DESTINATION_PORT: 5,
  SOURCE_PORT: 6,
  ICMP_TYPE: 7,
  ICMP_CODE: 8,
  TCP_FLAGS: 9,
  PACKET_LENGTH: 10,
  DSCP: 11, // IPv6: traffic-class (ExaBGP's name)
  FRAGMENT: 12,
  FLOW_LABEL: 13, // IPv6 only (RFC 8956 §3.7)
} as const;

export type FlowPrefixType = typeof FLOW_TYPE.DESTINATION | typeof FLOW_TYPE.SOURCE;
export type FlowOperatorType = 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13;

/**
 * A bound on the components one NLRI may carry. Types must increase, so 13 is the most a
 * conforming speaker sends; the slack admits the repeated prefixes ExaBGP accepts.
 */
export const MAX_FLOW_COMPONENTS = 32;
/** A bound on the operator/value pairs of one component (a peer controls it). */
export const MAX_FLOW_OPERATORS = 1024;
/** RFC 8955 §4.1: the 2-byte length form leaves 12 bits. */
export const MAX_FLOW_NLRI_BYTES = 0xfff;
/** RFC 8955 §4.1: lengths from here on need the 2-byte form. */
export const FLOW_LENGTH_EXTENDED = 240;

/** One operator byte (kept exactly as sent: end-of-list, and, length, comparison) and its value. */
export interface FlowOp {
  readonly op: number;
  /** A number for 1, 2 and 4-byte values; a bigint for 8-byte values (length bits 0b11). */
  readonly value: number | bigint;
}

/** Destination or source prefix. `offset` is present exactly when the family is IPv6. */
export interface FlowPrefix {
  readonly type: FlowPrefixType;
  /** Address text; bits beyond `length` read as 0, bits inside it as sent. */
  readonly ip: string;
  readonly length: number;
  readonly offset?: number;
}

export interface FlowOperators {
  readonly type: FlowOperatorType;
  readonly ops: readonly FlowOp[];
}

export type FlowComponent = FlowPrefix | FlowOperators;

export interface FlowNlri extends NlriBase {
  readonly kind: 'flow';
  /** flow-vpn only. */
  readonly rd?: RouteDistinguisher;
  /** In wire order (increasing type). */
  readonly components: readonly FlowComponent[];
  /**
   * Set only when a peer used the 2-byte length form for a length below 240 (RFC 8955 §4.1
   * allows it), so that the NLRI re-encodes byte for byte.
   */
  readonly longLength?: true;
}

export function isPrefixComponent(c: FlowComponent): c is FlowPrefix {
  return c.type === FLOW_TYPE.DESTINATION || c.type === FLOW_TYPE.SOURCE;
}

/** How a component's operators read: numeric comparisons or bitmask tests. */
export type FlowOperatorKind = 'numeric' | 'bitmask';

export function operatorKind(type: number): FlowOperatorKind {
  return type === FLOW_TYPE.TCP_FLAGS || type === FLOW_TYPE.FRAGMENT ? 'bitmask' : 'numeric';
}

// ExaBGP's names for each component, as JSON keys, in text, and in configuration.
const NAMES_IPV4: Readonly<Record<number, string>> = {
  1: 'destination-ipv4',
  2: 'source-ipv4',
  3: 'protocol',
  4: 'port',
  5: 'destination-port',
  6: 'source-port',
  7: 'icmp-type',
  8: 'icmp-code',
  9: 'tcp-flags',
  10: 'packet-length',
  11: 'dscp',
  12: 'fragment',
};

const NAMES_IPV6: Readonly<Record<number, string>> = {
  ...NAMES_IPV4,
  1: 'destination-ipv6',
  2: 'source-ipv6',
  3: 'next-header',
  11: 'traffic-class',
  13: 'flow-label',
};

/** The component's name for the address family, or undefined when the family lacks the type. */
export function componentName(afi: number, type: number): string | undefined {
  return (afi === 2 ? NAMES_IPV6 : NAMES_IPV4)[type];
}
