/**
 * Pure builders of FlowSpec values from the parts of ExaBGP's configuration and API grammar
 * (`match { destination-port [ >8080&<8088 =3128 ]; }`, `announce flow ... protocol =tcp`).
 * The command/config layer tokenises; these turn one component's name and value text into
 * wire values, or throw EncodeError('flow-syntax', ...) with a readable message.
 *
 *   value text   := term-group+ | '[' term-group* ']'
 *   term-group   := term ('&' term)*             (AND inside a group, OR between groups)
 *   numeric term := ('=' | '>' | '>=' | '<' | '<=' | '!=' | 'true' | 'false')? value
 *   bitmask term := ('=' | '!' | '!=')? value
 *   value        := name | decimal | 0xhex, joined by '+' (names and numbers add up)
 */
import { EncodeError } from '../../error.js';
import { SAFI } from '../../iana/safi.js';
import { table } from '../../lookup.js';
import { familyKey } from '../family.js';
import { parseIPv4, parseIPv6 } from '../prefix.js';
import type { RouteDistinguisher } from '../qualifier/rd.js';
import {
  componentName,
  FLOW_TYPE,
  type FlowComponent,
  type FlowNlri,
  type FlowOp,
  type FlowOperators,
  type FlowOperatorType,
  type FlowPrefix,
  type FlowPrefixType,
  operatorKind,
} from './components.js';
import { FRAGMENTS, ICMP_CODES, ICMP_TYPES, PROTOCOLS, TCP_FLAG_ALIASES, TCP_FLAGS } from './names.js';
import { makeOps, OP_AND, OP_EOL, OP_EQ, OP_GT, OP_LT, OP_MATCH, OP_NOT } from './operators.js';

/** A bound on the terms one component's text may give (the text may come from an API client). */
export const MAX_FLOW_TERMS = 256;

function syntax(message: string): EncodeError {
  return new EncodeError('flow-syntax', message);
}

/** Configuration names -> component type; `afi` when the name fixes the family. */
export const FLOW_COMPONENT_NAMES: Readonly<Record<string, { readonly type: number; readonly afi?: 1 | 2 }>> =
  table({
    destination: { type: 1 },
    'destination-ipv4': { type: 1 },
    'destination-ipv6': { type: 1 },
    source: { type: 2 },
    'source-ipv4': { type: 2 },
    'source-ipv6': { type: 2 },
    protocol: { type: 3, afi: 1 },
    'next-header': { type: 3, afi: 2 },
    port: { type: 4 },
    'destination-port': { type: 5 },
    'source-port': { type: 6 },
    'icmp-type': { type: 7 },
    'icmp-code': { type: 8 },
    'tcp-flags': { type: 9 },
    'packet-length': { type: 10 },
    dscp: { type: 11, afi: 1 },
    'traffic-class': { type: 11, afi: 2 },
    fragment: { type: 12 },
    'flow-label': { type: 13, afi: 2 },
  });

/** Common service names ExaBGP accepts for ports (a subset of its IANA table). */
export const PORT_NAMES: Readonly<Record<string, number>> = table({
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  domain: 53,
  bootps: 67,
  bootpc: 68,
  tftp: 69,
  http: 80,
  pop3: 110,
  ntp: 123,
  imap: 143,
  snmp: 161,
  snmptrap: 162,
  bgp: 179,
  ldap: 389,
  https: 443,
  syslog: 514,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
  'http-alt': 8080,
});

// Per type: the names its values may use and the largest value (ExaBGP's limits).
const VALUE_RULES: Readonly<Record<number, { names: Readonly<Record<string, number>>; max: number }>> = {
  3: { names: PROTOCOLS, max: 0xff },
  4: { names: PORT_NAMES, max: 0xffff },
  5: { names: PORT_NAMES, max: 0xffff },
  6: { names: PORT_NAMES, max: 0xffff },
  7: { names: ICMP_TYPES, max: 0xff },
  8: { names: ICMP_CODES, max: 0xff },
  9: { names: { ...TCP_FLAGS, ...TCP_FLAG_ALIASES }, max: 0xffff },
  10: { names: {}, max: 0xffff },
  11: { names: {}, max: 0x3f },
  12: { names: FRAGMENTS, max: 0xffff },
  13: { names: {}, max: 0xfffff },
};

/** The value sizes ExaBGP encodes each type with (at most). */
function maxValueBytes(type: number): 1 | 2 | 4 {
  if (type === FLOW_TYPE.FLOW_LABEL) return 4;
  return type === 3 || type === 7 || type === 8 || type === 11 ? 1 : 2;
}

