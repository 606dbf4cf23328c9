/**
 * Route attributes as written after a prefix in `route`, `unicast`, `vpls` ... statements:
 * `next-hop 1.2.3.4 community [ 65000:1 no-export ] as-path [ 1 2 ( 3 4 ) ] ...`. Each keyword
 * takes zero or one item (a word or a bracketed group) and becomes a typed AttributeValue; the
 * lowering to wire attributes is done later (command/lower). Errors name the bad item and skip it.
 *
 * ONE grammar: the configuration parser and the API's parseCommand both call parseAttributes,
 * so `static { route ... }` and `announce route ...` accept exactly the same words.
 */
import type { AsPathSegment, ExtendedCommunity, RouteAttribute } from '../../config/model.js';
import type { Item, ParserState } from '../../config/parse-core.js';
import { itemText } from '../../config/parse-core.js';
import { parseAsn, parseInteger, parseIntegerAt } from '../../config/parse-value.js';
import { joinSpans, type Span } from '../../config/span.js';
import { table } from '../../wire/lookup.js';

/** Well-known communities (RFC 1997, RFC 7999, RFC 8326, RFC 9494) by the names ExaBGP accepts. */
export const WELL_KNOWN_COMMUNITIES: Readonly<Record<string, number>> = table({
  'no-export': 0xffffff01,
  no_export: 0xffffff01,
  'no-advertise': 0xffffff02,
  no_advertise: 0xffffff02,
  'no-export-subconfed': 0xffffff03,
  nopeer: 0xffffff04,
  'no-peer': 0xffffff04,
  blackhole: 0xffff029a,
  'graceful-shutdown': 0xffff0000,
  'accept-own': 0xffff0001,
  'llgr-stale': 0xffff0006,
  'no-llgr': 0xffff0007,
});

/** Builds the attribute with its span in one object literal (a spread would leave slow, larger objects). */
type Parse = (p: ParserState, item: Item, span: Span) => RouteAttribute | undefined;

export interface Descriptor {
  /** 0: the keyword stands alone; 1: it takes one item. */
  readonly arity: 0 | 1;
  readonly parse: Parse;
}

/** Decimal or 0x-hex unsigned integer; NaN when neither. */
export function parseNumber(text: string): number {
  if (text.length > 2 && (text.startsWith('0x') || text.startsWith('0X'))) {
    const hex = text.slice(2);
    return /^[0-9a-fA-F]{1,13}$/.test(hex) ? Number.parseInt(hex, 16) : Number.NaN;
  }
  return parseInteger(text);
}

function words(p: ParserState, item: Item, what: string): string[] | undefined {
  if (item.kind !== 'group') return [item.text];
  const out: string[] = [];
  for (const inner of item.items) {
    if (inner.kind === 'group') {
      p.sink.error(inner.span, `unexpected group in ${what}`);
      return undefined;
    }
    out.push(inner.text);
  }
  return out;
}

function word(p: ParserState, item: Item, what: string): string | undefined {
  if (item.kind !== 'group') return item.text;
  p.sink.error(item.span, `${what} takes one value, not a list`);
  return undefined;
}

/** Runs `each` over the words of `item`, failing on the first bad one (reported at its span). */
function each<T>(
  p: ParserState,
  item: Item,
  what: string,
  conv: (w: string) => T | undefined,
): T[] | undefined {
  const list = item.kind === 'group' ? item.items : [item];
  // Sized up front: values are kept for the life of the configuration, with no spare capacity.
  const out = new Array<T>(list.length);
  for (let i = 0; i < list.length; i++) {
    const inner = list[i]!;
    const v = inner.kind === 'group' ? undefined : conv(inner.text);
    if (v === undefined) {
      p.sink.error(inner.span, `invalid ${what} '${itemText(inner)}'`);
      return undefined;
    }
    out[i] = v;
  }
  return out;
}

export function parseCommunity(text: string): number | undefined {
  // Names start with a letter; numbers (most communities) skip the lower-cased lookup.
  const first = text.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) {
    const known = WELL_KNOWN_COMMUNITIES[text.toLowerCase()];
    if (known !== undefined) return known;
  }
  const colon = text.indexOf(':');
  if (colon > 0) {
    const high = parseIntegerAt(text, 0, colon);
    const low = parseIntegerAt(text, colon + 1, text.length);
    return high <= 0xffff && low <= 0xffff ? high * 65536 + low : undefined;
  }
  const n = parseNumber(text);
  return n <= 0xffffffff ? n : undefined;
}

