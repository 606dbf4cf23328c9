/**
 * bgpknife against real peers, both directions over one session each: `bgpknife run` announces
 * IPv4/IPv6 unicast routes with their attributes, FlowSpec rules (IPv4 and IPv6, several
 * components, every action), VPN and labeled routes, and the peer's own CLI shows them; the
 * peer announces its routes and bgpknife's Adj-RIB-In (the received-file test hook) holds
 * exactly them. BIRD and ExaBGP are iBGP (LOCAL_PREF kept), FRR and GoBGP eBGP.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type Capture,
  captureOrSkip,
  decodeCapture,
  type Family,
  type FlowRoute,
  type Peer,
  type PeerKind,
  type RouteExport,
  startPeer,
  waitFor,
  waitForFlows,
  waitForRoutes,
} from '../support/peers/index.js';
import { type KnifeFamily, knifeConfig } from './bgpknife-config.js';
import { type Knife, startKnife } from './bgpknife-process.js';
import { endpoint, find, need, stopAll, WAIT_MS } from './interop-helpers.js';

const KNIFE_AS = 65100;

const COMMON: readonly KnifeFamily[] = [
  'ipv4-unicast',
  'ipv6-unicast',
  'ipv4-flowspec',
  'ipv6-flowspec',
  'ipv4-vpn',
  'ipv6-vpn',
];

/** What each peer supports of what bgpknife sends. FRR reads no labels or VPN JSON details. */
const SUPPORT: Readonly<Record<PeerKind, { families: readonly KnifeFamily[]; ibgp: boolean }>> = {
  bird: {
    ibgp: true,
    families: [...COMMON, 'ipv4-labeled'],
  },
  // FRR refuses unicast and labeled-unicast of one AFI on one neighbor.
  frr: { ibgp: false, families: COMMON },
  gobgp: {
    ibgp: true,
    families: [...COMMON, 'ipv4-labeled'],
  },
  exabgp: {
    ibgp: true,
    families: [...COMMON, 'ipv4-labeled'],
  },
};

const ROUTES = [
  'route 10.100.1.0/24 next-hop 192.0.2.100 origin igp as-path [ 65101 65102 ] med 42 local-preference 300 community [ 65100:1 65100:2 ] large-community [ 65100:7:8 ] extended-community [ target:65100:9 ]',
  'route 10.100.2.0/25 next-hop 192.0.2.101 community [ 65100:3 ]',
  'route 2001:db8:100::/48 next-hop 2001:db8::100 med 7 as-path [ 65103 ] community [ 65100:6 ] large-community [ 65100:1:1 ]',
  'route 10.100.3.0/24 rd 65100:1 label 100 next-hop 192.0.2.102 extended-community [ target:65100:1 ]',
  'route 10.100.4.0/24 label 300 next-hop 192.0.2.103',
  'route 2001:db8:101::/48 rd 192.0.2.1:7 label 200 next-hop 2001:db8::101 extended-community [ target:65100:2 ]',
];

const FLOWS = [
  'route f1 { match { destination 10.110.1.0/24; source 10.111.0.0/16; protocol [ =tcp ]; destination-port [ =80 =443 ]; source-port [ >1024 ]; } then { discard; } }',
  'route f2 { match { destination 10.110.2.0/24; protocol [ =udp ]; port [ =53 ]; packet-length [ >100&<1500 ]; } then { rate-limit 1000; } }',
  'route f3 { match { destination 10.110.3.0/24; icmp-type [ =8 ]; icmp-code [ =0 ]; protocol [ =icmp ]; } then { redirect 65100:33; } }',
  'route f4 { match { destination 10.110.4.0/24; dscp [ =10 ]; } then { mark 10; } }',
  'route f5 { match { destination 10.110.5.0/24; protocol [ =tcp ]; tcp-flags [ syn ]; fragment [ is-fragment ]; } then { discard; } }',
  'route f6 { match { destination 2001:db8:110::/48/0; next-header [ =tcp ]; destination-port [ =22 ]; } then { discard; } }',
];

/** What the peer announces back to bgpknife (its exports). */
function exportsFor(as: number): RouteExport[] {
  return [
    {
      prefix: '10.120.1.0/24',
      nextHop: '192.0.2.120',
      med: 5,
      communities: [`${as % 65536}:1`],
      largeCommunities: [`${as}:2:3`],
    },
    { prefix: '2001:db8:120::/48', nextHop: '2001:db8::120', communities: [`${as % 65536}:6`] },
  ];
}

