/**
 * The neighbor of each static-configuration test of ExaBGP's encoding corpus
 * (5.0.13/encoding/conf-*.ci, config in ../conf/), read from its .conf by hand: what the packer
 * needs. The test peer echoes the OPEN, so the negotiated families, ADD-PATH and 4-octet AS are
 * those of the configuration. A configuration without a `family` block gets the families of
 * its routes (its End-of-RIB markers are not in the expected messages either way).
 */
import { AFI } from '../../src/wire/iana/afi.js';
import { SAFI } from '../../src/wire/iana/safi.js';
import { type FamilyKey, familyKey } from '../../src/wire/nlri/family.js';

export interface CorpusNeighbor {
  readonly localAs: number;
  readonly peerAs: number;
  readonly localAddress: string;
  readonly routerId: string;
  readonly groupUpdates: boolean;
  readonly families: readonly FamilyKey[];
  readonly addPath?: readonly FamilyKey[];
  readonly asn4?: boolean;
}

const V4U = familyKey(AFI.IPV4, SAFI.UNICAST);
const V6U = familyKey(AFI.IPV6, SAFI.UNICAST);
const V4_VPN = familyKey(AFI.IPV4, SAFI.MPLS_VPN);
const V6_VPN = familyKey(AFI.IPV6, SAFI.MPLS_VPN);
const V4_LABELED = familyKey(AFI.IPV4, SAFI.NLRI_MPLS);
const V4_FLOW = familyKey(AFI.IPV4, SAFI.FLOW);
const V4_FLOW_VPN = familyKey(AFI.IPV4, SAFI.FLOW_VPN);
const V6_FLOW = familyKey(AFI.IPV6, SAFI.FLOW);
const VPLS = familyKey(AFI.L2VPN, SAFI.VPLS);
const V4_MVPN = familyKey(AFI.IPV4, SAFI.MCAST_VPN);
const V6_MVPN = familyKey(AFI.IPV6, SAFI.MCAST_VPN);
const V4_MUP = familyKey(AFI.IPV4, SAFI.MUP);
const V6_MUP = familyKey(AFI.IPV6, SAFI.MUP);

const LO = '127.0.0.1';

function ibgp(asn: number, routerId: string, groupUpdates: boolean, families: FamilyKey[]): CorpusNeighbor {
  return { localAs: asn, peerAs: asn, localAddress: LO, routerId, groupUpdates, families };
}

/** Tests whose expected messages include an OPEN are about the OPEN, not the packer. */
export const NEIGHBORS: Readonly<Record<string, CorpusNeighbor>> = {
  'conf-addpath': { ...ibgp(1, '1.2.3.4', false, [V4U, V4_VPN, V6U]), addPath: [V4U, V4_VPN] },
  'conf-aggregator': ibgp(65533, '10.0.0.2', true, [V4U]),
  'conf-attributes': ibgp(1, '1.2.3.4', false, [V4U, V6U]),
  'conf-ebgp': { ...ibgp(65533, '10.0.0.2', true, [V4U]), peerAs: 65000 },
  'conf-extended-attributes': ibgp(1, '1.2.3.4', false, [V4U, V6U]),
  'conf-flow': ibgp(1, '1.2.3.4', false, [V4_FLOW, V4_FLOW_VPN, V6_FLOW]),
  'conf-flow-redirect': ibgp(65500, '10.0.0.1', false, [V4_FLOW, V4_FLOW_VPN, V6_FLOW]),
  'conf-generic-attribute': ibgp(65533, '10.0.0.10', false, [V4U]),
  'conf-group': ibgp(65533, '127.0.0.0', false, [V4U]),
  'conf-group-limit': ibgp(1, '1.2.3.4', true, [V4U, V6U]),
  'conf-ipself4': ibgp(12345, '127.0.0.2', true, [V4U]),
  'conf-ipself6': { ...ibgp(12345, '127.0.0.2', true, [V6U]), localAddress: '::1' },
  'conf-ipv46routes4family': ibgp(1, '1.2.3.4', false, [V4U]),
  'conf-ipv46routes6family': ibgp(1, '1.2.3.4', false, [V6U]),
  'conf-ipv6grouping': ibgp(1, '1.2.3.4', true, [V6U]),
  'conf-l2vpn': ibgp(54591, '127.0.0.1', false, [VPLS]),
  'conf-largecommunity': ibgp(65000, '1.2.3.4', false, [V4U]),
  'conf-mvpn': ibgp(65000, '32.32.32.32', true, [V4_MVPN, V6_MVPN]),
  'conf-name': ibgp(1, '127.0.0.2', true, [V4U]),
  'conf-new-v4': ibgp(65533, '10.0.0.2', true, [V4U]),
  'conf-new-v6': ibgp(65533, '10.0.0.2', true, [V6U]),
  'conf-no-asn4': { ...ibgp(65533, '127.0.0.1', true, [V4U]), asn4: false },
  'conf-parity': ibgp(1, '1.2.3.4', true, [V6_VPN]),
  'conf-path-information': { ...ibgp(55219, '127.0.0.1', true, [V4U]), addPath: [V4U] },
  'conf-prefix-sid': ibgp(65000, '198.51.100.200', false, [V4U, V4_LABELED]),
  'conf-split': ibgp(65533, '198.111.227.39', false, [V4U]),
  'conf-srv6-mup': ibgp(65000, '10.0.0.1', true, [V4_MUP, V6_MUP]),
  'conf-srv6-mup-v3': ibgp(65000, '10.0.0.1', true, [V4_MUP, V6_MUP]),
  'conf-template': ibgp(65533, '127.0.0.0', false, [V4U]),
  'conf-unknowncap': ibgp(1, '1.2.3.4', true, [V4U]),
  'conf-vpn': ibgp(65000, '127.1.1.1', false, [V4_VPN]),
  'conf-watchdog': ibgp(65533, '10.0.0.10', true, [V4U]),
};
