/**
 * Extended communities as written in configuration and API text (`target:65000:1`,
 * `origin:1.2.3.4:5`, `redirect:65000:1`, `rate-limit:9600`, `l2info:19:0:1500:111`,
 * `interface-set:transitive:input:1234:10`, `0x0002fde800000001` ...) -> wire values (RFC 4360,
 * RFC 8955 §7, RFC 4761 §3.2.4). The bytes are written as ExaBGP writes them for the same text
 * and decoded back with the wire registry, so fields and raw always agree.
 */
import type { ExtendedCommunity as TextCommunity } from '../../config/model.js';
import { parseInteger } from '../../config/parse-value.js';
import { redirect, trafficRate } from '../../wire/attribute/ext-community/build.js';
import { decodeExtCommunity } from '../../wire/attribute/ext-community/registry.js';
import type { ExtCommunity } from '../../wire/attribute/ext-community/types.js';
import { table } from '../../wire/lookup.js';
import { LowerError } from './error.js';

/** A decimal number, a 0x-hex number, or an IPv4 address (as its 32-bit value); NaN otherwise. */
function component(text: string): { value: number; ip: boolean } {
  const t = text.endsWith('L') ? text.slice(0, -1) : text;
  if (t.startsWith('0x') || t.startsWith('0X')) {
    const hex = t.slice(2);
    const ok = hex.length > 0 && hex.length <= 8 && [...hex].every((c) => HEX.includes(c.toLowerCase()));
    return { value: ok ? Number.parseInt(hex, 16) : Number.NaN, ip: false };
  }
  const parts = t.split('.');
  if (parts.length === 4) {
    const o = parts.map(parseInteger);
    const ok = o.every((x) => x <= 255);
    return { value: ok ? ((o[0]! * 256 + o[1]!) * 256 + o[2]!) * 256 + o[3]! : Number.NaN, ip: true };
  }
  return { value: parseInteger(t), ip: false };
}

const HEX = '0123456789abcdef';

function make(type: number, subtype: number, fill: (b: Buffer) => void): ExtCommunity {
  const b = Buffer.alloc(8);
  b[0] = type;
  b[1] = subtype;
  fill(b);
  return decodeExtCommunity(b);
}

function bad(text: string, why: string): LowerError {
  return new LowerError(`invalid extended community '${text}': ${why}`);
}

function numbers(text: string, parts: readonly string[], count: number): { value: number; ip: boolean }[] {
  if (parts.length !== count) throw bad(text, `expected ${count} fields after the type`);
  const out = parts.map(component);
  if (out.some((c) => Number.isNaN(c.value))) throw bad(text, 'a field is not a number');
  return out;
}

function check(text: string, value: number, max: number): number {
  if (value > max) throw bad(text, `${value} is above ${max}`);
  return value;
}

/**
 * target / origin: `ASN:N` with ASN < 65536 is the 2-byte AS form (type 0x00); an IPv4
 * administrator or a larger ASN is written with type 0x01 and a 16-bit local part.
 */
function adminLocal(
  text: string,
  subtype: 0x02 | 0x03,
  parts: readonly string[],
  four = false,
): ExtCommunity {
  const [g, l] = numbers(text, parts, 2) as [{ value: number; ip: boolean }, { value: number; ip: boolean }];
  // INTEROP: ExaBGP writes a 4-byte ASN target/origin with type 0x01 (the IPv4 form), not 0x02.
  if (four || g.ip || g.value > 0xffff || parts[0]!.endsWith('L')) {
    check(text, g.value, 0xffffffff);
    check(text, l.value, 0xffff);
    return make(0x01, subtype, (b) => {
      b.writeUInt32BE(g.value, 2);
      b.writeUInt16BE(l.value, 6);
    });
  }
  check(text, l.value, 0xffffffff);
  return make(0x00, subtype, (b) => {
    b.writeUInt16BE(g.value, 2);
    b.writeUInt32BE(l.value, 4);
  });
}

const DIRECTIONS: Readonly<Record<string, number>> = table({ input: 1, output: 2, 'input-output': 3 });

