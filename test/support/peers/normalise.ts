/**
 * Normalisers shared by the per-peer readers: FlowSpec component names and values, FlowSpec
 * actions (RFC 8955 §7 traffic-filtering extended communities), communities as numbers.
 */

/** Each implementation's FlowSpec component names -> ours (RFC 8955 §4.2 types). */
const COMPONENT_NAMES: Readonly<Record<string, string>> = {
  dst: 'destination',
  'destination-ipv4': 'destination',
  'destination-ipv6': 'destination',
  'destination address': 'destination',
  to: 'destination',
  src: 'source',
  'source-ipv4': 'source',
  'source-ipv6': 'source',
  'source address': 'source',
  from: 'source',
  proto: 'protocol',
  'next header': 'protocol',
  'next-header': 'protocol',
  'ip protocol': 'protocol',
  dport: 'destination-port',
  'destination port': 'destination-port',
  dstp: 'destination-port',
  sport: 'source-port',
  'source port': 'source-port',
  srcp: 'source-port',
  'icmp type': 'icmp-type',
  'icmp code': 'icmp-code',
  'tcp flags': 'tcp-flags',
  length: 'packet-length',
  'packet length': 'packet-length',
  label: 'flow-label',
  fragments: 'fragment',
};

export function componentName(name: string): string {
  const n = name.trim().toLowerCase();
  return COMPONENT_NAMES[n] ?? n.replace(/ /g, '-');
}

const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  icmp: 1,
  igmp: 2,
  tcp: 6,
  udp: 17,
  gre: 47,
  esp: 50,
  ah: 51,
  'ipv6-icmp': 58,
  icmp6: 58,
  sctp: 132,
};

const ADDRESS_COMPONENTS = new Set(['destination', 'source']);

/**
 * '10.0.0.0/24' stays; '2001:db8::/48/0' and '2001:db8::/48/off 0' lose their zero offset. Numeric matches become
 * space-separated operator+number tokens: '==tcp' -> '=6', '= 80 ' -> '=80', '80, 443' ->
 * '=80 =443'. Logical glue ('&', '&&', '||', ',') is dropped: best effort, not a parser.
 */
export function componentValue(name: string, value: string): string {
  const v = value.trim();
  if (ADDRESS_COMPONENTS.has(name)) {
    // Zero IPv6 offsets (RFC 8956 §3.1) as ExaBGP/GoBGP ('/48/0'), FRR ('/48/off 0') or BIRD print them.
    return v.replace(/^(\S+\/\d+)\/(?:off |offset )?0$/, '$1').replace(/\s+offset\s+0$/, '');
  }
  const tokens: string[] = [];
  const re = /(==|=|>=|<=|!=|>|<)?\s*([A-Za-z][\w-]*|\d+)/g;
  for (const m of v.matchAll(re)) {
    const op = m[1] === undefined || m[1] === '==' ? '=' : m[1];
    const word = m[2]!.toLowerCase();
    const n = PROTOCOL_NUMBERS[word];
    tokens.push(`${op}${n !== undefined && name === 'protocol' ? n : word}`);
  }
  return tokens.join(' ');
}

/** Adds a normalised component to `out` (values of a repeated name are joined by a space). */
export function addComponent(out: Record<string, string>, rawName: string, rawValue: string): void {
  const name = componentName(rawName);
  const value = componentValue(name, rawValue);
  out[name] = out[name] ? `${out[name]} ${value}` : value;
}

/** A traffic-rate in bytes per second as an action string (rate 0 means discard, RFC 8955 §7.3). */
export function rateAction(rate: number): string {
  return rate === 0 ? 'discard' : `rate-limit:${Math.round(rate)}`;
}

/**
 * An extended community printed as two 32-bit words (BIRD's '(generic, 0x80060000, 0x447a0000)')
 * as a FlowSpec action, or undefined when it is not one.
 */
export function actionFromWords(high: number, low: number): string | undefined {
  const type = high >>> 16;
  const buf = Buffer.alloc(4);
  buf.writeUInt32BE(low >>> 0);
  switch (type) {
    case 0x8006:
      return rateAction(buf.readFloatBE(0));
    case 0x8008:
      return `redirect:${high & 0xffff}:${low >>> 0}`;
    case 0x8009:
      return `mark:${low & 0x3f}`;
    default:
      return undefined;
  }
}

/** A standard community held as a 32-bit number -> 'asn:value'. */
export function communityFromNumber(n: number): string {
  return `${n >>> 16}:${n & 0xffff}`;
}

/** Splits an AS path printed as text ('65001 65002', '65001 {65003,65004}') into numbers. */
export function asPathFromText(text: string): number[] {
  return [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
}
