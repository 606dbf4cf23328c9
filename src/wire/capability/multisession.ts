/**
 * Multisession capability, code 68 (draft-ietf-idr-bgp-multisession), and code 131, the
 * private-use code Cisco routers send for it. ExaBGP does not interpret the value, so it is kept
 * as raw bytes and re-encoded byte for byte.
 *
 *   +------------------------------+
 *   | Code 68 (or 131) | Length    |
 *   +------------------------------+
 *   | Value (kept raw)             |
 *   +------------------------------+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import type { CapabilityCodec } from './codec.js';

export interface MultisessionCapability {
  readonly kind: 'multisession';
  readonly raw: Buffer;
}

export interface CiscoMultisessionCapability {
  readonly kind: 'cisco-multisession';
  readonly raw: Buffer;
}

// INTEROP: ExaBGP 5.0 never reads the value of a received multisession capability, so its JSON
// always shows an empty "capabilities" list; we print the same.
export const multisession: CapabilityCodec<MultisessionCapability> = {
  code: 68,
  kind: 'multisession',
  name: 'multi-session',
  decode: (r: Reader) => ({ kind: 'multisession', raw: Buffer.from(r.rest()) }),
  encode: (w: Writer, v: MultisessionCapability) => {
    w.bytes(v.raw);
  },
  json: (): JsonObject => ({ name: 'multisession', variant: 'RFC', capabilities: [] }),
};

export const ciscoMultisession: CapabilityCodec<CiscoMultisessionCapability> = {
  code: 131,
  kind: 'cisco-multisession',
  name: 'cisco-multi-session',
  decode: (r: Reader) => ({ kind: 'cisco-multisession', raw: Buffer.from(r.rest()) }),
  encode: (w: Writer, v: CiscoMultisessionCapability) => {
    w.bytes(v.raw);
  },
  json: (): JsonObject => ({ name: 'multisession', variant: 'Cisco', capabilities: [] }),
};
