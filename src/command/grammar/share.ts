/**
 * Shared attribute values for configuration syntax trees: routes keep their attributes without
 * spans, so equal values (and equal lists of them) are one object per parse. A file of a
 * million routes with one next hop and a few communities then keeps a few dozen attribute
 * objects and lists instead of five million. Keys are built from the values; each table is
 * bounded by MAX_SHARED (past it, it starts again, which only costs sharing).
 */
import type { AttributeValue, RouteAttribute } from '../../config/model.js';
import type { ParserState } from '../../config/parse-core.js';

export const MAX_SHARED = 1 << 16;

interface Tables {
  readonly values: Map<string, AttributeValue>;
  readonly lists: Map<string, readonly AttributeValue[]>;
}

const TABLES = new WeakMap<ParserState, Tables>();

/** A text that determines the value; the first character tells the kinds apart. */
function valueKey(a: AttributeValue): string {
  switch (a.kind) {
    case 'next-hop':
      return `n${a.address}`;
    case 'origin':
      return `o${a.origin}`;
    case 'med':
    case 'local-preference':
    case 'aigp':
    case 'path-information':
    case 'split':
      return `${a.kind}=${a.value}`;
    case 'community':
      return `c${a.values.join(',')}`;
    default:
      return JSON.stringify(a, (key, v: unknown) => (key === 'span' ? undefined : v));
  }
}

function withoutSpan(a: RouteAttribute): AttributeValue {
  const { span: _span, ...value } = a;
  return value as AttributeValue;
}

function tables(p: ParserState): Tables {
  let t = TABLES.get(p);
  if (!t || t.values.size >= MAX_SHARED || t.lists.size >= MAX_SHARED) {
    t = { values: new Map(), lists: new Map() };
    TABLES.set(p, t);
  }
  return t;
}

/** The values of `attributes` without their spans, shared with equal values and lists. */
export function shareValues(
  p: ParserState,
  attributes: readonly RouteAttribute[],
): readonly AttributeValue[] {
  const t = tables(p);
  const keys = attributes.map(valueKey);
  // Each key with its length in front: the concatenation cannot be read two ways.
  let listKey = '';
  for (const k of keys) listKey += `${k.length}:${k}`;
  const found = t.lists.get(listKey);
  if (found) return found;
  const list = attributes.map((a, i) => {
    const key = keys[i]!;
    let value = t.values.get(key);
    if (!value) {
      value = withoutSpan(a);
      t.values.set(key, value);
    }
    return value;
  });
  t.lists.set(listKey, list);
  return list;
}
