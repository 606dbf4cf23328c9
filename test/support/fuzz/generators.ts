/**
 * fast-check generators of structured hostile input, alongside the mutation of seeds:
 * UPDATEs whose attributes have any flags, codes and (honest or lying) lengths, and whose
 * MP_REACH/MP_UNREACH name any known family; OPENs with any capabilities; API commands and
 * configuration built from the grammar's words with hostile values in between.
 */
import fc from 'fast-check';
import { familyOf } from '../../../src/wire/nlri/family.js';
import { knownFamilies } from '../../../src/wire/nlri/registry.js';
import { message } from './seeds.js';

const FAMILIES = knownFamilies().map(familyOf);
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((a) => Buffer.from(a));

/** A prefix as NLRI: length octet (sometimes beyond the family's width) then its octets. */
const prefix = fc
  .tuple(fc.integer({ min: 0, max: 255 }), bytes(40), fc.boolean())
  .map(([len, data, honest]) => {
    const n = honest ? Math.ceil(Math.min(len, 128) / 8) : data.length;
    return Buffer.concat([
      Buffer.from([len]),
      data.subarray(0, n),
      Buffer.alloc(Math.max(0, n - data.length)),
    ]);
  });

const nlriList = fc.array(prefix, { maxLength: 6 }).map((l) => Buffer.concat(l));

const mpValue = fc
  .tuple(fc.constantFrom(...FAMILIES), fc.integer({ min: 0, max: 48 }), bytes(48), nlriList, fc.boolean())
  .map(([f, nhLen, nh, nlri, reach]) => {
    const head = Buffer.from([f.afi >> 8, f.afi & 255, f.safi]);
    if (!reach) return { code: 15, value: Buffer.concat([head, nlri]) };
    const hop = Buffer.concat([nh, Buffer.alloc(48)]).subarray(0, nhLen);
    return { code: 14, value: Buffer.concat([head, Buffer.from([nhLen]), hop, Buffer.from([0]), nlri]) };
  });

const plainValue = fc
  .tuple(fc.integer({ min: 0, max: 255 }), bytes(64))
  .map(([code, value]) => ({ code, value }));

const attribute = fc
  .tuple(fc.oneof(plainValue, mpValue), fc.integer({ min: 0, max: 255 }), fc.integer({ min: -3, max: 3 }))
  .map(([{ code, value }, flags, lie]) => {
    const extended = (flags & 0x10) !== 0;
    const len =
      Math.max(0, value.length + (lie === 0 || Math.abs(lie) > 1 ? 0 : lie)) & (extended ? 0xffff : 0xff);
    const head = extended ? Buffer.from([flags, code, len >> 8, len & 255]) : Buffer.from([flags, code, len]);
    return Buffer.concat([head, value]);
  });

/** UPDATE bodies with honest outer lengths (so the attribute and NLRI decoders are reached). */
export const updateInput = fc
  .tuple(fc.integer({ min: 0, max: 255 }), nlriList, fc.array(attribute, { maxLength: 8 }), nlriList)
  .map(([ctx, withdrawn, attrs, nlri]) => {
    const a = Buffer.concat(attrs);
    const body = Buffer.concat([
      Buffer.from([withdrawn.length >> 8, withdrawn.length & 255]),
      withdrawn,
      Buffer.from([(a.length >> 8) & 255, a.length & 255]),
      a,
      nlri,
    ]);
    return Buffer.concat([Buffer.from([ctx]), message(2, body)]);
  });

const capabilityBytes = fc
  .tuple(fc.integer({ min: 0, max: 255 }), bytes(40))
  .map(([code, v]) => Buffer.concat([Buffer.from([code, v.length]), v]));

export const openInput = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.array(capabilityBytes, { maxLength: 8 }),
    fc.integer({ min: 0, max: 0xffff }),
  )
  .map(([ctx, caps, hold]) => {
    const c = Buffer.concat(caps);
    const params = Buffer.concat([Buffer.from([2, c.length & 255]), c]);
    const body = Buffer.concat([
      Buffer.from([4, 0xfd, 0xe8, hold >> 8, hold & 255, 10, 0, 0, 1, params.length & 255]),
      params,
    ]);
    return Buffer.concat([Buffer.from([ctx]), message(1, body)]);
  });

const hostile = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '0',
    '-1',
    '4294967296',
    '1.2.3.4',
    '::1',
    '10.0.0.0/8',
    '65000:1',
    '[',
    ']',
    '{',
    '}',
    ';',
    '"',
  ),
  fc.integer().map(String),
);

const ROUTE_WORDS = [
  'next-hop',
  'origin',
  'as-path',
  'med',
  'local-preference',
  'community',
  'extended-community',
  'large-community',
  'label',
  'rd',
  'path-information',
  'atomic-aggregate',
  'aggregator',
  'originator-id',
  'cluster-list',
  'attribute',
  'split',
  'watchdog',
  'name',
];

const routeTail = fc.array(fc.tuple(fc.constantFrom(...ROUTE_WORDS), hostile), { maxLength: 6 });

export const commandInput = fc
  .tuple(
    fc.constantFrom(
      'announce',
      'withdraw',
      'neighbor 127.0.0.1 announce',
      'group attributes next-hop 1.2.3.4 ;',
    ),
    fc.constantFrom(
      'route',
      'flow route',
      'vpls',
      'attributes',
      'eor',
      'route-refresh',
      'operational',
      'watchdog',
    ),
    hostile,
    routeTail,
  )
  .map(([verb, what, value, tail]) =>
    Buffer.from(`${verb} ${what} ${value} ${tail.map(([w, v]) => `${w} ${v}`).join(' ')}`, 'utf8'),
  );

const SETTINGS = [
  'router-id',
  'local-as',
  'peer-as',
  'local-address',
  'hold-time',
  'description',
  'md5-password',
];

export const configInput = fc
  .tuple(
    hostile,
    fc.array(fc.tuple(fc.constantFrom(...SETTINGS), hostile), { maxLength: 6 }),
    routeTail,
    hostile,
  )
  .map(([peer, settings, route, prefix]) => {
    const lines = settings.map(([k, v]) => `  ${k} ${v};`);
    const r = route.map(([w, v]) => `${w} ${v}`).join(' ');
    return Buffer.from(
      `neighbor ${peer} {\n${lines.join('\n')}\n  static { route ${prefix} ${r}; }\n}\n`,
      'utf8',
    );
  });
