/**
 * The EVPN NLRI codec: AFI 25 (L2VPN), SAFI 70 (RFC 7432 §7, RFC 9136 §3).
 *
 *   +-----------------------------------+
 *   |    Route Type (1 octet)           |
 *   +-----------------------------------+
 *   |     Length (1 octet)              |
 *   +-----------------------------------+
 *   | Route Type specific (variable)    |
 *   +-----------------------------------+
 *
 * Route types 1 to 5 are parsed (routes.ts); any other type is kept whole and shown as ExaBGP
 * does, { "code", "parsed": false, "raw" }.
 *
 * RFC 7606 §5.4: a speaker "MUST handle routes with unrecognized NLRI types within that address
 * family by discarding them". Decoding them to `route: 'unknown'` (not an error) lets the UPDATE
 * layer discard them from route selection while still showing them as ExaBGP does.
 */
import type { Reader } from '../../buf/reader.js';
import type { Writer } from '../../buf/writer.js';
import { AFI } from '../../iana/afi.js';
import { SAFI } from '../../iana/safi.js';
import type { NlriCodec } from '../codec.js';
import { type Family, familyKey } from '../family.js';
import { readTypeLength } from '../qualifier/typed-route.js';
import { evpnJson, evpnKey, evpnText } from './format.js';
import { decodeEvpnRoute, encodeEvpnRoute } from './routes.js';
import type { EvpnNlri } from './types.js';

export { evpnJson, evpnKey, evpnRouteBytes, evpnText } from './format.js';
export type { EvpnNlri } from './types.js';

export const L2VPN_EVPN = familyKey(AFI.L2VPN, SAFI.EVPN);

export function decodeEvpn(r: Reader, family: Family, pathId?: number): EvpnNlri {
  const { code, body } = readTypeLength(r, 'evpn');
  const route = decodeEvpnRoute(code, body);
  const base = { kind: 'evpn' as const, family: familyKey(family.afi, family.safi) };
  return pathId === undefined ? { ...base, ...route } : { ...base, pathId, ...route };
}

export function encodeEvpn(w: Writer, n: EvpnNlri): void {
  encodeEvpnRoute(w, n);
}

export const evpnCodec: NlriCodec<EvpnNlri> = {
  kind: 'evpn',
  families: [L2VPN_EVPN],
  decode: decodeEvpn,
  encode: encodeEvpn,
  json: (n) => evpnJson(n),
  text: evpnText,
  key: evpnKey,
};
