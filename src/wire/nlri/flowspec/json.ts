/**
 * ExaBGP's JSON and text forms of a FlowSpec NLRI (as ExaBGP 5.0 prints them):
 *
 *   { "destination-ipv4": [ "10.0.0.2/32" ], "destination-port": [ ">8080&<8088", "=3128" ],
 *     "rd": "65535:65536", "next-hop": "1.2.3.4",
 *     "string": "flow destination-ipv4 10.0.0.2/32 destination-port [ >8080&<8088 =3128 ] rd ..." }
 *
 * Terms joined by AND make one JSON string; OR starts a new one. In text, a component with more
 * than one term is bracketed. The next-hop is not part of the NLRI: the UPDATE encoder passes it.
 */
import type { JsonObject } from '../../json.js';
import { familyOf } from '../family.js';
import {
  componentName,
  type FlowComponent,
  type FlowNlri,
  isPrefixComponent,
  operatorKind,
} from './components.js';
import { valueText } from './names.js';
import { bitmaskTermText, numericTermText, OP_AND } from './operators.js';

interface Term {
  readonly text: string;
  readonly and: boolean;
}

/** "10.0.0.0/24" (IPv4) or "::1/128/120" (IPv6, with the offset). */
export function flowPrefixText(ip: string, length: number, offset?: number): string {
  return offset === undefined ? `${ip}/${length}` : `${ip}/${length}/${offset}`;
}

function terms(c: FlowComponent): Term[] {
  if (isPrefixComponent(c)) return [{ text: flowPrefixText(c.ip, c.length, c.offset), and: false }];
  const termText = operatorKind(c.type) === 'bitmask' ? bitmaskTermText : numericTermText;
  return c.ops.map(({ op, value }) => ({
    text: termText(op, valueText(c.type, value)),
    and: (op & OP_AND) !== 0,
  }));
}

/** Components grouped by type (only prefixes may repeat), with ExaBGP's name for each. */
function groups(n: FlowNlri): { name: string; terms: Term[] }[] {
  const { afi } = familyOf(n.family);
  const out: { type: number; name: string; terms: Term[] }[] = [];
  for (const c of n.components) {
    const prev = out[out.length - 1];
    if (prev && prev.type === c.type) prev.terms.push(...terms(c));
    else out.push({ type: c.type, name: componentName(afi, c.type) ?? `type-${c.type}`, terms: terms(c) });
  }
  return out;
}

/** ExaBGP's JSON values: AND terms glued to the one before. */
function jsonValues(list: readonly Term[]): string[] {
  const values: string[] = [];
  list.forEach((t, i) => {
    if (i > 0 && t.and) values[values.length - 1] += t.text;
    else values.push(t.text);
  });
  return values;
}

/** ExaBGP's text of one component's terms: "=80", "[ =80 =8080 ]", "[ >8080&<8088 ]". */
function textValues(list: readonly Term[]): string {
  const parts: string[] = [];
  list.forEach((t, i) => {
    if (i > 0 && !t.and) parts.push(' ');
    parts.push(t.text);
  });
  const line = parts.join('');
  return parts.length > 1 ? `[ ${line} ]` : line;
}

/** "flow destination-ipv4 10.0.0.1/32 protocol =tcp rd 65535:65536 next-hop 1.2.3.4". */
export function flowText(n: FlowNlri, nextHop?: string): string {
  let s = 'flow';
  for (const g of groups(n)) s += ` ${g.name} ${textValues(g.terms)}`;
  if (n.rd) s += ` rd ${n.rd.text}`;
  if (nextHop !== undefined) s += ` next-hop ${nextHop}`;
  return s;
}

export function flowJson(n: FlowNlri, nextHop?: string): JsonObject {
  const o: JsonObject = {};
  for (const g of groups(n)) o[g.name] = jsonValues(g.terms);
  if (n.rd) o.rd = n.rd.text;
  if (nextHop !== undefined) o['next-hop'] = nextHop;
  o.string = flowText(n, nextHop);
  return o;
}
