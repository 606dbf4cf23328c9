/**
 * Typed setting values: the keyword tables of the neighbor, process, capability and api
 * sections (ExaBGP 4.2 and 5.0 names), and the conversion of a statement's items into a Value
 * of the keyword's type. Range checks (hold-time, ports, TTL) belong to validate.ts; here only
 * the shape is checked (a number is a number, a boolean is a boolean word).
 */

import { table } from '../wire/lookup.js';
import type { Token } from './lexer.js';
import type { Setting, Value } from './model.js';
import { endStatement, type Item, type ParserState, readStatement } from './parse-core.js';
import { joinSpans, type Span } from './span.js';

export type ValueType =
  | 'string'
  | 'word'
  | 'asn'
  | 'number'
  | 'boolean'
  | 'optional-number'
  | 'list'
  | 'args';

export const NEIGHBOR_KEYS: Readonly<Record<string, ValueType>> = table({
  inherit: 'list',
  description: 'string',
  'host-name': 'string',
  'domain-name': 'string',
  'router-id': 'word',
  'hold-time': 'number',
  'rate-limit': 'optional-number',
  'local-address': 'word',
  'source-interface': 'string',
  'peer-address': 'word',
  'local-as': 'asn',
  'peer-as': 'asn',
  passive: 'boolean',
  listen: 'number',
  connect: 'number',
  'outgoing-ttl': 'optional-number',
  'incoming-ttl': 'optional-number',
  'md5-password': 'string',
  'md5-base64': 'boolean',
  'md5-ip': 'word',
  'group-updates': 'boolean',
  'auto-flush': 'boolean',
  'adj-rib-out': 'boolean',
  'adj-rib-in': 'boolean',
  'manual-eor': 'boolean',
  // ExaBGP 3.x wrote capabilities directly in the neighbor; validate.ts notes the modern form.
  'graceful-restart': 'optional-number',
  'multi-session': 'boolean',
  'route-refresh': 'boolean',
  'ttl-security': 'optional-number',
  // bgpknife's own (ExaBGP has none): received routes per family, and the restart delay.
  'maximum-prefix': 'number',
  'maximum-prefix-restart': 'number',
});

/** Neighbor keywords that ExaBGP 4.2/5.0 only accept inside `capability { }`. */
export const LEGACY_NEIGHBOR_CAPABILITIES: ReadonlySet<string> = new Set([
  'graceful-restart',
  'multi-session',
  'route-refresh',
]);

export const CAPABILITY_KEYS: Readonly<Record<string, ValueType>> = table({
  nexthop: 'boolean',
  'add-path': 'word',
  asn4: 'boolean',
  'graceful-restart': 'optional-number',
  'multi-session': 'boolean',
  operational: 'boolean',
  'route-refresh': 'boolean',
  aigp: 'boolean',
  'extended-message': 'boolean',
  'software-version': 'boolean',
});

export const PROCESS_KEYS: Readonly<Record<string, ValueType>> = table({
  run: 'args',
  encoder: 'word',
  respawn: 'boolean',
});

export const API_KEYS: Readonly<Record<string, ValueType>> = table({
  processes: 'list',
  'processes-match': 'list',
  'neighbor-changes': 'boolean',
  negotiated: 'boolean',
  fsm: 'boolean',
  signal: 'boolean',
});

export const DIRECTION_KEYS: Readonly<Record<string, ValueType>> = table({
  parsed: 'boolean',
  packets: 'boolean',
  consolidate: 'boolean',
  open: 'boolean',
  update: 'boolean',
  notification: 'boolean',
  keepalive: 'boolean',
  refresh: 'boolean',
  operational: 'boolean',
});

const TRUE_WORDS = new Set(['true', 'enable', 'enabled', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', 'disable', 'disabled', 'no', 'off']);

/** Parses a decimal integer (no sign, no exponent); NaN when it is not one. */
export function parseInteger(text: string): number {
  if (text.length === 0 || text.length > 20) return Number.NaN;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
  }
  return Number(text);
}

/**
 * parseInteger of text[start..end) without slicing it out, for short numbers (at most 15
 * digits, exact in a double); NaN otherwise.
 */
export function parseIntegerAt(text: string, start: number, end: number): number {
  if (end <= start || end - start > 15) return Number.NaN;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return Number.NaN;
    value = value * 10 + (c - 48);
  }
  return value;
}

/** An ASN as plain (`65000`) or asdot (`1.10`, RFC 5396); NaN when invalid or out of range. */
export function parseAsn(text: string): number {
  const dot = text.indexOf('.');
  if (dot < 0) {
    const n = parseInteger(text);
    return n <= 0xffffffff ? n : Number.NaN;
  }
  const high = parseInteger(text.slice(0, dot));
  const low = parseInteger(text.slice(dot + 1));
  if (!(high <= 0xffff && low <= 0xffff)) return Number.NaN;
  return high * 65536 + low;
}

function flat(items: readonly Item[]): string[] | undefined {
  const out: string[] = [];
  for (const item of items) {
    if (item.kind === 'group') {
      const inner = flat(item.items);
      if (!inner) return undefined;
      out.push(...inner);
    } else out.push(item.text);
  }
  return out;
}

