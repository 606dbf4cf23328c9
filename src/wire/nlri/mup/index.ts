/**
 * The BGP-MUP NLRI codec: AFI 1 and 2, SAFI 85 (draft-mpmz-bess-mup-safi, as ExaBGP 5.0.13
 * implements it).
 *
 *   +-----------------------------------+
 *   |    Architecture Type (1 octet)    |
 *   +-----------------------------------+
 *   |       Route Type (2 octets)       |
 *   +-----------------------------------+
 *   |         Length (1 octet)          |
 *   +-----------------------------------+
 *   |  Route Type specific (variable)   |
 *   +-----------------------------------+
 *
 * Architecture 1 (3gpp-5g) route types 1 to 4 are parsed (routes.ts); anything else is kept
 * whole and shown as { "arch", "code", "raw" }.
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
import { type Family, familyKey, familyOf } from '../family.js';
import { readArchTypeLength } from '../qualifier/typed-route.js';
import { mupJson, mupKey, mupText } from './format.js';
import { decodeMupRoute, encodeMupRoute } from './routes.js';
import type { MupNlri } from './types.js';

export { mupJson, mupKey, mupRouteBytes, mupText } from './format.js';
export type { MupNlri } from './types.js';

export const IPV4_MUP = familyKey(AFI.IPV4, SAFI.MUP);
export const IPV6_MUP = familyKey(AFI.IPV6, SAFI.MUP);

export function decodeMup(r: Reader, family: Family, pathId?: number): MupNlri {
  const { arch, code, body } = readArchTypeLength(r, 'mup');
  const route = decodeMupRoute(arch, code, body, family.afi);
  const base = { kind: 'mup' as const, family: familyKey(family.afi, family.safi) };
  return pathId === undefined ? { ...base, ...route } : { ...base, pathId, ...route };
}

export function encodeMup(w: Writer, n: MupNlri): void {
  encodeMupRoute(w, n, familyOf(n.family).afi);
}

export const mupCodec: NlriCodec<MupNlri> = {
  kind: 'mup',
  families: [IPV4_MUP, IPV6_MUP],
  decode: decodeMup,
  encode: encodeMup,
  json: (n) => mupJson(n),
  text: mupText,
  key: mupKey,
};
