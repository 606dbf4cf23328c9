/**
 * Address families: an (AFI, SAFI) pair, packed into one number (`afi << 8 | safi`) so it can key
 * a Map or a Set cheaply, with ExaBGP's names ("ipv4 unicast", "l2vpn evpn", "ipv6 flow").
 */
import { AFI, AFI_NAMES } from '../iana/afi.js';
import { SAFI, SAFI_NAMES } from '../iana/safi.js';

/** `afi << 8 | safi`. */
export type FamilyKey = number;

export interface Family {
  readonly afi: number;
  readonly safi: number;
}

export function familyKey(afi: number, safi: number): FamilyKey {
  return afi * 256 + safi;
}

export function familyOf(key: FamilyKey): Family {
  return { afi: Math.floor(key / 256), safi: key % 256 };
}

export function afiName(afi: number): string {
  return AFI_NAMES[afi] ?? `unknown-afi-${afi}`;
}

export function safiName(safi: number): string {
  return SAFI_NAMES[safi] ?? `unknown-safi-${safi}`;
}

/** ExaBGP's "afi safi" name, e.g. "ipv4 unicast". */
export function familyName(afi: number, safi: number): string {
  return `${afiName(afi)} ${safiName(safi)}`;
}

const BY_AFI_NAME = new Map(Object.entries(AFI_NAMES).map(([k, v]) => [v, Number(k)]));
const BY_SAFI_NAME = new Map(Object.entries(SAFI_NAMES).map(([k, v]) => [v, Number(k)]));
// Aliases ExaBGP accepts in configuration and API commands.
BY_SAFI_NAME.set('labeled-unicast', SAFI.NLRI_MPLS);
BY_SAFI_NAME.set('flowspec', SAFI.FLOW);
BY_SAFI_NAME.set('flow-ip', SAFI.FLOW);
BY_SAFI_NAME.set('vpn', SAFI.MPLS_VPN);

/** Parse "ipv4 unicast" (or "ipv4/unicast"); undefined when either name is unknown. */
export function parseFamily(text: string): Family | undefined {
  const parts = text.trim().split(/[\s/]+/);
  if (parts.length !== 2) return undefined;
  const afi = BY_AFI_NAME.get(parts[0]!.toLowerCase());
  const safi = BY_SAFI_NAME.get(parts[1]!.toLowerCase());
  if (afi === undefined || safi === undefined) return undefined;
  return { afi, safi };
}

export const IPV4_UNICAST = familyKey(AFI.IPV4, SAFI.UNICAST);
export const IPV6_UNICAST = familyKey(AFI.IPV6, SAFI.UNICAST);
