/**
 * P-Multicast Service Interface Tunnel (PMSI_TUNNEL, type 22), RFC 6514 §5: optional
 * transitive, says which provider tunnel carries a multicast VPN or EVPN flood.
 *
 *   +---------------------------------+
 *   |  Flags (1 octet)                |
 *   +---------------------------------+
 *   |  Tunnel Type (1 octet)          |
 *   +---------------------------------+
 *   |  MPLS Label (3 octets)          |
 *   +---------------------------------+
 *   |  Tunnel Identifier (variable)   |
 *   +---------------------------------+
 *
 * RFC 6514 sets no error handling; by RFC 7606 §8's guidance an attribute that affects which
 * routes are usable is treat-as-withdraw. Shorter than 5 octets is malformed.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { hexUpper } from '../json.js';
import { formatIPv4 } from '../nlri/prefix.js';
import { UPDATE_SUBCODE, updateError } from './check.js';
import { ATTR_FLAG, type AttributeCodec } from './codec.js';

export interface PmsiTunnelAttribute {
  readonly kind: 'pmsi-tunnel';
  readonly flags: number;
  readonly tunnelType: number;
  /** The 3-octet MPLS Label field as on the wire (label << 4, plus the low 4 bits). */
  readonly mplsLabel: number;
  readonly tunnel: Buffer;
}

const HEADER_BYTES = 5;

const TUNNEL_NAMES: Record<number, string> = {
  0: 'notunnel',
  1: 'rsvp-tep2mplsp',
  2: 'mldpp2mplsp',
  3: 'pim-ssmtree',
  4: 'pim-smtree',
  5: 'bidir-pimtree',
  6: 'ingressreplication',
  7: 'mldpmp2mplsp',
};

/** ExaBGP's string: 'pmsi:<type name>:<flags>:<label>:<tunnel>'. */
export function pmsiString(v: PmsiTunnelAttribute): string {
  const name = TUNNEL_NAMES[v.tunnelType] ?? 'unknown';
  const label = v.mplsLabel >>> 4;
  // ExaBGP decodes only "no tunnel" (empty) and ingress replication (an IPv4 address) in depth;
  // for the latter it shows the raw label field beside the label when it is not zero.
  if (v.tunnelType === 6 && v.tunnel.length === 4) {
    const labelText = v.mplsLabel !== 0 ? `${label}(${v.mplsLabel})` : '0';
    return `pmsi:${name}:${v.flags}:${labelText}:${formatIPv4(v.tunnel)}`;
  }
  return `pmsi:${name}:${v.flags}:${label}:${v.tunnel.length > 0 ? `0x${hexUpper(v.tunnel)}` : ''}`;
}

export const pmsiTunnelCodec: AttributeCodec<PmsiTunnelAttribute> = {
  code: 22,
  kind: 'pmsi-tunnel',
  name: 'pmsi',
  flags: ATTR_FLAG.OPTIONAL | ATTR_FLAG.TRANSITIVE,
  onError: 'treat-as-withdraw',
  decode(r: Reader): PmsiTunnelAttribute {
    if (r.remaining < HEADER_BYTES) {
      updateError(
        UPDATE_SUBCODE.ATTRIBUTE_LENGTH,
        'attribute-length',
        `PMSI_TUNNEL: ${r.remaining} byte(s)`,
        r,
      );
    }
    const flags = r.u8();
    const tunnelType = r.u8();
    const mplsLabel = r.u24();
    return { kind: 'pmsi-tunnel', flags, tunnelType, mplsLabel, tunnel: Buffer.from(r.rest()) };
  },
  encode(w: Writer, v: PmsiTunnelAttribute): void {
    w.u8(v.flags).u8(v.tunnelType).u24(v.mplsLabel).bytes(v.tunnel);
  },
  json(v, out): void {
    out.pmsi = pmsiString(v);
  },
  text(v): string {
    return `pmsi ${pmsiString(v)}`;
  },
};