/** FlowSpec interface-set (draft-ietf-idr-flowspec-interfaceset): [transitivity:]direction:ASN:group. */
function interfaceSet(text: string, parts: readonly string[]): ExtCommunity {
  let rest = parts;
  let transitive = true;
  if (parts.length === 4) {
    if (parts[0] !== 'transitive' && parts[0] !== 'non-transitive')
      throw bad(text, 'transitive or non-transitive');
    transitive = parts[0] === 'transitive';
    rest = parts.slice(1);
  }
  const direction = DIRECTIONS[rest[0] ?? ''];
  if (direction === undefined || rest.length !== 3)
    throw bad(text, 'expected [transitive:]input|output|input-output:ASN:GROUP');
  const asn = check(text, parseInteger(rest[1]!), 0xffffffff);
  const group = check(text, parseInteger(rest[2]!), 0x3fff);
  if (Number.isNaN(asn) || Number.isNaN(group)) throw bad(text, 'ASN and group are numbers');
  return make(transitive ? 0x07 : 0x47, 0x02, (b) => {
    b.writeUInt32BE(asn, 2);
    b.writeUInt16BE(direction * 0x4000 + group, 6);
  });
}

type Builder = (text: string, parts: readonly string[]) => ExtCommunity;

const BUILDERS: Readonly<Record<string, Builder>> = table({
  target: (t, p) => adminLocal(t, 0x02, p),
  origin: (t, p) => adminLocal(t, 0x03, p),
  target4: (t, p) => adminLocal(t, 0x02, p, true),
  origin4: (t, p) => adminLocal(t, 0x03, p, true),
  redirect: (t, p) => {
    const [asn, nn] = numbers(t, p, 2);
    return redirect(check(t, asn!.value, 0xffffffff), nn!.value);
  },
  'rate-limit': (t, p) => trafficRate(0, check(t, numbers(t, p, 1)[0]!.value, 0xffffffff)),
  l2info: (t, p) => {
    const [encaps, control, mtu, reserved] = numbers(t, p, 4);
    return make(0x80, 0x0a, (b) => {
      b[2] = check(t, encaps!.value, 0xff);
      b[3] = check(t, control!.value, 0xff);
      b.writeUInt16BE(check(t, mtu!.value, 0xffff), 4);
      b.writeUInt16BE(check(t, reserved!.value, 0xffff), 6);
    });
  },
  bandwidth: (t, p) => {
    const [asn, rate] = numbers(t, p, 2);
    return make(0x40, 0x04, (b) => {
      b.writeUInt16BE(check(t, asn!.value, 0xffff), 2);
      b.writeFloatBE(rate!.value, 4);
    });
  },
  mup: (t, p) => {
    const [a, n] = numbers(t, p, 2);
    return make(0x0c, 0x00, (b) => {
      b.writeUInt16BE(check(t, a!.value, 0xffff), 2);
      b.writeUInt32BE(check(t, n!.value, 0xffffffff), 4);
    });
  },
  'interface-set': interfaceSet,
  'redirect-to-nexthop': (t, p) => {
    if (p.length > 0 && !(p.length === 1 && p[0] === '')) throw bad(t, 'takes no value');
    return make(0x08, 0x00, () => undefined);
  },
});

/** One extended community from its parsed text form. Throws LowerError. */
export function lowerExtCommunity(c: TextCommunity): ExtCommunity {
  const text = c.type === 'raw' ? `0x${c.value}` : c.value === '' ? c.type : `${c.type}:${c.value}`;
  if (c.type === 'raw') return decodeExtCommunity(Buffer.from(c.value, 'hex'));
  const parts = c.value === '' ? [] : c.value.split(':');
  // ExaBGP: two numbers alone (`65000:1`) mean a route target.
  if (parts.length === 1 && c.type !== 'rate-limit' && /^[0-9.]+L?$/.test(c.type)) {
    return adminLocal(text, 0x02, [c.type, parts[0]!]);
  }
  const builder = Object.hasOwn(BUILDERS, c.type) ? BUILDERS[c.type] : undefined;
  if (!builder) throw bad(text, `unknown type '${c.type}'`);
  return builder(text, parts);
}