async function checkUnicast(peer: Peer, ibgp: boolean): Promise<void> {
  const k = peer.kind;
  const v4 = find(await waitForRoutes(peer, 'ipv4-unicast', 2, WAIT_MS), '10.100.1.0/24');
  assert.equal(v4.nextHop, '192.0.2.100', k);
  // As ExaBGP, a configured AS_PATH is sent as written, also on eBGP.
  assert.deepEqual(v4.asPath, [65101, 65102], k);
  assert.equal(v4.med, 42, k);
  if (ibgp) assert.equal(v4.localPref, 300, k);
  assert.deepEqual(v4.communities, ['65100:1', '65100:2'], k);
  assert.deepEqual(v4.largeCommunities, ['65100:7:8'], k);
  assert.match(v4.extCommunities.join(' '), /(rt|target):65100:9/, k);
  const v4b = find(await peer.routes('ipv4-unicast'), '10.100.2.0/25');
  assert.deepEqual(v4b.communities, ['65100:3'], k);
  assert.deepEqual(v4b.asPath, ibgp ? [] : [KNIFE_AS], k);
  const v6 = find(await waitForRoutes(peer, 'ipv6-unicast', 1, WAIT_MS), '2001:db8:100::/48');
  assert.equal(v6.nextHop, '2001:db8::100', k);
  assert.equal(v6.med, 7, k);
  assert.deepEqual(v6.communities, ['65100:6'], k);
  assert.deepEqual(v6.largeCommunities, ['65100:1:1'], k);
  assert.equal(await peer.routeCount('ipv4-unicast'), 2, k);
  assert.equal(await peer.routeCount('ipv6-unicast'), 1, k);
}

async function checkVpn(peer: Peer): Promise<void> {
  const k = peer.kind;
  const vpn4 = find(await waitForRoutes(peer, 'ipv4-vpn', 1, WAIT_MS), '10.100.3.0/24');
  assert.equal(vpn4.rd, '65100:1', k);
  assert.equal(vpn4.nextHop, '192.0.2.102', k);
  const vpn6 = find(await waitForRoutes(peer, 'ipv6-vpn', 1, WAIT_MS), '2001:db8:101::/48');
  assert.equal(vpn6.rd, '192.0.2.1:7', k);
  if (k !== 'frr') {
    assert.deepEqual(vpn4.labels, [100], k);
    assert.deepEqual(vpn6.labels, [200], k);
    assert.match(vpn4.extCommunities.join(' '), /(rt|target):65100:1/, k);
    const labeled = find(await waitForRoutes(peer, 'ipv4-labeled', 1, WAIT_MS), '10.100.4.0/24');
    assert.equal(labeled.nextHop, '192.0.2.103', k);
    assert.deepEqual(labeled.labels, [300], k);
  }
}

function flowFor(flows: readonly FlowRoute[], destination: string): FlowRoute {
  const f = flows.find((x) => x.components.destination === destination);
  assert.ok(f, `no rule for ${destination} in ${JSON.stringify(flows)}`);
  return f;
}

async function checkFlows(peer: Peer): Promise<void> {
  const k = peer.kind;
  const v4 = await waitForFlows(peer, 4, 5, WAIT_MS);
  const f1 = flowFor(v4, '10.110.1.0/24');
  assert.equal(f1.components.source, '10.111.0.0/16', k);
  assert.equal(f1.components.protocol, '=6', k);
  assert.equal(f1.components['destination-port'], '=80 =443', k);
  assert.equal(f1.components['source-port'], '>1024', k);
  assert.deepEqual(f1.actions, ['discard'], k);
  const f2 = flowFor(v4, '10.110.2.0/24');
  assert.equal(f2.components.port, '=53', k);
  assert.equal(f2.components['packet-length'], '>100 <1500', k);
  assert.deepEqual(f2.actions, ['rate-limit:1000'], k);
  const f3 = flowFor(v4, '10.110.3.0/24');
  assert.equal(f3.components.protocol, '=1', k);
  // INTEROP: ExaBGP names ICMP type 8 'echo-request'; FRR prints DSCP as 'DSCP field = 10'.
  assert.match(f3.components['icmp-type'] ?? '', /^=(8|echo-request)$/, k);
  assert.equal(f3.components['icmp-code'], '=0', k);
  assert.deepEqual(f3.actions, ['redirect:65100:33'], k);
  const f4 = flowFor(v4, '10.110.4.0/24');
  assert.deepEqual(f4.actions, ['mark:10'], k);
  assert.match(f4.components.dscp ?? '', /(^| )=10$/, k);
  // TCP flags and fragment bits are printed in each peer's own words: present is enough.
  const f5 = flowFor(v4, '10.110.5.0/24');
  assert.ok(f5.components['tcp-flags'], `${k}: ${f5.raw}`);
  // INTEROP: FRR 8.4 accepts the rule but does not print its fragment component.
  if (k !== 'frr') assert.ok(f5.components.fragment, `${k}: ${f5.raw}`);
  const f6 = flowFor(await waitForFlows(peer, 6, 1, WAIT_MS), '2001:db8:110::/48');
  assert.equal(f6.components.protocol, '=6', k);
  assert.equal(f6.components['destination-port'], '=22', k);
  assert.deepEqual(f6.actions, ['discard'], k);
}

