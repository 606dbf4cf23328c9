/**
 * Test builders for the RIB and the packer: routes, pack contexts, NLRI and attributes read
 * from hand-written wire bytes (so the values come from the decoder, not from the packer).
 */
import type { PackContext } from '../../src/rib/pack.js';
import type { NextHop, Route } from '../../src/rib/route.js';
import type { Attribute } from '../../src/wire/attribute/types.js';
import { Reader } from '../../src/wire/buf/reader.js';
import { makeContext } from '../../src/wire/context.js';
import { AFI } from '../../src/wire/iana/afi.js';
import { SAFI } from '../../src/wire/iana/safi.js';
import { decodeUpdate } from '../../src/wire/message/update.js';
import {
  type FamilyKey,
  familyKey,
  familyOf,
  IPV4_UNICAST,
  IPV6_UNICAST,
} from '../../src/wire/nlri/family.js';
import { decodeNlriList } from '../../src/wire/nlri/list.js';
import type { Nlri } from '../../src/wire/nlri/types.js';

export const V4U = IPV4_UNICAST;
export const V6U = IPV6_UNICAST;
export const V4_VPN = familyKey(AFI.IPV4, SAFI.MPLS_VPN);
export const V4_FLOW = familyKey(AFI.IPV4, SAFI.FLOW);

export const MARKER = 'ffffffffffffffffffffffffffffffff';

/** Hex without spaces, lower case. */
export function hex(text: string): string {
  return text.replace(/[\s:]/g, '').toLowerCase();
}

export function inet(prefix: string, family: FamilyKey = prefix.includes(':') ? V6U : V4U): Nlri {
  const [ip, length] = prefix.split('/');
  return { kind: 'inet', family, ip: ip!, length: Number(length) };
}

/** NLRI decoded from their wire form. */
export function nlriFrom(family: FamilyKey, wire: string): Nlri[] {
  const b = Buffer.from(hex(wire), 'hex');
  const out: Nlri[] = [];
  decodeNlriList(new Reader(b), familyOf(family), false, out);
  return out;
}

/** Attributes decoded from their wire form (flags, code, length, value ...). */
export function attributesFrom(wire: string): Attribute[] {
  const a = Buffer.from(hex(wire), 'hex');
  const body = Buffer.concat([Buffer.from([0, 0, a.length >> 8, a.length & 0xff]), a]);
  return [...decodeUpdate(body, makeContext()).attributes];
}

export function ip(address: string, linkLocal?: string): NextHop {
  return linkLocal ? { kind: 'ip', ip: address, linkLocal } : { kind: 'ip', ip: address };
}

export function route(
  nlri: Nlri,
  nextHop: NextHop | undefined,
  attributes: readonly Attribute[] = [],
): Route {
  return nextHop ? { nlri, nextHop, attributes } : { nlri, attributes };
}

export function packContext(
  partial: Partial<PackContext> & { asn4?: boolean; extended?: boolean } = {},
): PackContext {
  const { asn4 = true, extended = false, ...rest } = partial;
  return {
    localAs: 65000,
    peerAs: 65000,
    localAddress: '127.0.0.1',
    routerId: '10.0.0.1',
    families: [V4U, V6U],
    groupUpdates: true,
    codec: makeContext({ asn4, extendedMessage: extended }),
    ...rest,
  };
}
