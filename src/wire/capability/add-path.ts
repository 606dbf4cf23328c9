/**
 * ADD-PATH capability, code 69 (RFC 7911 §4): for each family, whether the speaker can send
 * and/or receive several paths, each NLRI then carrying a 4-octet path identifier.
 *
 *   +------------------------------------------------+
 *   | Address Family Identifier (2 octets)           |
 *   +------------------------------------------------+
 *   | Subsequent Address Family Identifier (1 octet) |
 *   +------------------------------------------------+
 *   | Send/Receive (1 octet)                         |
 *   +------------------------------------------------+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import { BAD_CAPABILITY, type CapabilityCodec, familySlash } from './codec.js';

/** RFC 7911 §4: 1 receive, 2 send, 3 both. */
export const ADD_PATH = { RECEIVE: 1, SEND: 2, BOTH: 3 } as const;

export interface AddPathEntry {
  readonly afi: number;
  readonly safi: number;
  /** Kept as received, even outside 1..3: negotiation reads it as a bit mask. */
  readonly sendReceive: number;
}

export interface AddPathCapability {
  readonly kind: 'add-path';
  readonly families: readonly AddPathEntry[];
}

const ENTRY_BYTES = 4;
const SEND_RECEIVE_NAMES: Readonly<Record<number, string>> = {
  0: 'disabled',
  1: 'receive',
  2: 'send',
  3: 'send/receive',
};

/** ExaBGP's word for a Send/Receive value. */
export function sendReceiveName(value: number): string {
  return SEND_RECEIVE_NAMES[value] ?? `invalid (${value})`;
}

export const addPath: CapabilityCodec<AddPathCapability> = {
  code: 69,
  kind: 'add-path',
  name: 'add-path',
  decode(r: Reader): AddPathCapability {
    if (r.remaining % ENTRY_BYTES !== 0)
      r.fail(`add-path capability of ${r.remaining} bytes`, BAD_CAPABILITY);
    const families: AddPathEntry[] = [];
    // Bounded: the value is at most 255 bytes, so at most 63 entries.
    while (!r.done) families.push({ afi: r.u16(), safi: r.u8(), sendReceive: r.u8() });
    return { kind: 'add-path', families };
  },
  encode(w: Writer, v: AddPathCapability): void {
    for (const f of v.families) w.u16(f.afi).u8(f.safi).u8(f.sendReceive);
  },
  json(values: readonly AddPathCapability[]): JsonObject {
    // ExaBGP keeps one Send/Receive per family; a later entry for a family replaces it.
    const out: JsonObject = { name: 'addpath' };
    for (const v of values) {
      for (const f of v.families) out[familySlash(f.afi, f.safi)] = sendReceiveName(f.sendReceive);
    }
    return out;
  },
};
