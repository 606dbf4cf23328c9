/**
 * Textual IP address and prefix checks for the validator (pure: node:net is not used in the
 * config layer). IPv4 is dotted-quad (RFC 791 textual convention); IPv6 follows RFC 4291 §2.2
 * (hex groups, one `::`, an embedded dotted-quad at the end).
 */
import { parseInteger } from './parse-value.js';

export function isIPv4(text: string): boolean {
  return isIPv4Range(text, 0, text.length);
}

/**
 * Whether text[start..end) is a dotted quad: four decimal parts of one to three digits, each at
 * most 255. A scan without slices: it runs once per route of a million-route file.
 */
function isIPv4Range(text: string, start: number, end: number): boolean {
  let parts = 0;
  let digits = 0;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++parts > 3) return false;
      digits = 0;
      value = 0;
    } else if (c >= 48 && c <= 57 && digits < 3) {
      value = value * 10 + (c - 48);
      if (value > 255) return false;
      digits++;
    } else return false;
  }
  return parts === 3 && digits > 0;
}

function isHexGroup(g: string): boolean {
  return g.length >= 1 && g.length <= 4 && /^[0-9a-fA-F]+$/.test(g);
}

function countGroups(part: string): number {
  if (part === '') return 0;
  const groups = part.split(':');
  let n = 0;
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i]!;
    if (i === groups.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return Number.NaN;
      n += 2;
    } else if (isHexGroup(g)) n++;
    else return Number.NaN;
  }
  return n;
}

export function isIPv6(text: string): boolean {
  if (text.length > 45) return false;
  const dbl = text.indexOf('::');
  if (dbl < 0) return countGroups(text) === 8;
  if (text.indexOf('::', dbl + 1) >= 0) return false;
  const head = text.slice(0, dbl);
  const tail = text.slice(dbl + 2);
  if (head.includes('.')) return false;
  const n = countGroups(head) + countGroups(tail);
  return n <= 7;
}

export function isIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

/** `ADDRESS` or `ADDRESS/LENGTH` with a length within the family's range. */
export function isPrefix(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return isIP(text);
  const length = parseInteger(text.slice(slash + 1));
  if (isIPv4Range(text, 0, slash)) return length <= 32;
  return isIPv6(text.slice(0, slash)) && length <= 128;
}

/** A route distinguisher (RFC 4364 §4.2): ASN2:NN32, IPv4:NN16 or ASN4:NN16 (`L` suffix allowed). */
export function isRouteDistinguisher(text: string): boolean {
  const colon = text.lastIndexOf(':');
  if (colon <= 0) return false;
  const admin = text.slice(0, colon);
  const assigned = parseInteger(text.slice(colon + 1));
  if (isIPv4(admin)) return assigned <= 0xffff;
  const asn = parseInteger(admin.endsWith('L') ? admin.slice(0, -1) : admin);
  if (asn <= 0xffff && !admin.endsWith('L')) return assigned <= 0xffffffff;
  return asn <= 0xffffffff && assigned <= 0xffff;
}