export function parseLargeCommunity(text: string): readonly [number, number, number] | undefined {
  const parts = text.split(':');
  if (parts.length !== 3) return undefined;
  const n = parts.map(parseAsn);
  return n.every((x) => x <= 0xffffffff) ? [n[0]!, n[1]!, n[2]!] : undefined;
}

export function parseExtendedCommunity(text: string): ExtendedCommunity | undefined {
  if (text.startsWith('0x') || text.startsWith('0X')) {
    const hex = text.slice(2).toLowerCase();
    return /^[0-9a-f]{16}$/.test(hex) ? { type: 'raw', value: hex } : undefined;
  }
  const colon = text.indexOf(':');
  if (colon === 0 || text === '') return undefined;
  if (colon < 0) return { type: text.toLowerCase(), value: '' };
  return { type: text.slice(0, colon).toLowerCase(), value: text.slice(colon + 1) };
}

function asPath(p: ParserState, item: Item, span: Span): RouteAttribute | undefined {
  const segments: AsPathSegment[] = [];
  let current: number[] | undefined;
  const visit = (it: Item, inSet: boolean): boolean => {
    if (it.kind === 'group') {
      if (it.open === '(' || inSet) {
        const asns = each(p, it, 'ASN', (w) => finite(parseAsn(w)));
        if (!asns) return false;
        current = undefined;
        segments.push({ type: 'set', asns });
        return true;
      }
      return it.items.every((inner) => visit(inner, false));
    }
    const asn = parseAsn(it.text);
    if (Number.isNaN(asn)) {
      p.sink.error(it.span, `invalid ASN '${it.text}'`);
      return false;
    }
    if (!current) {
      current = [];
      segments.push({ type: 'sequence', asns: current });
    }
    current.push(asn);
    return true;
  };
  return visit(item, false) ? { span, kind: 'as-path', segments } : undefined;
}

function finite(n: number): number | undefined {
  return Number.isNaN(n) ? undefined : n;
}

function numberAttr(kind: 'med' | 'local-preference' | 'aigp', max: number): Parse {
  return (p, item, span) => {
    const n = item.kind === 'group' ? Number.NaN : parseInteger(item.text);
    if (n <= max) return { span, kind, value: n };
    p.sink.error(item.span, `invalid ${kind} '${itemText(item)}'`, [`0..${max}`]);
    return undefined;
  };
}

const ORIGINS = ['igp', 'egp', 'incomplete'] as const;

function origin(p: ParserState, item: Item, span: Span): RouteAttribute | undefined {
  const low = item.kind === 'group' ? '' : item.text.toLowerCase();
  const found = ORIGINS.find((o) => o === low);
  if (found) return { span, kind: 'origin', origin: found };
  p.sink.error(item.span, `invalid origin '${itemText(item)}'`, [...ORIGINS]);
  return undefined;
}

function aggregator(p: ParserState, item: Item, span: Span): RouteAttribute | undefined {
  const text = item.kind === 'group' ? (item.items.length === 1 ? itemText(item.items[0]!) : '') : item.text;
  const colon = text.indexOf(':');
  const asn = parseAsn(text.slice(0, colon));
  if (colon > 0 && !Number.isNaN(asn))
    return { span, kind: 'aggregator', asn, address: text.slice(colon + 1) };
  p.sink.error(item.span, `invalid aggregator '${itemText(item)}'`, ['( ASN:IP )']);
  return undefined;
}

function pathInformation(p: ParserState, item: Item, span: Span): RouteAttribute | undefined {
  const text = word(p, item, 'path-information') ?? '';
  const parts = text.split('.');
  let value = Number.NaN;
  if (parts.length === 4) {
    const o = parts.map(parseInteger);
    if (o.every((x) => x <= 255)) value = ((o[0]! * 256 + o[1]!) * 256 + o[2]!) * 256 + o[3]!;
  } else value = parseInteger(text);
  if (value <= 0xffffffff) return { span, kind: 'path-information', value };
  p.sink.error(item.span, `invalid path-information '${itemText(item)}'`, ['0..4294967295', 'A.B.C.D']);
  return undefined;
}

