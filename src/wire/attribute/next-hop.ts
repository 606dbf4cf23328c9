/**
 * NEXT_HOP (type 3), RFC 4271 §4.3 / §5.1.3: well-known mandatory for IPv4 unicast NLRI in the
 * UPDATE body, the IPv4 address of the next hop.
 *
 *   +-------------------------------+
 *   | IPv4 address (4 octets)       |
 *   +-------------------------------+
 *
 * RFC 7606 §7.3: "If the NEXT_HOP attribute length is not 4 ... treat-as-withdraw". The
 * semantic checks (martians, own address) belong to a later validation step.
 *
 * INTEROP: ExaBGP also accepts a 16-octet (IPv6) NEXT_HOP; so do we, and re-encode it as is.
 * ExaBGP prints no JSON for it here: the next hop is shown with the NLRI.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import { formatIP, parseIP } from '../nlri/prefix.js';
import { expectLength } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface NextHopAttribute {
  readonly kind: 'next-hop';
  /** Dotted quad (or RFC 5952 text for the 16-octet form). */
  readonly ip: string;
}

export const nextHopCodec: AttributeCodec<NextHopAttribute> = {
  code: 3,
  kind: 'next-hop',
  name: 'next-hop',
  flags: ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): NextHopAttribute {
    const n = expectLength(r, 'NEXT_HOP', 4, 16);
    return { kind: 'next-hop', ip: formatIP(r.bytes(n)) };
  },
  encode(w: Writer, v: NextHopAttribute): void {
    const b = parseIP(v.ip);
    if (!b) throw new EncodeError('next-hop', `'${v.ip}' is not an IP address`);
    w.bytes(b);
  },
  json(): void {
    // ExaBGP lists the next hop with the NLRI, never in the attribute object.
  },
  text(v): string {
    return `next-hop ${v.ip}`;
  },
};
