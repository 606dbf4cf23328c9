/**
 * BGP Prefix-SID (RFC 8669, SRv6 services RFC 9252) from ExaBGP's text forms:
 *
 *   bgp-prefix-sid [ LABEL-INDEX ]
 *   bgp-prefix-sid [ LABEL-INDEX, [ ( BASE,RANGE ) ... ] ]       (Originator SRGB)
 *   bgp-prefix-sid-srv6 ( l3-service|l2-service SID [BEHAVIOR [ B,N,F,A,TL,TO ]] )
 *
 * The grammar keeps the value as its canonical text (brackets spaced, commas dropped); this
 * reads that text back. An absent behavior is 0xffff (opaque), as ExaBGP writes it.
 */

import type { PrefixSidTlv, SidSubSubTlv } from '../../wire/attribute/prefix-sid/types.js';
import type { PrefixSidAttribute } from '../../wire/attribute/prefix-sid.js';
import { formatIPv6, parseIPv6 } from '../../wire/nlri/prefix.js';
import { LowerError } from './error.js';

function num(text: string | undefined, max: number, what: string): number {
  const t = text ?? '';
  const n = t.startsWith('0x')
    ? Number.parseInt(t.slice(2), 16)
    : /^[0-9]+$/.test(t)
      ? Number(t)
      : Number.NaN;
  if (!(n >= 0 && n <= max)) throw new LowerError(`invalid ${what} '${t}' in a prefix-sid`);
  return n;
}

function tokens(text: string): string[] {
  return text
    .replace(/([[\](),])/g, ' $1 ')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== ',');
}

/** `[ 300 [ ( 800000 4096 ) ] ]`. */
function labelIndex(text: string): PrefixSidTlv[] {
  const words = tokens(text).filter((w) => w !== '[' && w !== ']');
  const index = num(words[0], 0xffffffff, 'label index');
  const out: PrefixSidTlv[] = [{ kind: 'label-index', reserved: 0, flags: 0, labelIndex: index }];
  const ranges: { base: number; range: number }[] = [];
  for (let i = 1; i < words.length; ) {
    if (words[i] !== '(' || words[i + 3] !== ')') throw new LowerError(`invalid SRGB in '${text}'`);
    ranges.push({
      base: num(words[i + 1], 0xffffff, 'SRGB base'),
      range: num(words[i + 2], 0xffffff, 'SRGB range'),
    });
    i += 4;
  }
  if (ranges.length > 0) out.push({ kind: 'originator-srgb', flags: 0, ranges });
  return out;
}

function srv6(text: string): PrefixSidTlv[] {
  const words = tokens(text);
  if (words[0] !== '(' || words[words.length - 1] !== ')')
    throw new LowerError(`expected '( l3-service SID ... )'`);
  const service = words[1];
  if (service !== 'l3-service' && service !== 'l2-service')
    throw new LowerError(`expected l3-service or l2-service, not '${service ?? ''}'`);
  const bytes = parseIPv6(words[2] ?? '');
  if (!bytes) throw new LowerError(`'${words[2] ?? ''}' is not an IPv6 SID`);
  const sid = formatIPv6(bytes);
  const inner = words.slice(3, -1);
  const behavior = inner.length > 0 ? num(inner[0], 0xffff, 'behavior') : 0xffff;
  const subSubTlvs: SidSubSubTlv[] = [];
  if (inner.length > 1) {
    const s = inner.slice(1).filter((w) => w !== '[' && w !== ']');
    if (s.length !== 6) throw new LowerError('an SRv6 SID structure has 6 lengths');
    const n = s.map((w) => num(w, 0xff, 'SID structure length'));
    subSubTlvs.push({
      kind: 'sid-structure',
      locatorBlockLength: n[0]!,
      locatorNodeLength: n[1]!,
      functionLength: n[2]!,
      argumentLength: n[3]!,
      transpositionLength: n[4]!,
      transpositionOffset: n[5]!,
    });
  }
  const information = {
    kind: 'sid-information' as const,
    reserved1: 0,
    sid,
    flags: 0,
    behavior,
    reserved2: 0,
    subSubTlvs,
  };
  return [
    {
      kind: service === 'l3-service' ? 'srv6-l3-service' : 'srv6-l2-service',
      reserved: 0,
      subTlvs: [information],
    },
  ];
}

/** The TLVs of one `bgp-prefix-sid` or `bgp-prefix-sid-srv6` value. Throws LowerError. */
export function prefixSidTlvs(keyword: string, text: string): PrefixSidTlv[] {
  return keyword === 'bgp-prefix-sid-srv6' ? srv6(text) : labelIndex(text);
}

export function prefixSidAttribute(tlvs: readonly PrefixSidTlv[]): PrefixSidAttribute {
  return { kind: 'prefix-sid', tlvs };
}