function generic(p: ParserState, item: Item, span: Span): RouteAttribute | undefined {
  const w = item.kind === 'group' ? words(p, item, 'attribute') : undefined;
  const code = parseNumber(w?.[0] ?? '');
  const flags = parseNumber(w?.[1] ?? '');
  const data = (w?.[2] ?? '').toLowerCase();
  if (w && w.length === 3 && code <= 255 && flags <= 255 && /^0x([0-9a-f]{2})*$/.test(data)) {
    return { span, kind: 'generic', code, flags, data: data.slice(2) };
  }
  p.sink.error(item.span, `invalid attribute '${itemText(item)}'`, ['[ CODE FLAGS 0xDATA ]']);
  return undefined;
}

function split(p: ParserState, item: Item, span: Span): RouteAttribute | undefined {
  const text = word(p, item, 'split') ?? '';
  const n = parseInteger(text.startsWith('/') ? text.slice(1) : text);
  if (n <= 128) return { span, kind: 'split', value: n };
  p.sink.error(item.span, `invalid split '${itemText(item)}'`, ['/LENGTH']);
  return undefined;
}

function listOf<T>(
  kind: 'community' | 'large-community' | 'extended-community' | 'cluster-list' | 'label',
  what: string,
  conv: (w: string) => T | undefined,
): Parse {
  return (p, item, span) => {
    const values = each(p, item, what, conv);
    if (!values) return undefined;
    if (kind === 'cluster-list') return { span, kind, ids: values as string[] };
    if (kind === 'label') return { span, kind, labels: values as number[] };
    return { span, kind, values } as RouteAttribute;
  };
}

const wordAttr =
  (make: (w: string, span: Span) => RouteAttribute): Parse =>
  (p, item, span) => {
    const w = word(p, item, 'this attribute');
    return w === undefined ? undefined : make(w, span);
  };

const field = (name: string): Descriptor => ({
  arity: 1,
  parse: wordAttr((value, span) => ({ span, kind: 'field', name, value })),
});
const flagField = (name: string): Descriptor => ({
  arity: 0,
  parse: (_p, _i, span) => ({ span, kind: 'field', name }),
});

export const ATTRIBUTES: Readonly<Record<string, Descriptor>> = table({
  'next-hop': { arity: 1, parse: wordAttr((address, span) => ({ span, kind: 'next-hop', address })) },
  origin: { arity: 1, parse: origin },
  med: { arity: 1, parse: numberAttr('med', 0xffffffff) },
  'local-preference': { arity: 1, parse: numberAttr('local-preference', 0xffffffff) },
  aigp: { arity: 1, parse: numberAttr('aigp', Number.MAX_SAFE_INTEGER) },
  'as-path': { arity: 1, parse: asPath },
  'atomic-aggregate': { arity: 0, parse: (_p, _i, span) => ({ span, kind: 'atomic-aggregate' }) },
  withdraw: { arity: 0, parse: (_p, _i, span) => ({ span, kind: 'withdraw' }) },
  aggregator: { arity: 1, parse: aggregator },
  'originator-id': {
    arity: 1,
    parse: wordAttr((address, span) => ({ span, kind: 'originator-id', address })),
  },
  'cluster-list': { arity: 1, parse: listOf('cluster-list', 'cluster id', (w) => w) },
  community: { arity: 1, parse: listOf('community', 'community', parseCommunity) },
  'large-community': { arity: 1, parse: listOf('large-community', 'large community', parseLargeCommunity) },
  'extended-community': {
    arity: 1,
    parse: listOf('extended-community', 'extended community', parseExtendedCommunity),
  },
  'path-information': { arity: 1, parse: pathInformation },
  rd: { arity: 1, parse: wordAttr((value, span) => ({ span, kind: 'rd', value })) },
  'route-distinguisher': { arity: 1, parse: wordAttr((value, span) => ({ span, kind: 'rd', value })) },
  label: { arity: 1, parse: listOf('label', 'label', (w) => finite(parseInteger(w))) },
  attribute: { arity: 1, parse: generic },
  name: { arity: 1, parse: wordAttr((value, span) => ({ span, kind: 'name', value })) },
  watchdog: { arity: 1, parse: wordAttr((value, span) => ({ span, kind: 'watchdog', value })) },
  split: { arity: 1, parse: split },
  'bgp-prefix-sid': {
    arity: 1,
    parse: (_p, item, span) => ({
      span,
      kind: 'prefix-sid',
      keyword: 'bgp-prefix-sid',
      text: itemText(item),
    }),
  },
  'bgp-prefix-sid-srv6': {
    arity: 1,
    parse: (_p, item, span) => ({
      span,
      kind: 'prefix-sid',
      keyword: 'bgp-prefix-sid-srv6',
      text: itemText(item),
    }),
  },
  // NLRI fields of the families described by keywords: VPLS (RFC 4761), MUP, MVPN (RFC 6514).
  endpoint: field('endpoint'),
  offset: field('offset'),
  size: field('size'),
  base: field('base'),
  rp: field('rp'),
  group: field('group'),
  source: field('source'),
  'source-as': field('source-as'),
  teid: field('teid'),
  qfi: field('qfi'),
  'mup-isd': field('mup-isd'),
  'mup-dsd': field('mup-dsd'),
  'mup-t1st': field('mup-t1st'),
  'mup-t2st': field('mup-t2st'),
  'shared-join': flagField('shared-join'),
  'source-join': flagField('source-join'),
  'source-ad': flagField('source-ad'),
});