/** One value: names, decimal or 0x-hex, added up over '+' (as ExaBGP's "syn+ack"). */
export function parseFlowValue(type: number, afi: 1 | 2, text: string): number {
  const rules = VALUE_RULES[type];
  if (!rules) throw syntax(`component type ${type} takes a prefix, not a value`);
  // IPv6 type 11 is the traffic class, a whole byte (ExaBGP: "traffic-class").
  const max = type === FLOW_TYPE.DSCP && afi === 2 ? 0xff : rules.max;
  let total = 0;
  for (const part of text.split('+')) {
    const name = part.toLowerCase().replace(/_/g, '-');
    let v: number | undefined = Object.hasOwn(rules.names, name) ? rules.names[name] : undefined;
    if (v === undefined && /^[0-9]+$/.test(part)) v = Number(part);
    if (v === undefined && /^0x[0-9a-f]+$/i.test(part)) v = Number.parseInt(part.slice(2), 16);
    if (v === undefined) throw syntax(`'${part}' is not a valid value for ${componentName(afi, type)}`);
    total += v;
  }
  if (total > max) throw syntax(`${text} is above ${max}, the largest ${componentName(afi, type)}`);
  return total;
}

function numericOperator(term: string): { bits: number; rest: string } {
  const c = term[0];
  if (c === '=') return { bits: OP_EQ, rest: term.slice(1) };
  if (c === '>' || c === '<') {
    const bits = c === '>' ? OP_GT : OP_LT;
    return term[1] === '=' ? { bits: bits | OP_EQ, rest: term.slice(2) } : { bits, rest: term.slice(1) };
  }
  if (c === '!') {
    if (term[1] !== '=') throw syntax(`'${term}': '!' must be followed by '=' for a number`);
    return { bits: OP_LT | OP_GT, rest: term.slice(2) };
  }
  const lower = term.toLowerCase();
  if (lower.startsWith('true')) return { bits: OP_LT | OP_GT | OP_EQ, rest: term.slice(4) };
  if (lower.startsWith('false')) return { bits: 0, rest: term.slice(5) };
  return { bits: OP_EQ, rest: term };
}

function bitmaskOperator(term: string): { bits: number; rest: string } {
  if (term[0] === '=') return { bits: OP_MATCH, rest: term.slice(1) };
  if (term.startsWith('!=')) return { bits: OP_NOT | OP_MATCH, rest: term.slice(2) };
  if (term[0] === '!') return { bits: OP_NOT, rest: term.slice(1) };
  return { bits: 0, rest: term };
}

