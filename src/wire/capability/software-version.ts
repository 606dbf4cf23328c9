/**
 * Software Version capability, code 75 (draft-abraitis-bgp-version-capability): a 1-octet
 * length and the UTF-8 name and version of the speaker's software ("ExaBGP/5.0.13").
 *
 *   +--------------------------------+
 *   | Version Length (1 octet)       |
 *   +--------------------------------+
 *   | Software Version (variable)    |
 *   +--------------------------------+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import { type CapabilityCodec, lastOf, readLengthPrefixedUtf8, writeLengthPrefixedUtf8 } from './codec.js';

export interface SoftwareVersionCapability {
  readonly kind: 'software-version';
  readonly version: string;
}

export const softwareVersion: CapabilityCodec<SoftwareVersionCapability> = {
  code: 75,
  kind: 'software-version',
  name: 'software-version',
  decode(r: Reader): SoftwareVersionCapability {
    // Bytes after the announced length are ignored, as ExaBGP does.
    return { kind: 'software-version', version: readLengthPrefixedUtf8(r, 'software version') };
  },
  encode(w: Writer, v: SoftwareVersionCapability): void {
    writeLengthPrefixedUtf8(w, v.version, 'software version');
  },
  json: (values: readonly SoftwareVersionCapability[]): JsonObject => ({ software: lastOf(values).version }),
};