export const ATTRIBUTE_KEYWORDS: readonly string[] = Object.keys(ATTRIBUTES);

/**
 * Keywords by length and first and last character, then compared: a word read from a file is a
 * new string whose hash a Map would compute every time (looking words up in the ATTRIBUTES
 * object, then in a Map, was 9%, then 5%, of parsing a million routes).
 */
const BY_SHAPE = new Map<number, [string, Descriptor][]>();

function shape(word: string): number {
  return word.length * 65536 + word.charCodeAt(0) * 256 + (word.charCodeAt(word.length - 1) & 255);
}

for (const [name, desc] of Object.entries(ATTRIBUTES)) {
  const list = BY_SHAPE.get(shape(name));
  if (list) list.push([name, desc]);
  else BY_SHAPE.set(shape(name), [[name, desc]]);
}

function lookup(word: string): Descriptor | undefined {
  const list = word.length === 0 ? undefined : BY_SHAPE.get(shape(word));
  if (list) for (const [name, desc] of list) if (name === word) return desc;
  return undefined;
}

/** The descriptor of an attribute keyword, in any case (`Next-Hop` is `next-hop`). */
export function attributeDescriptor(word: string): Descriptor | undefined {
  return lookup(word) ?? lookup(word.toLowerCase());
}

/** Parses `keyword value keyword value ...` from `items[start..]`, appending to `out`. */
export function parseAttributes(
  p: ParserState,
  items: readonly Item[],
  start: number,
  out: RouteAttribute[],
): void {
  let i = start;
  while (i < items.length) {
    const head = items[i]!;
    const desc = head.kind === 'word' ? attributeDescriptor(head.text) : undefined;
    if (!desc && head.kind !== 'group' && head.newline === true && i > 0) {
      // A statement keyword at the start of a line: the previous statement lacks its ';'.
      const prev = items[i - 1]!.span;
      const at = {
        file: prev.file,
        line: prev.endLine,
        col: prev.endCol,
        endLine: prev.endLine,
        endCol: prev.endCol + 1,
      };
      p.sink.error(at, "missing ';'", ["';'"]);
      return;
    }
    if (!desc) {
      p.sink.error(head.span, `unknown route attribute '${itemText(head)}'`);
      i++;
      continue;
    }
    if (desc.arity === 0) {
      const value = desc.parse(p, head, head.span);
      if (value) out.push(value);
      i++;
      continue;
    }
    const arg = items[i + 1];
    if (!arg) {
      p.sink.error(head.span, `'${itemText(head)}' needs a value`);
      return;
    }
    const value = desc.parse(p, arg, joinSpans(head.span, arg.span));
    if (value) out.push(value);
    i += 2;
  }
}
