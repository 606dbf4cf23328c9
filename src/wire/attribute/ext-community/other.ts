/**
 * Other extended communities:
 *
 *   0x030c encapsulation  | 0x03 | 0x0c | reserved (4) | tunnel type (2) |   RFC 9012 §4.1 (RFC 5512)
 *   0x800a layer-2 info   | 0x80 | 0x0a | encaps (1) | control (1) | MTU (2) | reserved (2) |  RFC 4761 §3.2.4
 *   0x0600 MAC mobility   | 0x06 | 0x00 | flags (1) | reserved (1) | sequence (4) |  RFC 7432 §7.7
 *   0x4004 link bandwidth | 0x40 | 0x04 | AS (2) | bandwidth (IEEE float, 4) |  draft-ietf-idr-link-bandwidth
 *     (decoded, but printed as an unknown community, as ExaBGP 5.0 prints it)
 *   0x0314 hash order     | 0x03 | 0x14 | order (4) | reserved (2) |   draft-ietf-bess-service-chaining
 *   0x0c00 MUP segment    | 0x0c | 0x00 | segment id (2) | segment id (4) |   draft-mpmz-bess-mup-safi
 */
import { type ExtCommunityCodec, ecKey } from './codec.js';
import type {
  BandwidthEc,
  ConsistentHashSortOrderEc,
  EncapsulationEc,
  L2InfoEc,
  MacMobilityEc,
  MupEc,
} from './types.js';

/** RFC 9012 / IANA BGP Tunnel Encapsulation types ExaBGP names. */
const TUNNEL_NAMES: Record<number, string> = {
  0: 'Default',
  1: 'L2TPv3',
  2: 'GRE',
  7: 'IP-in-IP',
  8: 'VXLAN',
  9: 'NVGRE',
  10: 'MPLS',
  12: 'VXLAN-GPE',
  13: 'MPLS-in-UDP',
};

export const encapsulationEc: ExtCommunityCodec<EncapsulationEc> = {
  kind: 'encapsulation',
  keys: [ecKey(0x03, 0x0c)],
  decode: (raw) => ({ kind: 'encapsulation', tunnelType: raw.readUInt16BE(6), raw }),
  // ExaBGP repeats the 'encap:' prefix for types it does not know; its output is matched.
  string: (v) => `encap:${TUNNEL_NAMES[v.tunnelType] ?? `encap:UNKNOWN-${v.tunnelType}`}`,
};

export const l2InfoEc: ExtCommunityCodec<L2InfoEc> = {
  kind: 'l2info',
  keys: [ecKey(0x80, 0x0a)],
  decode: (raw) => ({
    kind: 'l2info',
    encaps: raw[2]!,
    control: raw[3]!,
    mtu: raw.readUInt16BE(4),
    reserved: raw.readUInt16BE(6),
    raw,
  }),
  string: (v) => `l2info:${v.encaps}:${v.control}:${v.mtu}:${v.reserved}`,
};

export const macMobilityEc: ExtCommunityCodec<MacMobilityEc> = {
  kind: 'mac-mobility',
  keys: [ecKey(0x06, 0x00)],
  decode: (raw) => ({ kind: 'mac-mobility', sequence: raw.readUInt32BE(4), sticky: raw[2] === 1, raw }),
  string: (v) => `mac-mobility:${v.sequence}${v.sticky ? ':sticky' : ''}`,
  // ExaBGP rebuilds this community from its fields (type 0x06, flags 0 or 1, reserved 0).
  jsonBytes: (v) => {
    const b = Buffer.alloc(8);
    b[0] = 0x06;
    b[2] = v.sticky ? 1 : 0;
    b.writeUInt32BE(v.sequence, 4);
    return b;
  },
};

export const bandwidthEc: ExtCommunityCodec<BandwidthEc> = {
  kind: 'bandwidth',
  keys: [ecKey(0x40, 0x04)],
  decode: (raw) => ({ kind: 'bandwidth', asn: raw.readUInt16BE(2), speed: raw.readFloatBE(4), raw }),
  // ExaBGP 5.0 has a class for it but never registers it: it prints it as an unknown community.
  string: () => undefined,
};

export const consistentHashSortOrderEc: ExtCommunityCodec<ConsistentHashSortOrderEc> = {
  kind: 'consistent-hash-sort-order',
  keys: [ecKey(0x03, 0x14)],
  decode: (raw) => ({
    kind: 'consistent-hash-sort-order',
    order: raw.readUInt32BE(2),
    reserved: raw.readUInt16BE(6),
    raw,
  }),
  string: (v) => `consistentHashSortOrder:${v.order}`,
};

export const mupEc: ExtCommunityCodec<MupEc> = {
  kind: 'mup',
  keys: [ecKey(0x0c, 0x00)],
  decode: (raw) => ({ kind: 'mup', segmentId2: raw.readUInt16BE(2), segmentId4: raw.readUInt32BE(4), raw }),
  string: (v) => `mup:${v.segmentId2}:${v.segmentId4}`,
};
