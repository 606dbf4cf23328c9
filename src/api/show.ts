/**
 * The `show` commands' text, in ExaBGP 5.0.13's formats (bgp/neighbor.py NeighborTemplate and
 * reactor/api/command/rib.py): `show neighbor summary` (a header and one fixed-width line per
 * peer), `show neighbor [extensive]` (the extensive template), `show neighbor configuration`,
 * and `show adj-rib in|out [extensive]` (one line per route).
 */
import { attributesText } from '../wire/attribute/text.js';
import type { Attribute } from '../wire/attribute/types.js';
import { afiName, type FamilyKey, safiName } from '../wire/nlri/family.js';
import { nlriCodec } from '../wire/nlri/registry.js';
import type { Nlri } from '../wire/nlri/types.js';
import type { ApiPeer } from './port.js';

export const SUMMARY_HEADER = 'Peer            AS        up/down state       |     #sent     #recvd';

/** Python's str(timedelta(seconds=N)) for N < 1 day: H:MM:SS. */
export function duration(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const text = `${h}:${String(m).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return days > 0 ? `${days} day${days > 1 ? 's' : ''}, ${text}` : text;
}

function upSeconds(p: ApiPeer, nowMs: number): number {
  return p.upSinceMs === undefined ? 0 : (nowMs - p.upSinceMs) / 1000;
}

function summaryLine(p: ApiPeer, nowMs: number): string {
  const up = upSeconds(p, nowMs);
  const peerAs = p.config.peerAs ?? p.negotiated?.peerAs;
  return [
    p.config.peerAddress.padEnd(15),
    (peerAs === undefined ? 'n/a' : String(peerAs)).padEnd(7),
    (up ? duration(up) : 'down').padStart(9),
    p.state.toLowerCase().padEnd(12),
    String(p.updates.received).padStart(10),
    String(p.updates.sent).padStart(10),
  ].join(' ');
}

const row = (a: string, b: string | number, c: string | number = '') =>
  `   ${a.padEnd(20)} ${String(b).padStart(15)} ${String(c).padStart(15)} ${''.padEnd(15)}`;

function familyText(f: FamilyKey): string {
  return `${afiName(f >> 8)} ${safiName(f & 0xff)}`;
}

function extensive(p: ApiPeer, nowMs: number): string[] {
  const c = p.config;
  const ctx = p.packContext;
  const local = c.localAddress ?? ctx?.localAddress ?? 'n/a';
  const up = upSeconds(p, nowMs);
  const negotiated = new Set(p.negotiated?.families ?? []);
  return [
    `Neighbor ${c.peerAddress}`,
    '',
    '    Session                       Local',
    row('local', local),
    row('state', p.state),
    row(up ? 'up for' : 'down for', duration(up)),
    '',
    '    Setup                         Local          Remote',
    row('AS', c.localAs ?? 'n/a', c.peerAs ?? p.negotiated?.peerAs ?? 'n/a'),
    row('ID', c.routerId ?? ctx?.routerId ?? 'n/a', 'n/a'),
    row('hold-time', c.holdTimeSeconds, p.negotiated?.holdTimeSeconds ?? 'n/a'),
    '',
    '    Families                      Local          Remote        Add-Path',
    ...c.families.map((f) => row(`${familyText(f)}:`, 'yes', negotiated.has(f) ? 'yes' : 'no')),
    '',
    '    Message Statistic              Sent        Received',
    row('update:', p.updates.sent, p.updates.received),
    '',
  ];
}

export function showNeighbor(
  peers: readonly ApiPeer[],
  detail: 'default' | 'summary' | 'extensive' | 'configuration',
  nowMs: number,
): string[] {
  if (detail === 'summary') return [SUMMARY_HEADER, ...peers.map((p) => summaryLine(p, nowMs))];
  if (detail === 'configuration')
    return peers.map(
      (p) =>
        `neighbor ${p.config.peerAddress} { local-as ${p.config.localAs ?? 'auto'}; peer-as ${p.config.peerAs ?? 'auto'}; hold-time ${p.config.holdTimeSeconds}; }`,
    );
  return peers.flatMap((p) => extensive(p, nowMs));
}

/** ExaBGP's neighbor name, as `show adj-rib ... extensive` prints it. */
export function neighborName(p: ApiPeer): string {
  const c = p.config;
  const local = c.localAddress ?? p.packContext?.localAddress ?? 'auto';
  const rid = c.routerId ?? p.packContext?.routerId ?? 'None';
  return `neighbor ${c.peerAddress} local-ip ${local} local-as ${c.localAs ?? 'auto'} peer-as ${c.peerAs ?? 'auto'} router-id ${rid} family-allowed in-open`;
}

function routeText(
  n: Nlri,
  nextHop: string | undefined,
  attributes: readonly Attribute[],
  extensive: boolean,
): string {
  const codec = nlriCodec(n.family);
  const text = codec ? codec.text(n as never, nextHop) : String(n.family);
  const nlri = nextHop && !text.includes(' next-hop ') ? `${text} next-hop ${nextHop}` : text;
  if (!extensive) return nlri;
  const attrs = attributesText(attributes);
  return attrs ? `${nlri} ${attrs}` : nlri;
}

export function showAdjRib(peers: readonly ApiPeer[], direction: 'in' | 'out', extensive: boolean): string[] {
  const out: string[] = [];
  for (const p of peers) {
    const who = extensive ? neighborName(p) : p.config.peerAddress;
    if (direction === 'in') {
      for (const r of p.adjRibIn?.routes() ?? [])
        out.push(
          `${who} ${familyText(r.nlri.family)} ${routeText(r.nlri, r.nextHop[0], r.attributes, extensive)}`,
        );
      continue;
    }
    const self = p.packContext?.localAddress ?? 'self';
    for (const r of p.adjRibOut.routes()) {
      const hop = r.nextHop === undefined ? undefined : r.nextHop.kind === 'self' ? self : r.nextHop.ip;
      out.push(`${who} ${familyText(r.nlri.family)} ${routeText(r.nlri, hop, r.attributes, extensive)}`);
    }
  }
  return out;
}
