/**
 * ExaBGP's family keywords, a leaf module (no imports) so the route grammar and the
 * configuration's family checks share one list without an import cycle.
 */

/** The SAFI keywords ExaBGP 5.0 accepts under ipv4 and under ipv6. */
export const IP_SAFIS: readonly string[] = [
  'unicast',
  'multicast',
  'nlri-mpls',
  'labeled-unicast',
  'mpls-vpn',
  'mcast-vpn',
  'flow',
  'flow-vpn',
  'mup',
];
