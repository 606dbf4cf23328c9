/**
 * IPv6 address texts for property tests, in the spellings people and programs write: every
 * zero run compressed or not (the RFC 5952 one or another), upper-case hex, leading zeros in
 * groups, an embedded dotted quad (::ffff:1.2.3.4, with leading zeros too), the canonical text
 * of random octets; and broken ones (a character added, changed or removed).
 */
import fc from 'fast-check';
import { formatIPv6 } from '../../src/wire/nlri/prefix.js';

/** Eight 16-bit words, zeros frequent (runs to compress). */
const words = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
    fc.constantFrom(1, 0xf, 0xff, 0xffff, 0xdb8, 0x2001),
  ),
  { minLength: 8, maxLength: 8 },
);

const spelling = fc.record({
  words,
  /** Which zero word starts the '::' (modulo the zero words; -1: none). */
  gapStart: fc.integer({ min: -1, max: 7 }),
  /** How many zero words it covers at most. */
  gapLength: fc.integer({ min: 1, max: 8 }),
  upper: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
  /** Leading zeros added to each group (a group stays at most 4 digits). */
  pad: fc.array(fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, fc.integer({ min: 1, max: 3 })), {
    minLength: 8,
    maxLength: 8,
  }),
  /** The last two words as a dotted quad, and whether its octets get a leading zero. */
  quad: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, fc.constant(true)),
  quadPad: fc.boolean(),
});

type Spelling = typeof spelling extends fc.Arbitrary<infer T> ? T : never;

function group(value: number, upper: boolean, pad: number): string {
  const hex = value.toString(16);
  const padded = '0'.repeat(Math.min(pad, 4 - hex.length)) + hex;
  return upper ? padded.toUpperCase() : padded;
}

function render(s: Spelling): string {
  const w = s.words;
  const parts: string[] = [];
  const last = s.quad ? 6 : 8;
  for (let k = 0; k < last; k++) parts.push(group(w[k]!, s.upper[k]!, s.pad[k]!));
  if (s.quad) {
    const octets = [w[6]! >>> 8, w[6]! & 0xff, w[7]! >>> 8, w[7]! & 0xff];
    parts.push(octets.map((o) => (s.quadPad && o < 100 ? `0${o}` : String(o))).join('.'));
  }
  // A run of zero words of the groups (not the quad) becomes '::'.
  const zeros = [...Array(last).keys()].filter((k) => w[k] === 0);
  if (s.gapStart < 0 || zeros.length === 0) return parts.join(':');
  const start = zeros[s.gapStart % zeros.length]!;
  let end = start;
  while (end < last && w[end] === 0 && end - start < s.gapLength) end++;
  return `${parts.slice(0, start).join(':')}::${parts.slice(end).join(':')}`;
}

/** Valid IPv6 texts in many spellings. */
export const ipv6Spelling: fc.Arbitrary<string> = fc.oneof(
  spelling.map(render),
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => formatIPv6(b)),
  fc.constantFrom('::', '::1', '::2', '::ffff:1.2.3.4', '::1.2.3.4', '1::', '2001:db8::', 'fe80::1'),
);

/** Broken texts near valid ones: a character inserted, replaced or removed. */
const broken = fc
  .tuple(
    ipv6Spelling,
    fc.nat(),
    fc.constantFrom(':', '::', '.', 'g', 'G', '0', '00000', ' ', '/', '1.2.3.4', ''),
    fc.constantFrom('insert', 'replace', 'remove'),
  )
  .map(([text, at, c, how]) => {
    const i = at % (text.length + 1);
    if (how === 'insert') return text.slice(0, i) + c + text.slice(i);
    if (how === 'replace') return text.slice(0, i) + c + text.slice(i + 1);
    return text.slice(0, i) + text.slice(i + 1);
  });

/** IPv6 texts, valid (mostly) or not. */
export const ipv6Text: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: ipv6Spelling },
  broken,
  fc.constantFrom('', ':', ':::', '1:2:3:4:5:6:7:8:9', '1::2::3', '12345::', '1:2:3:4:5:6:7', 'g::1'),
);
