/**
 * The harness's readers on output recorded from the real tools (BIRD 2.0.12, FRR 8.4.4,
 * GoBGP 3.10, ExaBGP 4.2.21), and its process/poll helpers. Needs no BGP binary.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  parseBirdFlows,
  parseBirdImported,
  parseBirdRoutes,
  parseBirdState,
} from '../support/peers/bird-parse.js';
import { startDaemon, waitFor } from '../support/peers/common.js';
import { exabgpFlow, exabgpRoute, foldExabgpEvents } from '../support/peers/exabgp-events.js';
import { parseFrrFlows, parseFrrPfxRcd, parseFrrRoutes } from '../support/peers/frr-parse.js';
import { parseGobgpFlows, parseGobgpRoutes } from '../support/peers/gobgp-parse.js';
import { actionFromWords, componentValue } from '../support/peers/normalise.js';

const BIRD_ROUTES = `BIRD 2.0.12 ready.
Table master4:
10.1.1.0/24          unreachable [n1 05:59:07.029 from 127.0.0.12] * (100) [AS65001i]
\tType: BGP univ
\tBGP.origin: IGP
\tBGP.as_path: 65001 65002
\tBGP.next_hop: 192.0.2.1
\tBGP.med: 10
\tBGP.local_pref: 100
\tBGP.community: (65001,1) (65001,2)
\tBGP.ext_community: (rt, 65000, 9)
\tBGP.large_community: (65000, 1, 2)
                     unreachable [n2 05:59:08.000 from 127.0.0.13] (100) [AS65003i]
\tBGP.as_path: 65003
\tBGP.next_hop: 192.0.2.3
10.5.0.0/24          blackhole [export4 05:59:53.329] * (200)
\tType: static univ
\tBGP.next_hop: 192.0.2.7
`;

const BIRD_FLOWS = `Table flowtab4:
flow4 { dst 10.9.0.0/24; src 10.8.0.0/16; proto 6; dport 80; }  [n1 05:59:07.072 from 127.0.0.12] * (100) [AS65001i]
\tType: BGP univ
\tBGP.ext_community: (generic, 0x80060000, 0x0)
flow4 { dst 10.9.1.0/24; proto 17; dport 53, 5353; }  [n1 05:59:07.072 from 127.0.0.12] * (100) [AS65001i]
\tBGP.ext_community: (generic, 0x80060000, 0x447a0000)
`;

describe('harness readers', () => {
  it('BIRD: best BGP routes only, attributes normalised', () => {
    const routes = parseBirdRoutes(BIRD_ROUTES, new Set(['n1', 'n2']));
    assert.deepEqual(routes, [
      {
        prefix: '10.1.1.0/24',
        nextHop: '192.0.2.1',
        asPath: [65001, 65002],
        med: 10,
        localPref: 100,
        communities: ['65001:1', '65001:2'],
        largeCommunities: ['65000:1:2'],
        extCommunities: ['rt:65000:9'],
      },
    ]);
  });

  it('BIRD: FlowSpec components and generic extended communities as actions', () => {
    const flows = parseBirdFlows(BIRD_FLOWS, new Set(['n1']));
    assert.deepEqual(
      flows.map((f) => [f.components, f.actions]),
      [
        [
          { destination: '10.9.0.0/24', source: '10.8.0.0/16', protocol: '=6', 'destination-port': '=80' },
          ['discard'],
        ],
        [
          { destination: '10.9.1.0/24', protocol: '=17', 'destination-port': '=53 =5353' },
          ['rate-limit:1000'],
        ],
      ],
    );
  });

  it('BIRD: protocol state and per-channel imported count', () => {
    const text = `Name       Proto      Table      State  Since         Info
n1         BGP        ---        up     05:59:07.028  Established
  Channel ipv4
    Routes:         3 imported, 0 exported, 3 preferred
  Channel ipv6
    Routes:         2 imported, 0 exported, 2 preferred
`;
    assert.equal(parseBirdState(text, 'n1'), 'established');
    assert.equal(parseBirdState('n1 BGP --- start 05:59:07.028 Passive', 'n1'), 'idle');
    assert.equal(parseBirdImported(text, 'ipv6'), 2);
    assert.equal(parseBirdImported(text, 'flow4'), 0);
  });

  it('FRR: json detail picks the best path; flowspec detail text', () => {
    const json = JSON.stringify({
      routes: {
        '10.2.0.0/24': [
          { prefix: '10.2.0.0/24', version: 3 },
          {
            aspath: { string: '65001', segments: [{ type: 'as-sequence', list: [65001] }] },
            bestpath: { overall: true },
            metric: 7,
            community: { string: '65001:2', list: ['65001:2'] },
            largeCommunity: { string: '65001:0:1', list: ['65001:0:1'] },
            extendedCommunity: { string: 'RT:65001:9' },
            nexthops: [{ ip: '192.0.2.1', afi: 'ipv4', used: true }],
          },
        ],
      },
    });
    assert.deepEqual(parseFrrRoutes(json), [
      {
        prefix: '10.2.0.0/24',
        nextHop: '192.0.2.1',
        asPath: [65001],
        med: 7,
        communities: ['65001:2'],
        largeCommunities: ['65001:0:1'],
        extCommunities: ['rt:65001:9'],
      },
    ]);
    const detail = `BGP flowspec entry: (flags 0x418)
\tDestination Address 2001:db8:29::/48/off 0
\tIP Protocol = 6 
\tDestination Port = 443 
\tFS:rate 0.000000
\treceived for 00:00:09
`;
    assert.deepEqual(parseFrrFlows(detail)[0]?.components, {
      destination: '2001:db8:29::/48',
      protocol: '=6',
      'destination-port': '=443',
    });
    assert.deepEqual(parseFrrFlows(detail)[0]?.actions, ['discard']);
    const summary = JSON.stringify({ peers: { '127.0.0.22': { pfxRcd: 3, state: 'Established' } } });
    assert.equal(parseFrrPfxRcd(summary, '127.0.0.22'), 3);
  });

  it('GoBGP: received paths only, attribute codes mapped', () => {
    const rib = JSON.stringify({
      '10.5.0.0/24': [
        {
          best: true,
          'neighbor-ip': '127.0.0.41',
          attrs: [
            { type: 2, as_paths: [{ segment_type: 2, num: 2, asns: [65000, 65099] }] },
            { type: 3, nexthop: '192.0.2.7' },
            { type: 4, metric: 9 },
            { type: 8, communities: [4259840005] },
            { type: 16, value: [{ type: 0, subtype: 2, value: '65000:9' }] },
            { type: 32, value: [{ ASN: 65000, LocalData1: 1, LocalData2: 2 }] },
          ],
        },
      ],
      '10.77.0.0/24': [{ best: true, attrs: [{ type: 3, nexthop: '192.0.2.9' }] }],
    });
    assert.deepEqual(parseGobgpRoutes(rib), [
      {
        prefix: '10.5.0.0/24',
        nextHop: '192.0.2.7',
        asPath: [65000, 65099],
        med: 9,
        communities: ['65000:5'],
        largeCommunities: ['65000:1:2'],
        extCommunities: ['rt:65000:9'],
      },
    ]);
    const flows = JSON.stringify({
      '[destination: 10.66.0.0/24][protocol: ==tcp][destination-port: ==80 ==443]': [
        {
          best: true,
          'neighbor-ip': '127.0.0.41',
          attrs: [{ type: 16, value: [{ type: 128, subtype: 6, as: 0, rate: 500 }] }],
        },
      ],
    });
    assert.deepEqual(parseGobgpFlows(flows)[0]?.components, {
      destination: '10.66.0.0/24',
      protocol: '=6',
      'destination-port': '=80 =443',
    });
    assert.deepEqual(parseGobgpFlows(flows)[0]?.actions, ['rate-limit:500']);
  });

  it('ExaBGP: events fold into state and a RIB; withdraws and session loss remove routes', () => {
    const peer = { address: { local: '127.0.0.2', peer: '127.0.0.1' } };
    const lines = [
      { type: 'state', neighbor: { ...peer, state: 'up' } },
      {
        type: 'update',
        neighbor: {
          ...peer,
          message: {
            update: {
              attribute: {
                'as-path': [65001],
                med: 5,
                community: [[65001, 1]],
                'extended-community': [{ string: 'rate-limit:0' }],
              },
              announce: {
                'ipv4 unicast': { '192.0.2.1': [{ nlri: '10.0.0.0/24' }, { nlri: '10.0.1.0/24' }] },
                'ipv4 flow': {
                  'no-nexthop': [
                    {
                      'destination-ipv4': ['10.9.0.0/24'],
                      protocol: ['=tcp'],
                      string: 'flow destination-ipv4 10.9.0.0/24',
                    },
                  ],
                },
              },
            },
          },
        },
      },
      {
        type: 'update',
        neighbor: {
          ...peer,
          message: { update: { withdraw: { 'ipv4 unicast': [{ nlri: '10.0.1.0/24' }] } } },
        },
      },
    ];
    const text = lines.map((l) => JSON.stringify(l)).join('\n');
    const rib = foldExabgpEvents(text);
    assert.equal(rib.states.get('127.0.0.1'), 'established');
    const unicast = [...(rib.ribs.get('127.0.0.1')?.get('ipv4 unicast')?.entries() ?? [])];
    assert.deepEqual(
      unicast.map(([k, e]) => exabgpRoute(k, e)),
      [
        {
          prefix: '10.0.0.0/24',
          nextHop: '192.0.2.1',
          asPath: [65001],
          med: 5,
          communities: ['65001:1'],
          largeCommunities: [],
          extCommunities: ['rate-limit:0'],
        },
      ],
    );
    const [flowKey, flowEntry] = [...(rib.ribs.get('127.0.0.1')?.get('ipv4 flow')?.entries() ?? [])][0]!;
    const flow = exabgpFlow(flowKey, flowEntry);
    assert.deepEqual(
      [flow.components, flow.actions],
      [{ destination: '10.9.0.0/24', protocol: '=6' }, ['discard']],
    );
    const down = `${text}\n${JSON.stringify({ type: 'state', neighbor: { ...peer, state: 'down' } })}`;
    assert.equal(foldExabgpEvents(down).ribs.size, 0);
  });

  it('VPN routes: RD and labels from each peer', () => {
    const bird = `Table vpntab4:
65060:1 10.60.1.0/24 unreachable [n1 06:08:40.359 from 127.0.0.1] * (100) [AS65060i]
\tBGP.as_path: 65060
\tBGP.next_hop: 192.0.2.60
\tBGP.mpls_label_stack: 100
`;
    const [b] = parseBirdRoutes(bird, new Set(['n1']));
    assert.deepEqual([b?.prefix, b?.rd, b?.labels], ['10.60.1.0/24', '65060:1', [100]]);
    const frr = JSON.stringify({
      routes: {
        routeDistinguishers: {
          '65060:1': {
            '10.60.1.0/24': [
              { bestpath: true, path: '65060', nexthops: [{ ip: '192.0.2.60', afi: 'ipv4' }] },
            ],
          },
        },
      },
    });
    const [f] = parseFrrRoutes(frr);
    assert.deepEqual(
      [f?.prefix, f?.rd, f?.nextHop, f?.asPath],
      ['10.60.1.0/24', '65060:1', '192.0.2.60', [65060]],
    );
    const gobgp = JSON.stringify({
      '65060:1:10.60.1.0/24': [
        {
          nlri: { prefix: '10.60.1.0/24', labels: [100], rd: { type: 0, admin: 65060, assigned: 1 } },
          best: true,
          'neighbor-ip': '127.0.0.1',
          attrs: [{ type: 14, nexthop: '192.0.2.60', afi: 1, safi: 128 }],
        },
      ],
    });
    const [g] = parseGobgpRoutes(gobgp);
    assert.deepEqual(
      [g?.prefix, g?.rd, g?.labels, g?.nextHop],
      ['10.60.1.0/24', '65060:1', [100], '192.0.2.60'],
    );
    const x = exabgpRoute('65060:1 10.60.1.0/24', {
      nlri: { nlri: '10.60.1.0/24', label: [[100]], rd: '65060:1' },
      nextHop: '192.0.2.60',
      attributes: {},
    });
    assert.deepEqual([x.prefix, x.rd, x.labels], ['10.60.1.0/24', '65060:1', [100]]);
  });

  it('normalises values and actions', () => {
    assert.equal(componentValue('protocol', '==tcp'), '=6');
    assert.equal(componentValue('destination-port', '>1000&<2000'), '>1000 <2000');
    assert.equal(componentValue('destination', '0.0.0.0/0'), '0.0.0.0/0');
    assert.equal(componentValue('destination', '2001:db8::/32/0'), '2001:db8::/32');
    assert.equal(actionFromWords(0x8008fde8, 7), 'redirect:65000:7');
    assert.equal(actionFromWords(0x80090000, 10), 'mark:10');
    assert.equal(actionFromWords(0x00020000, 1), undefined);
  });
});

describe('harness process helpers', () => {
  it('stop() ends exactly the started PID', async () => {
    const d = startDaemon('sleep', ['30'], '/dev/null');
    assert.equal(d.running(), true);
    await d.stop();
    assert.equal(d.running(), false);
    assert.throws(() => process.kill(d.pid, 0));
    await d.stop();
  });

  it('waitFor gives up after its timeout with the reason', async () => {
    let polls = 0;
    await assert.rejects(
      waitFor(
        'nothing',
        async () => {
          polls++;
          throw new Error('not yet');
        },
        { timeoutMs: 300, intervalMs: 50 },
      ),
      /timed out after 300 ms waiting for nothing: not yet/,
    );
    assert.ok(polls >= 2 && polls <= 8, `polls ${polls}`);
  });
});
