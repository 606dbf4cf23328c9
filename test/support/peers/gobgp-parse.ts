/**
 * Parsers for `gobgp ... -j` output: `global rib -a F -j` ({ key: [path...] }, attributes by
 * type code), `neighbor A -j` (session_state, afi_safis[].state.received).
 */
import { addComponent, communityFromNumber, rateAction } from './normalise.js';
import type { FlowRoute, Route, SessionState } from './types.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function attr(path: Json, type: number): Json | undefined {
  return list(path.attrs)
    .map(obj)
    .find((a) => a.type === type);
}

/** Extended communities: route target / origin as 'rt:'/'soo:', FlowSpec actions normalised. */
function extCommunity(c: Json): string {
  const type = Number(c.type);
  const subtype = Number(c.subtype);
  if (type === 0x80 || type === 0x81 || type === 0x82) {
    if (subtype === 6) return rateAction(Number(c.rate));
    if (subtype === 8) return `redirect:${String(c.value ?? `${c.as}:${c.local_admin}`)}`;
    if (subtype === 9) return `mark:${Number(c.dscp ?? c.value)}`;
  }
  if (subtype === 2 && type <= 2 && c.value !== undefined) return `rt:${String(c.value)}`;
  if (subtype === 3 && type <= 2 && c.value !== undefined) return `soo:${String(c.value)}`;
  return JSON.stringify(c).toLowerCase();
}

function extCommunities(path: Json): string[] {
  return list(attr(path, 16)?.value).map((c) => extCommunity(obj(c)));
}

function routeOf(prefix: string, path: Json): Route {
  const med = attr(path, 4)?.metric;
  const lp = attr(path, 5)?.value;
  const nh = attr(path, 3)?.nexthop ?? attr(path, 14)?.nexthop;
  const nlri = obj(path.nlri);
  const rd = obj(nlri.rd);
  const labels = list(nlri.labels).map(Number);
  return {
    prefix: typeof nlri.prefix === 'string' ? nlri.prefix : prefix,
    ...(nlri.rd !== undefined ? { rd: `${rd.admin}:${rd.assigned}` } : {}),
    ...(labels.length > 0 ? { labels } : {}),
    nextHop: typeof nh === 'string' ? nh : '',
    asPath: list(attr(path, 2)?.as_paths).flatMap((s) => list(obj(s).asns).map(Number)),
    ...(typeof med === 'number' ? { med } : {}),
    ...(typeof lp === 'number' ? { localPref: lp } : {}),
    communities: list(attr(path, 8)?.communities).map((n) => communityFromNumber(Number(n))),
    largeCommunities: list(attr(path, 32)?.value).map((v) => {
      const o = obj(v);
      return `${o.ASN ?? o.asn}:${o.LocalData1 ?? o.local_data1}:${o.LocalData2 ?? o.local_data2}`;
    }),
    extCommunities: extCommunities(path),
  };
}

/** The best path of each key that was received from a neighbor (local routes carry no neighbor-ip). */
function bestReceived(text: string): Array<[string, Json]> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return [];
  const out: Array<[string, Json]> = [];
  for (const [key, paths] of Object.entries(obj(JSON.parse(trimmed)))) {
    const received = list(paths)
      .map(obj)
      .filter((p) => typeof p['neighbor-ip'] === 'string' && p['neighbor-ip'] !== '<nil>');
    const best = received.find((p) => p.best === true) ?? received[0];
    if (best) out.push([key, best]);
  }
  return out;
}

export function parseGobgpRoutes(text: string): Route[] {
  return bestReceived(text).map(([prefix, path]) => routeOf(prefix, path));
}

/** Keys look like '[destination: 10.9.0.0/24][protocol: ==tcp][destination-port: ==80]'. */
export function parseGobgpFlows(text: string): FlowRoute[] {
  return bestReceived(text).map(([key, path]) => {
    const components: Record<string, string> = {};
    for (const m of key.matchAll(/\[([^:\]]+): ([^\]]*)\]/g)) addComponent(components, m[1]!, m[2]!);
    return { raw: key, components, actions: extCommunities(path) };
  });
}

const GOBGP_STATES: readonly SessionState[] = [
  'idle',
  'idle',
  'connect',
  'active',
  'opensent',
  'openconfirm',
  'established',
];

/** `neighbor A -j`: state.session_state is an enum number (6 = established) or a name. */
export function parseGobgpState(text: string): SessionState {
  const s = obj(obj(JSON.parse(text)).state).session_state;
  if (typeof s === 'number') return GOBGP_STATES[s] ?? 'down';
  const name = String(s ?? '').toLowerCase();
  return (GOBGP_STATES as readonly string[]).includes(name) ? (name as SessionState) : 'down';
}

/** `neighbor A -j`: afi_safis[].state.received for the family. */
export function parseGobgpReceived(text: string, afi: number, safi: number): number {
  for (const f of list(obj(JSON.parse(text)).afi_safis).map(obj)) {
    const state = obj(f.state);
    const fam = obj(state.family);
    if (fam.afi === afi && (fam.safi ?? 0) === safi) return Number(state.received ?? 0);
  }
  return 0;
}