/** bgpknife's Adj-RIB-In holds exactly the peer's exports. */
async function checkReceived(knife: Knife, peer: Peer): Promise<void> {
  const at = peer.spec.localAddress;
  const k = peer.kind;
  const [r4, r6] = await waitFor(
    `bgpknife to receive ${k}'s routes`,
    async () => {
      const r = knife.receivedRoutes(at, 'ipv4 unicast');
      const r6 = knife.receivedRoutes(at, 'ipv6 unicast');
      return r.length >= 1 && r6.length >= 1 ? ([r, r6] as const) : undefined;
    },
    { timeoutMs: WAIT_MS, describe: () => knife.log().split('\n').slice(-10).join('\n') },
  );
  // INTEROP: FRR advertises bgpknife's eBGP routes back to it (no sender-side loop check);
  // bgpknife, as ExaBGP, keeps what it was sent.
  const back = k === 'frr' ? ['10.100.1.0/24', '10.100.2.0/25'] : [];
  assert.deepEqual(r4.map((r) => r.prefix).sort(), [...back, '10.120.1.0/24'].sort(), k);
  const e = exportsFor(peer.spec.localAs);
  const r = find(r4, '10.120.1.0/24');
  assert.equal(r.nextHop, '192.0.2.120', k);
  assert.equal(r.med, 5, k);
  assert.deepEqual(r.communities, e[0]!.communities, k);
  assert.deepEqual(r.largeCommunities, e[0]!.largeCommunities, k);
  const back6 = k === 'frr' ? ['2001:db8:100::/48'] : [];
  assert.deepEqual(r6.map((x) => x.prefix).sort(), [...back6, '2001:db8:120::/48'].sort(), k);
  find(r6, '2001:db8:120::/48');
  // INTEROP: FRR over IPv4 transport sends its IPv4-mapped address as the IPv6 next hop.
  const hop6 = find(r6, '2001:db8:120::/48').nextHop;
  if (k === 'frr') assert.equal(hop6, `::ffff:${peer.spec.localAddress}`, k);
  else assert.equal(hop6, '2001:db8::120', k);
  assert.deepEqual(find(r6, '2001:db8:120::/48').communities, e[1]!.communities, k);
}

describe('bgpknife run against BIRD, FRR, GoBGP and ExaBGP: routes both ways', { concurrency: true }, () => {
  for (const kind of ['bird', 'frr', 'gobgp', 'exabgp'] as const) {
    it(`${kind}: unicast with attributes, FlowSpec, VPN; and ${kind}'s routes in bgpknife's Adj-RIB-In`, async (t) => {
      if (!need(t, kind, 'tshark')) return;
      const { ibgp, families } = SUPPORT[kind];
      const [p, me] = await Promise.all([endpoint(), endpoint()]);
      const capture = await captureOrSkip(t, { port: p.port });
      if (!capture) return;
      const peerAs = ibgp ? KNIFE_AS : 65110 + ['bird', 'frr', 'gobgp', 'exabgp'].indexOf(kind);
      const peers: Array<Peer | undefined> = [];
      let knife: Knife | undefined;
      try {
        const peer = await startPeer({
          kind,
          localAddress: p.address,
          localPort: p.port,
          localAs: peerAs,
          routerId: '10.255.1.1',
          neighbors: [{ address: me.address, as: KNIFE_AS, families: families as Family[] }],
          exports: exportsFor(peerAs),
        });
        peers.push(peer);
        knife = startKnife(
          knifeConfig([
            {
              peer,
              localAddress: me.address,
              localAs: KNIFE_AS,
              routerId: '10.255.1.2',
              families,
              routes: ROUTES,
              flows: FLOWS,
            },
          ]),
        );
        await peer.waitEstablished(WAIT_MS);
        await checkUnicast(peer, ibgp);
        await checkFlows(peer);
        await checkVpn(peer);
        await checkReceived(knife, peer);
        await knife.stop();
        await capture.stop();
        // Wireshark's dissector, independent of bgpknife, finds every message well formed.
        const report = await decodeCapture(capture.pcap, p.port);
        assert.equal(report.malformed, false, `${kind}: [Malformed Packet] in the capture`);
        // TCP's own sequence analysis (D-SACK, duplicate ACK on loopback) is not about BGP.
        const bgpWarnings = report.expertWarnings.filter((w) => !w.includes('(Warning/Sequence)'));
        assert.deepEqual(bgpWarnings, [], kind);
        assert.ok(report.messageTypes.filter((x) => x === 2).length >= 10, `${kind}: UPDATEs captured`);
      } finally {
        await knife?.dispose();
        await stopAll(peers);
        await capture.dispose();
      }
    });
  }
});
