/**
 * The demo (`npm start`, `bgpknife demo`): two BGP speakers in one process, joined by the
 * in-memory transport. The first is a real bgpknife peer running the demo configuration's
 * neighbor (its Session, Adj-RIB-Out and packer, exactly as the daemon runs them); the second
 * is a collector that decodes what arrives and prints it as ExaBGP JSON events and, once every
 * family has sent End-of-RIB, as a readable table. No router, no network, no privileges.
 */
import { hostname } from 'node:os';
import { eventJson } from '../api/json/envelope.js';
import type { NeighborConfig } from '../config/lower/model.js';
import { DEFAULT_FSM_CONFIG } from '../fsm/types.js';
import { Session } from '../session/session.js';
import { memoryPair } from '../transport/memory.js';
import { attributesText } from '../wire/attribute/text.js';
import type { Capability } from '../wire/capability/types.js';
import { stringifyJson } from '../wire/json.js';
import { makeOpen, twoOctetAsn } from '../wire/message/open.js';
import { isEndOfRib, type Update } from '../wire/message/update.js';
import { updateMessageJson } from '../wire/message/update-json.js';
import { familyName, familyOf } from '../wire/nlri/family.js';
import { nlriCodec } from '../wire/nlri/registry.js';
import type { Nlri } from '../wire/nlri/types.js';
import { SYSTEM_CLOCK } from './clock.js';
import { Peer } from './peer.js';

export interface DemoOutput {
  /** Print ExaBGP JSON events, one per line. */
  readonly json: boolean;
  /** Print the table once every family has sent End-of-RIB. */
  readonly table: boolean;
  readonly write: (text: string) => void;
  /** What to say once everything has arrived. */
  readonly closing: string;
}

interface Row {
  readonly family: string;
  readonly route: string;
  readonly nextHop: string;
  readonly attributes: string;
}

function nlriText(n: Nlri, nextHop?: string): string {
  const codec = nlriCodec(n.family);
  return codec ? codec.text(n, nextHop) : `${n.kind}`;
}

/** One row per announced NLRI of an UPDATE. */
function rows(u: Update): Row[] {
  const attrs = u.attributes.filter(
    (a) => a.kind !== 'mp-reach' && a.kind !== 'mp-unreach' && a.kind !== 'next-hop',
  );
  const text = attributesText(attrs);
  const out: Row[] = [];
  const nh = u.attributes.find((a) => a.kind === 'next-hop');
  for (const n of u.nlri) {
    out.push({
      family: 'ipv4 unicast',
      route: nlriText(n),
      nextHop: nh?.kind === 'next-hop' ? nh.ip : '-',
      attributes: text,
    });
  }
  for (const a of u.attributes) {
    if (a.kind !== 'mp-reach') continue;
    for (const n of a.nlri) {
      out.push({
        family: familyName(a.afi, a.safi),
        route: nlriText(n),
        nextHop: a.nextHop.join(' ') || '-',
        attributes: text,
      });
    }
  }
  return out;
}

function table(all: readonly Row[]): string {
  const head: Row = { family: 'family', route: 'route', nextHop: 'next-hop', attributes: 'attributes' };
  const w = (k: keyof Row) => Math.max(...[head, ...all].map((r) => r[k].length));
  const line = (r: Row) =>
    `${r.family.padEnd(w('family'))}  ${r.route.padEnd(w('route'))}  ${r.nextHop.padEnd(w('nextHop'))}  ${r.attributes}`;
  return `${[head, ...all].map(line).join('\n')}\n`;
}

/** The collector's OPEN: the same families, 4-octet AS and route refresh. */
function collectorCapabilities(n: NeighborConfig, asn: number): Capability[] {
  return [
    ...n.families.map((f): Capability => ({ kind: 'multiprotocol', ...familyOf(f) })),
    { kind: 'asn4', asn },
    { kind: 'route-refresh' },
  ];
}

export interface RunningDemo {
  /** Resolves once every negotiated family has sent End-of-RIB. */
  readonly complete: Promise<number>;
  stop(): void;
}

/** Start the demo for one configured neighbor; it runs until stop(). */
export function startDemo(n: NeighborConfig, out: DemoOutput): RunningDemo {
  const collectorAs = n.peerAs ?? 65002;
  const localAs = n.localAs ?? 65001;
  const [speakerEnd, collectorEnd] = memoryPair(
    { localAddress: n.localAddress ?? '192.0.2.1', localPort: 50179 },
    { localAddress: n.peerAddress, localPort: 179 },
  );
  const collected: Row[] = [];
  const pendingEor = new Set<number>();
  let finish!: (count: number) => void;
  const complete = new Promise<number>((r) => (finish = r));
  const neighbor = {
    localAddress: n.peerAddress,
    peerAddress: n.localAddress ?? '192.0.2.1',
    localAs: collectorAs,
    peerAs: localAs,
    routerId: '192.0.2.2',
  };
  const stamp = () => ({
    timeSeconds: Date.now() / 1000,
    host: hostname(),
    pid: process.pid,
    ppid: process.ppid,
  });

  let collector!: Session;
  let stopping = false;
  const speaker = new Peer(n, {
    clock: SYSTEM_CLOCK,
    random: Math.random,
    open: { softwareVersion: 'bgpknife/demo', hostName: 'bgpknife', domainName: '', restarted: false },
    connect: async () => {
      collector.accept(collectorEnd);
      return speakerEnd;
    },
    connectRetrySeconds: 5,
    attempts: 1,
    finished: () => {},
  });
  collector = new Session({
    name: 'collector',
    fsm: { ...DEFAULT_FSM_CONFIG, passive: true, holdTimeSeconds: n.holdTimeSeconds },
    localOpen: makeOpen({
      asn: twoOctetAsn(collectorAs),
      holdTimeSeconds: n.holdTimeSeconds,
      routerId: '192.0.2.2',
      capabilities: collectorCapabilities(n, collectorAs),
    }),
    expect: { peerAsn: localAs, localRouterId: '192.0.2.2', internal: localAs === collectorAs },
    clock: SYSTEM_CLOCK,
    random: Math.random,
    connect: () => Promise.reject(new Error('the collector only listens')),
    handler: {
      established: (neg) => {
        for (const f of neg.families) pendingEor.add(f);
      },
      message: (m) => {
        if (m.kind !== 'update') return;
        if (out.json)
          out.write(
            `${stringifyJson(eventJson('5.0', stamp(), 'update', neighbor, 'in', { message: updateMessageJson(m) }))}\n`,
          );
        const eor = isEndOfRib(m);
        if (eor === undefined) {
          collected.push(...rows(m));
          return;
        }
        pendingEor.delete(eor);
        if (pendingEor.size === 0) {
          if (out.table)
            out.write(
              `\n${table(collected)}\n${collected.length} routes and rules received. ${out.closing}\n`,
            );
          finish(collected.length);
        }
      },
      down: (reason) => {
        if (!stopping) out.write(`collector: session down (${reason})\n`);
      },
      drain: () => {},
    },
  });
  collector.start();
  speaker.start();
  return {
    complete,
    stop: () => {
      stopping = true;
      speaker.stop();
      collector.stop();
    },
  };
}