function single(p: ParserState, key: string, items: readonly Item[], at: Span): Item | undefined {
  const item = items[0];
  if (items.length === 1 && item && item.kind !== 'group') return item;
  p.sink.error(items[1]?.span ?? item?.span ?? at, `'${key}' takes one value`);
  return undefined;
}

function toBoolean(p: ParserState, item: Item): Value | undefined {
  const low = item.kind === 'group' ? '' : item.text.toLowerCase();
  if (TRUE_WORDS.has(low)) return { type: 'boolean', value: true };
  if (FALSE_WORDS.has(low)) return { type: 'boolean', value: false };
  if (low === 'auto') return { type: 'word', value: 'auto' };
  p.sink.error(item.span, `invalid boolean '${low}'`, ['true', 'false', 'enable', 'disable']);
  return undefined;
}

function toNumber(p: ParserState, item: Item, optional: boolean): Value | undefined {
  const text = item.kind === 'group' ? '' : item.text;
  const n = parseInteger(text);
  if (!Number.isNaN(n)) return { type: 'number', value: n };
  if (optional) return toBoolean(p, item);
  p.sink.error(item.span, `invalid number '${text}'`);
  return undefined;
}

/** Converts the items following a keyword into a value of `type`; undefined after an error. */
export function toValue(
  p: ParserState,
  key: string,
  type: ValueType,
  items: readonly Item[],
  at: Span,
): Value | undefined {
  if (items.length === 0) {
    if (type === 'boolean' || type === 'optional-number') return { type: 'boolean', value: true };
    p.sink.error(at, `'${key}' needs a value`);
    return undefined;
  }
  if (type === 'list' || type === 'args') {
    const values = flat(items);
    if (values) return { type: 'list', values };
    p.sink.error(at, `'${key}' takes a list of words`);
    return undefined;
  }
  if (type === 'string' && items.every((i) => i.kind !== 'group')) {
    return { type: 'string', value: items.map((i) => ('text' in i ? i.text : '')).join(' ') };
  }
  const item = single(p, key, items, at);
  if (!item || item.kind === 'group') return undefined;
  switch (type) {
    case 'string':
      return { type: 'string', value: item.text };
    case 'word':
      return { type: 'word', value: item.text };
    case 'asn': {
      if (item.text === 'auto') return { type: 'word', value: 'auto' };
      const asn = parseAsn(item.text);
      if (!Number.isNaN(asn)) return { type: 'number', value: asn };
      p.sink.error(item.span, `invalid ASN '${item.text}'`, [
        '0..4294967295',
        'asdot 0.0..65535.65535',
        'auto',
      ]);
      return undefined;
    }
    case 'number':
      return toNumber(p, item, false);
    case 'optional-number':
      return toNumber(p, item, true);
    case 'boolean':
      return toBoolean(p, item);
  }
}

/** A zero-width span just after `span`: where a missing ';' goes. */
function after(span: Span): Span {
  return {
    file: span.file,
    line: span.endLine,
    col: span.endCol,
    endLine: span.endLine,
    endCol: span.endCol + 1,
  };
}

function makeSetting(
  p: ParserState,
  head: Item,
  type: ValueType,
  items: readonly Item[],
  end: Span,
): Setting {
  const key = head.kind === 'group' ? '' : head.text;
  const only = items[0];
  // A value that does not convert was reported; it is kept as written so later passes do not
  // also report the setting as missing.
  const value =
    toValue(p, key, type, items, head.span) ??
    (items.length === 1 && only && only.kind !== 'group'
      ? { type: 'word', value: only.text }
      : { type: 'list', values: [] });
  return { kind: 'setting', key, value, span: joinSpans(head.span, end) };
}

/**
 * Parses `key value... ;` for a keyword of `table` (the head was consumed). A known keyword at
 * the start of a later line means the `;` was forgotten: that is reported, and the rest is
 * parsed as the next setting, so one missing `;` gives one error.
 */
export function parseSettings(
  p: ParserState,
  head: Token,
  table: Readonly<Record<string, ValueType>>,
  type: ValueType,
): Setting[] {
  const st = readStatement(p);
  endStatement(p, st);
  const out: Setting[] = [];
  let key: Item = { kind: 'word', text: head.text, span: head.span };
  let keyType = type;
  let items = st.items;
  for (;;) {
    const i = items.findIndex(
      (it) => it.kind === 'word' && it.newline === true && table[it.text] !== undefined,
    );
    if (i < 0) break;
    const last = i > 0 ? items[i - 1]!.span : key.span;
    p.sink.error(after(last), "missing ';'", ["';'"]);
    out.push(makeSetting(p, key, keyType, items.slice(0, i), last));
    key = items[i]!;
    keyType = table[(key as { text: string }).text]!;
    items = items.slice(i + 1);
  }
  out.push(makeSetting(p, key, keyType, items, items[items.length - 1]?.span ?? key.span));
  return out;
}
