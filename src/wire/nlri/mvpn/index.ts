/**
 * The MCAST-VPN NLRI codec: AFI 1 and 2, SAFI 5 (RFC 6514 §4).
 *
 *   +-----------------------------------+
 *   |    Route Type (1 octet)           |
 *   +-----------------------------------+
 *   |     Length (1 octet)              |
 *   +-----------------------------------+
 *   | Route Type specific (variable)    |
 *   +-----------------------------------+
 *
 * Route types 5, 6 and 7 are parsed (routes.ts), as in ExaBGP 5.0.13; the others are kept
 * whole and shown as { "code", "parsed": false, "raw" }.
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
import { mvpnJson, mvpnKey, mvpnText } from './format.js';
import { decodeMvpnRoute, encodeMvpnRoute } from './routes.js';
import type { MvpnNlri } from './types.js';

export { mvpnJson, mvpnKey, mvpnRouteBytes, mvpnText } from './format.js';
export type { MvpnNlri } from './types.js';

export const IPV4_MVPN = familyKey(AFI.IPV4, SAFI.MCAST_VPN);
export const IPV6_MVPN = familyKey(AFI.IPV6, SAFI.MCAST_VPN);

export function decodeMvpn(r: Reader, family: Family, pathId?: number): MvpnNlri {
  const { code, body } = readTypeLength(r, 'mvpn');
  const route = decodeMvpnRoute(code, body);
  const base = { kind: 'mvpn' as const, family: familyKey(family.afi, family.safi) };
  return pathId === undefined ? { ...base, ...route } : { ...base, pathId, ...route };
}

export function encodeMvpn(w: Writer, n: MvpnNlri): void {
  encodeMvpnRoute(w, n);
}

export const mvpnCodec: NlriCodec<MvpnNlri> = {
  kind: 'mvpn',
  families: [IPV4_MVPN, IPV6_MVPN],
  decode: decodeMvpn,
  encode: encodeMvpn,
  json: (n) => mvpnJson(n),
  text: mvpnText,
  key: mvpnKey,
};
