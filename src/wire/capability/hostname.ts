/**
 * FQDN capability, code 73 (draft-walton-bgp-hostname-capability-02): the speaker's host name
 * and domain name, each a 1-octet length and UTF-8 text.
 *
 *   +--------------------------------+
 *   | Hostname Length (1 octet)      |
 *   +--------------------------------+
 *   | Hostname (variable)            |
 *   +--------------------------------+
 *   | Domain Name Length (1 octet)   |
 *   +--------------------------------+
 *   | Domain Name (variable)         |
 *   +--------------------------------+
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject } from '../json.js';
import { type CapabilityCodec, lastOf, readLengthPrefixedUtf8, writeLengthPrefixedUtf8 } from './codec.js';

export interface HostnameCapability {
  readonly kind: 'hostname';
  readonly hostName: string;
  readonly domainName: string;
}

export const hostname: CapabilityCodec<HostnameCapability> = {
  code: 73,
  kind: 'hostname',
  name: 'hostname',
  decode(r: Reader): HostnameCapability {
    // INTEROP: ExaBGP accepts an empty value and a missing domain name; both read as ''.
    // Bytes after the domain name are ignored, as ExaBGP does.
    const hostName = r.done ? '' : readLengthPrefixedUtf8(r, 'host name');
    const domainName = r.done ? '' : readLengthPrefixedUtf8(r, 'domain name');
    return { kind: 'hostname', hostName, domainName };
  },
  encode(w: Writer, v: HostnameCapability): void {
    writeLengthPrefixedUtf8(w, v.hostName, 'host name');
    writeLengthPrefixedUtf8(w, v.domainName, 'domain name');
  },
  json(values: readonly HostnameCapability[]): JsonObject {
    const v = lastOf(values);
    return { 'host-name': v.hostName, 'domain-name': v.domainName };
  },
};
