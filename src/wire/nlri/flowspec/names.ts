/**
 * Names ExaBGP gives FlowSpec values: IP protocols (IANA "Protocol Numbers"), ICMP types and
 * codes (IANA "ICMP Parameters"), TCP flags (RFC 9293 §3.1) and fragment bits (RFC 8955
 * §4.2.2.12), both for printing decoded values and for parsing configuration.
 */

import { table } from '../../lookup.js';
import { FLOW_TYPE } from './components.js';

export const PROTOCOLS: Readonly<Record<string, number>> = table({
  icmp: 1,
  igmp: 2,
  tcp: 6,
  egp: 8,
  udp: 17,
  rsvp: 46,
  gre: 47,
  esp: 50,
  ah: 51,
  ospf: 89,
  ipip: 94,
  pim: 103,
  sctp: 132,
});

export const ICMP_TYPES: Readonly<Record<string, number>> = table({
  'echo-reply': 0,
  unreachable: 3,
  redirect: 5,
  'echo-request': 8,
  'router-advertisement': 9,
  'router-solicit': 10,
  'time-exceeded': 11,
  'parameter-problem': 12,
  timestamp: 13,
  'timestamp-reply': 14,
  photuris: 40,
  'experimental-mobility': 41,
  'extended-echo-request': 42,
  'extended-echo-reply': 43,
  'experimental-one': 253,
  'experimental-two': 254,
});

/** Accepted in configuration only: ExaBGP prints ICMP codes as numbers (names repeat values). */
export const ICMP_CODES: Readonly<Record<string, number>> = table({
  'network-unreachable': 0,
  'host-unreachable': 1,
  'protocol-unreachable': 2,
  'port-unreachable': 3,
  'fragmentation-needed': 4,
  'source-route-failed': 5,
  'destination-network-unknown': 6,
  'destination-host-unknown': 7,
  'source-host-isolated': 8,
  'destination-network-prohibited': 9,
  'destination-host-prohibited': 10,
  'network-unreachable-for-tos': 11,
  'host-unreachable-for-tos': 12,
  'communication-prohibited-by-filtering': 13,
  'host-precedence-violation': 14,
  'precedence-cutoff-in-effect': 15,
  'redirect-for-network': 0,
  'redirect-for-host': 1,
  'redirect-for-tos-and-net': 2,
  'redirect-for-tos-and-host': 3,
  'ttl-eq-zero-during-transit': 0,
  'ttl-eq-zero-during-reassembly': 1,
  'required-option-missing': 1,
  'ip-header-bad': 2,
});

/** In bit order, as ExaBGP joins them with '+'. */
export const TCP_FLAGS: Readonly<Record<string, number>> = table({
  fin: 0x01,
  syn: 0x02,
  rst: 0x04,
  push: 0x08,
  ack: 0x10,
  urg: 0x20,
  ece: 0x40,
  cwr: 0x80,
  ns: 0x100,
});
/** Accepted in configuration besides TCP_FLAGS. */
export const TCP_FLAG_ALIASES: Readonly<Record<string, number>> = table({ urgent: 0x20 });

export const FRAGMENTS: Readonly<Record<string, number>> = table({
  'dont-fragment': 0x01,
  'is-fragment': 0x02,
  'first-fragment': 0x04,
  'last-fragment': 0x08,
});

function invert(table: Readonly<Record<string, number>>): Map<number, string> {
  return new Map(Object.entries(table).map(([k, v]) => [v, k]));
}

const PROTOCOL_NAMES = invert(PROTOCOLS);
const ICMP_TYPE_NAMES = invert(ICMP_TYPES);
const TCP_FLAG_BITS = Object.entries(TCP_FLAGS);
const FRAGMENT_BITS = Object.entries(FRAGMENTS);

/**
 * Known bits by name joined with '+'; bits left over add ExaBGP's
 * "unknown <what> type <whole value>" (so 0 prints as nothing).
 */
function bitsText(value: number | bigint, bits: readonly [string, number][], what: string): string {
  let rest = BigInt(value);
  const names: string[] = [];
  for (const [name, bit] of bits) {
    const b = BigInt(bit);
    if (rest & b) {
      names.push(name);
      rest -= b;
    }
  }
  if (rest !== 0n) names.push(`unknown ${what} type ${value}`);
  return names.join('+');
}

/** How ExaBGP prints a component value: names where it has them, else the decimal number. */
export function valueText(type: number, value: number | bigint): string {
  switch (type) {
    case FLOW_TYPE.PROTOCOL:
      return (typeof value === 'number' && PROTOCOL_NAMES.get(value)) || String(value);
    case FLOW_TYPE.ICMP_TYPE:
      return (typeof value === 'number' && ICMP_TYPE_NAMES.get(value)) || String(value);
    case FLOW_TYPE.TCP_FLAGS:
      return bitsText(value, TCP_FLAG_BITS, 'tcp flag');
    case FLOW_TYPE.FRAGMENT:
      return bitsText(value, FRAGMENT_BITS, 'fragment');
    default:
      return String(value);
  }
}
