/**
 * VPN-IPv4 and VPN-IPv6 NLRI, SAFI 128 "mpls-vpn" (RFC 4364 §4.3.4, RFC 4659 §3.2): a label
 * stack, an 8-octet route distinguisher, then the prefix; the length octet counts all three.
 *
 *   +---------------------------+
 *   |   Length (1 octet)        |   24 * labels + 64 + prefix bits
 *   +---------------------------+
 *   |   Label (3 octets) ...    |
 *   +---------------------------+
 *   |   Route Distinguisher (8) |
 *   +---------------------------+
 *   |   Prefix (variable)       |
 *   +---------------------------+
 *
 * ExaBGP 5.0 JSON: { "nlri", "path-information"?, "label": [ [n] ], "rd": "65000:1" }.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { AFI } from '../iana/afi.js';
import { SAFI } from '../iana/safi.js';
import type { JsonObject } from '../json.js';
import type { NlriBase, NlriCodec } from './codec.js';
import { type Family, familyKey } from './family.js';
import { readPrefixText, writePrefixBytes } from './inet.js';
import { labelsSuffix, labelValuesJson, readLabeledHead, writeLabeledHead } from './labeled.js';
import type { LabelStack } from './qualifier/labels.js';
import { addPathIdJson, pathIdSuffix } from './qualifier/path-id.js';
import { decodeRd, encodeRd, RD_BYTES, type RouteDistinguisher } from './qualifier/rd.js';

export interface VpnNlri extends NlriBase {
  readonly kind: 'vpn';
  readonly labels: LabelStack;
  readonly rd: RouteDistinguisher;
  readonly ip: string;
  readonly length: number;
}

const RD_BITS = RD_BYTES * 8;

function decodeVpn(r: Reader, family: Family, pathId: number | undefined): VpnNlri {
  const { labels, bits } = readLabeledHead(r, family.afi, RD_BITS);
  const rd = decodeRd(r);
  const ip = readPrefixText(r, family.afi, bits);
  const key = familyKey(family.afi, family.safi);
  return pathId === undefined
    ? { kind: 'vpn', family: key, labels, rd, ip, length: bits }
    : { kind: 'vpn', family: key, pathId, labels, rd, ip, length: bits };
}

export const vpnCodec: NlriCodec<VpnNlri> = {
  kind: 'vpn',
  families: [familyKey(AFI.IPV4, SAFI.MPLS_VPN), familyKey(AFI.IPV6, SAFI.MPLS_VPN)],
  decode: decodeVpn,
  encode(w: Writer, nlri: VpnNlri): void {
    writeLabeledHead(w, nlri.labels, RD_BITS, nlri.length);
    encodeRd(w, nlri.rd);
    writePrefixBytes(w, nlri.family >> 8, nlri.ip, nlri.length);
  },
  json(nlri: VpnNlri): JsonObject {
    const out: JsonObject = { nlri: `${nlri.ip}/${nlri.length}` };
    addPathIdJson(out, nlri.pathId);
    if (nlri.labels.length > 0) out.label = labelValuesJson(nlri.labels);
    out.rd = nlri.rd.text;
    return out;
  },
  text(nlri: VpnNlri): string {
    const head = `${nlri.ip}/${nlri.length}${pathIdSuffix(nlri.pathId)}${labelsSuffix(nlri.labels)}`;
    return `${head} rd ${nlri.rd.text}`;
  },
  key(nlri: VpnNlri): string {
    return `${nlri.rd.text} ${nlri.ip}/${nlri.length}`;
  },
};
