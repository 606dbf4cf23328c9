/**
 * RFC 7911 §3 path identifier: 4 octets before each NLRI when ADD-PATH is negotiated for the
 * family. ExaBGP prints it as a dotted quad ("path-information 1.2.3.4"), in JSON as
 * `"path-information": "1.2.3.4"` right after the prefix.
 *
 *   +--------------------------------+
 *   | Path Identifier (4 octets)     |
 *   +--------------------------------+
 *   | Length (1 octet)               |
 *   +--------------------------------+
 *   | Prefix (variable)              |
 *   +--------------------------------+
 */
import type { JsonObject } from '../../json.js';
import { formatIPv4Number } from '../prefix.js';

export const PATH_ID_BYTES = 4;

/** ExaBGP's text of a path identifier: its 4 bytes as a dotted quad. */
export function pathIdText(pathId: number): string {
  return formatIPv4Number(pathId);
}

/** Add `"path-information"` to an NLRI's JSON when the NLRI has a path identifier. */
export function addPathIdJson(out: JsonObject, pathId: number | undefined): void {
  if (pathId !== undefined) out['path-information'] = formatIPv4Number(pathId);
}

/** " path-information 1.2.3.4" or '' (ExaBGP appends it to the prefix in text). */
export function pathIdSuffix(pathId: number | undefined): string {
  return pathId === undefined ? '' : ` path-information ${formatIPv4Number(pathId)}`;
}
