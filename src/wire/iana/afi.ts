/** Address Family Identifiers (IANA "Address Family Numbers") that bgpknife speaks. */
export const AFI = {
  IPV4: 1, // RFC 4760
  IPV6: 2, // RFC 4760
  L2VPN: 25, // RFC 4761
  BGP_LS: 16388, // RFC 7752
} as const;
export type Afi = (typeof AFI)[keyof typeof AFI];

/** ExaBGP's names, used in JSON, text and configuration. */
export const AFI_NAMES: Readonly<Record<number, string>> = {
  [AFI.IPV4]: 'ipv4',
  [AFI.IPV6]: 'ipv6',
  [AFI.L2VPN]: 'l2vpn',
  [AFI.BGP_LS]: 'bgp-ls',
};
