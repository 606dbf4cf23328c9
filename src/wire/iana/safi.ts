/** Subsequent Address Family Identifiers (IANA "SAFI Values") that bgpknife speaks. */
export const SAFI = {
  UNICAST: 1, // RFC 4760
  MULTICAST: 2, // RFC 4760
  NLRI_MPLS: 4, // RFC 8277 labeled unicast
  MCAST_VPN: 5, // RFC 6514
  VPLS: 65, // RFC 4761
  EVPN: 70, // RFC 7432
  BGP_LS: 71, // RFC 7752
  BGP_LS_VPN: 72, // RFC 7752
  MUP: 85, // draft-mpmz-bess-mup-safi
  MPLS_VPN: 128, // RFC 4364
  RTC: 132, // RFC 4684
  FLOW: 133, // RFC 8955
  FLOW_VPN: 134, // RFC 8955
} as const;
export type Safi = (typeof SAFI)[keyof typeof SAFI];

/** ExaBGP's names, used in JSON, text and configuration. */
export const SAFI_NAMES: Readonly<Record<number, string>> = {
  [SAFI.UNICAST]: 'unicast',
  [SAFI.MULTICAST]: 'multicast',
  [SAFI.NLRI_MPLS]: 'nlri-mpls',
  [SAFI.MCAST_VPN]: 'mcast-vpn',
  [SAFI.VPLS]: 'vpls',
  [SAFI.EVPN]: 'evpn',
  [SAFI.BGP_LS]: 'bgp-ls',
  [SAFI.BGP_LS_VPN]: 'bgp-ls-vpn',
  [SAFI.MUP]: 'mup',
  [SAFI.MPLS_VPN]: 'mpls-vpn',
  [SAFI.RTC]: 'rtc',
  [SAFI.FLOW]: 'flow',
  [SAFI.FLOW_VPN]: 'flow-vpn',
};
