/**
 * The neighbor selector that may prefix an API command (ExaBGP's extract_neighbors):
 *
 *   selector  := 'neighbor' (IP | '*') (key value)*        key: local-ip local-as peer-as router-id family-allowed
 *   selectors := selector (',' selector)*
 *
 * Read token by token from the lexer, because ',' is punctuation to it.
 */
import type { Token } from '../../config/lexer.js';
import type { ParserState } from '../../config/parse-core.js';
import { parseAsn } from '../../config/parse-value.js';
import { parseIPv4, parseIPv6 } from '../../wire/nlri/prefix.js';
import type { NeighborSelector } from '../types.js';
import { CommandError } from './state.js';

const KEYS = new Set(['local-ip', 'local-as', 'peer-as', 'router-id', 'family-allowed']);

function bad(t: Token, message: string): never {
  throw new CommandError(`${message}, at '${t.text}' (column ${t.span.col})`);
}

function isIp(text: string): boolean {
  return parseIPv4(text) !== undefined || parseIPv6(text) !== undefined;
}

function wordAfter(p: ParserState, key: Token): Token {
  const t = p.lex.next();
  if (t.kind !== 'word') bad(key, `'${key.text}' needs a value`);
  return t;
}

function asn(t: Token): number {
  const n = parseAsn(t.text);
  if (Number.isNaN(n)) bad(t, 'invalid ASN');
  return n;
}

function one(p: ParserState, head: Token): NeighborSelector {
  const ipToken = wordAfter(p, head);
  if (ipToken.text !== '*' && !isIp(ipToken.text)) bad(ipToken, "expected the neighbor's IP address or '*'");
  const s: { -readonly [K in keyof NeighborSelector]: NeighborSelector[K] } = { ip: ipToken.text };
  for (;;) {
    const t = p.lex.peek();
    if (t.kind !== 'word' || !KEYS.has(t.text)) return s;
    p.lex.next();
    const v = wordAfter(p, t);
    if (t.text === 'local-ip') {
      if (!isIp(v.text)) bad(v, 'local-ip needs an IP address');
      s.localIp = v.text;
    } else if (t.text === 'router-id') {
      if (!parseIPv4(v.text)) bad(v, 'router-id needs an IPv4 address');
      s.routerId = v.text;
    } else if (t.text === 'local-as') s.localAs = asn(v);
    else if (t.text === 'peer-as') s.peerAs = asn(v);
    else s.familyAllowed = v.text;
  }
}

/** Reads the selectors at the start of the line; undefined when the line has none. */
export function readSelectors(p: ParserState): NeighborSelector[] | undefined {
  const first = p.lex.peek();
  if (first.kind !== 'word' || first.text !== 'neighbor') return undefined;
  const out: NeighborSelector[] = [];
  for (;;) {
    const head = p.lex.next();
    if (head.kind !== 'word' || head.text !== 'neighbor') bad(head, "expected 'neighbor'");
    out.push(one(p, head));
    if (p.lex.peek().kind !== ',') return out;
    p.lex.next();
  }
}
