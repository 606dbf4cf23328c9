/**
 * Extended Next Hop Encoding capability, code 5 (RFC 8950 §3): the (NLRI AFI, NLRI SAFI) pairs
 * whose next hop may belong to another address family, e.g. IPv4 unicast over an IPv6 next hop.
 *
 *   +-----------------------------------------------------+
 *   | NLRI AFI - 1 (2 octets)                             |
 *   +-----------------------------------------------------+
 *   | NLRI SAFI - 1 (2 octets)                            |
 *   +-----------------------------------------------------+
 *   | Nexthop AFI - 1 (2 octets)                          |
 *   +-----------------------------------------------------+
 *   | .....                                               |
 *   +-----------------------------------------------------+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import { afiName } from '../nlri/family.js';
import { BAD_CAPABILITY, type CapabilityCodec, familySlash } from './codec.js';

export interface ExtendedNextHopEntry {
  readonly afi: number;
  readonly safi: number;
  readonly nextHopAfi: number;
}

export interface ExtendedNextHopCapability {
  readonly kind: 'extended-next-hop';
  readonly entries: readonly ExtendedNextHopEntry[];
}

const ENTRY_BYTES = 6;

export const extendedNextHop: CapabilityCodec<ExtendedNextHopCapability> = {
  code: 5,
  kind: 'extended-next-hop',
  name: 'nexthop',
  decode(r: Reader): ExtendedNextHopCapability {
    if (r.remaining % ENTRY_BYTES !== 0)
      r.fail(`extended next-hop capability of ${r.remaining} bytes`, BAD_CAPABILITY);
    const entries: ExtendedNextHopEntry[] = [];
    // Bounded: the value is at most 255 bytes, so at most 42 entries.
    while (!r.done) entries.push({ afi: r.u16(), safi: r.u16(), nextHopAfi: r.u16() });
    return { kind: 'extended-next-hop', entries };
  },
  encode(w: Writer, v: ExtendedNextHopCapability): void {
    for (const e of v.entries) w.u16(e.afi).u16(e.safi).u16(e.nextHopAfi);
  },
  json(values: readonly ExtendedNextHopCapability[]): JsonObject {
    // ExaBGP lists each distinct triple once, across repeated capabilities.
    const seen = new Set<string>();
    for (const v of values) {
      for (const e of v.entries) seen.add(`${familySlash(e.afi, e.safi)}/${afiName(e.nextHopAfi)}`);
    }
    return { name: 'nexthop', conversion: [...seen] };
  },
};
