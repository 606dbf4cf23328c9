/**
 * ExaBGP-syntax configuration for bgpknife in the interop suite: one neighbor block per real
 * peer (bgpknife connects to the peer's address and port), with the routes and FlowSpec rules
 * given as configuration text.
 */
import type { Peer } from '../support/peers/index.js';

/** bgpknife's family words per harness family. */
export const KNIFE_FAMILIES = {
  'ipv4-unicast': 'ipv4 unicast',
  'ipv6-unicast': 'ipv6 unicast',
  'ipv4-flowspec': 'ipv4 flow',
  'ipv6-flowspec': 'ipv6 flow',
  'ipv4-vpn': 'ipv4 mpls-vpn',
  'ipv6-vpn': 'ipv6 mpls-vpn',
  'ipv4-labeled': 'ipv4 nlri-mpls',
  'ipv6-labeled': 'ipv6 nlri-mpls',
} as const;

export type KnifeFamily = keyof typeof KNIFE_FAMILIES;

export interface KnifeNeighbor {
  /** The real peer bgpknife connects to (it must list `localAddress` as a passive neighbor). */
  readonly peer: Peer;
  /** bgpknife's side of the session. */
  readonly localAddress: string;
  readonly localAs: number;
  readonly routerId: string;
  readonly families: readonly KnifeFamily[];
  /** `route ...;` statements for the static block (without the trailing ';'). */
  readonly routes?: readonly string[];
  /** `route NAME { match { ... } then { ... } }` blocks for the flow block. */
  readonly flows?: readonly string[];
  readonly holdTime?: number;
  /** RFC 4724 restart time advertised by bgpknife. */
  readonly gracefulRestart?: number;
}

export function knifeNeighbor(n: KnifeNeighbor): string {
  const lines = [
    `neighbor ${n.peer.spec.localAddress} {`,
    `  router-id ${n.routerId};`,
    `  local-address ${n.localAddress};`,
    `  local-as ${n.localAs};`,
    `  peer-as ${n.peer.spec.localAs};`,
    `  connect ${n.peer.spec.localPort};`,
  ];
  if (n.holdTime !== undefined) lines.push(`  hold-time ${n.holdTime};`);
  const caps = ['route-refresh;'];
  if (n.gracefulRestart !== undefined) caps.push(`graceful-restart ${n.gracefulRestart};`);
  lines.push(`  capability { ${caps.join(' ')} }`);
  lines.push(`  family { ${n.families.map((f) => `${KNIFE_FAMILIES[f]};`).join(' ')} }`);
  if (n.routes?.length) lines.push('  static {', ...n.routes.map((r) => `    ${r};`), '  }');
  if (n.flows?.length) lines.push('  flow {', ...n.flows.map((f) => `    ${f}`), '  }');
  lines.push('}');
  return lines.join('\n');
}

export function knifeConfig(neighbors: readonly KnifeNeighbor[]): string {
  return `${neighbors.map(knifeNeighbor).join('\n')}\n`;
}