/** The words of a value text, brackets removed ("[SYN" and "push]" as ExaBGP's files have them). */
function words(text: string): string[] {
  const list = text
    .replace(/[[\]]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  if (list.length === 0) throw syntax('a FlowSpec component needs a value');
  return list;
}

/** Terms (operator bits and value) of one component's value text. */
export function parseFlowTerms(type: number, afi: 1 | 2, text: string): { bits: number; value: number }[] {
  const operator = operatorKind(type) === 'bitmask' ? bitmaskOperator : numericOperator;
  const out: { bits: number; value: number }[] = [];
  for (const word of words(text)) {
    const parts = word.split('&');
    parts.forEach((term, i) => {
      if (term === '') throw syntax(`'${word}': empty term around '&'`);
      const { bits, rest } = operator(term);
      out.push({ bits: bits | (i > 0 ? OP_AND : 0), value: parseFlowValue(type, afi, rest) });
    });
    if (out.length > MAX_FLOW_TERMS) throw syntax(`more than ${MAX_FLOW_TERMS} terms`);
  }
  return out;
}

/** An operator component from terms, with ExaBGP's value sizes and the end-of-list bit set. */
export function flowComponent(
  type: FlowOperatorType,
  terms: readonly { bits: number; value: number }[],
): FlowOperators {
  if (terms.length === 0) throw syntax('a FlowSpec component needs a value');
  return { type, ops: makeOps(terms, maxValueBytes(type)) };
}

/**
 * Operators for one component from its name and value text:
 * parseFlowValues('destination-port', '>8080&<8088 =3128').
 */
export function parseFlowValues(name: string, text: string, afi: 1 | 2 = 1): readonly FlowOp[] {
  const entry = FLOW_COMPONENT_NAMES[name];
  if (!entry || entry.type <= 2) throw syntax(`'${name}' is not a FlowSpec operator component`);
  return flowComponent(entry.type as FlowOperatorType, parseFlowTerms(entry.type, entry.afi ?? afi, text))
    .ops;
}

/** A prefix component; IPv6 takes an offset (default 0). */
export function flowPrefix(type: FlowPrefixType, ip: string, length: number, offset?: number): FlowPrefix {
  const v6 = ip.includes(':');
  const max = v6 ? 128 : 32;
  if (!Number.isInteger(length) || length < 0 || length > max) throw syntax(`bad prefix length ${length}`);
  if (!v6) {
    if (offset !== undefined) throw syntax('an IPv4 prefix has no offset');
    return { type, ip, length };
  }
  const o = offset ?? 0;
  if (!Number.isInteger(o) || o < 0 || (o >= length && !(o === 0 && length === 0))) {
    throw syntax(`bad prefix offset ${o} for length ${length}`);
  }
  return { type, ip, length, offset: o };
}

/** "10.0.0.0/24", "2001:db8::/32" or "::1/128/120" -> a prefix component and its afi. */
export function parseFlowPrefix(type: FlowPrefixType, text: string): { afi: 1 | 2; component: FlowPrefix } {
  const [address = '', len, off, extra] = text.split('/');
  const v6 = address.includes(':');
  const bytes = v6 ? parseIPv6(address) : parseIPv4(address);
  const num = (s: string | undefined) => (s !== undefined && /^[0-9]{1,3}$/.test(s) ? Number(s) : Number.NaN);
  if (!bytes || len === undefined || extra !== undefined || (!v6 && off !== undefined)) {
    throw syntax(`'${text}' is not a flow prefix (address/length, IPv6 address/length/offset)`);
  }
  // A length or offset that is not a number is named as written, not as NaN.
  const bad = [len, off].find((s) => s !== undefined && Number.isNaN(num(s)));
  if (bad !== undefined) throw syntax(`'${text}': bad prefix length or offset '${bad}'`);
  const ip = address.toLowerCase();
  const component = flowPrefix(type, ip, num(len), off === undefined ? undefined : num(off));
  return { afi: v6 ? 2 : 1, component };
}

/** Repeated operator components become one list (as ExaBGP merges repeated match lines). */
function mergeRepeats(sorted: readonly FlowComponent[]): FlowComponent[] {
  const out: FlowComponent[] = [];
  for (const c of sorted) {
    const prev = out[out.length - 1];
    if (prev && prev.type === c.type && 'ops' in prev && 'ops' in c) {
      const ops = [...prev.ops.map((o) => ({ op: o.op & ~OP_EOL, value: o.value })), ...c.ops];
      out[out.length - 1] = { type: prev.type, ops };
    } else out.push(c);
  }
  return out;
}

/**
 * A FlowSpec NLRI from components in any order: sorted by type, as the RFC requires; repeated
 * prefixes kept in order, repeated operator components merged. With an RD the family is flow-vpn.
 */
export function makeFlowNlri(
  afi: 1 | 2,
  components: readonly FlowComponent[],
  rd?: RouteDistinguisher,
): FlowNlri {
  for (const c of components) {
    if (componentName(afi, c.type) === undefined) {
      throw syntax(`component type ${c.type} does not exist for ${afi === 2 ? 'IPv6' : 'IPv4'}`);
    }
    if ((c.type === 1 || c.type === 2) && (afi === 2) !== ('offset' in c && c.offset !== undefined)) {
      throw syntax('IPv4 and IPv6 prefixes cannot be mixed in one flow');
    }
  }
  const sorted = mergeRepeats([...components].sort((a, b) => a.type - b.type));
  const family = familyKey(afi, rd ? SAFI.FLOW_VPN : SAFI.FLOW);
  return rd ? { kind: 'flow', family, rd, components: sorted } : { kind: 'flow', family, components: sorted };
}

/** One `name value` pair of a match block or API line, value text as written. */
export interface FlowMatch {
  readonly name: string;
  readonly value: string;
}

/**
 * A FlowSpec NLRI from a rule's match pairs (configuration `match { ... }` or the words of an
 * API `flow` line). The prefixes decide the family; without one, a name only IPv6 has
 * (next-header, traffic-class, flow-label) makes it IPv6, else IPv4. With an RD it is flow-vpn.
 * Like ExaBGP, protocol and next-header are both type 3 whatever the family.
 */
export function flowFromMatches(matches: readonly FlowMatch[], rd?: RouteDistinguisher): FlowNlri {
  const prefixes: { afi: 1 | 2; component: FlowPrefix }[] = [];
  const others: { type: number; value: string; afi?: 1 | 2 }[] = [];
  for (const { name, value } of matches) {
    const entry = FLOW_COMPONENT_NAMES[name];
    if (!entry) throw syntax(`'${name}' is not a FlowSpec match`);
    if (entry.type <= 2) prefixes.push(parseFlowPrefix(entry.type as FlowPrefixType, value.trim()));
    else others.push({ type: entry.type, value, ...(entry.afi ? { afi: entry.afi } : {}) });
  }
  const afi: 1 | 2 = prefixes[0]?.afi ?? (others.some((o) => o.afi === 2) ? 2 : 1);
  if (prefixes.some((p) => p.afi !== afi)) throw syntax('IPv4 and IPv6 prefixes cannot be mixed in one flow');
  const components: FlowComponent[] = [
    ...prefixes.map((p) => p.component),
    ...others.map(({ type, value }) =>
      flowComponent(type as FlowOperatorType, parseFlowTerms(type, afi, value)),
    ),
  ];
  return makeFlowNlri(afi, components, rd);
}
