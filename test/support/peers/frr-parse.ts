/**
 * Parsers for FRR's vtysh output: `show bgp <afi> <safi> json detail` (routes),
 * `show bgp <afi> flowspec detail` (text; its JSON lacks the actions), neighbor state and
 * summary JSON (pfxRcd).
 */
import { addComponent, asPathFromText, rateAction } from './normalise.js';
import type { FlowRoute, Route, SessionState } from './types.js';

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function isBest(path: Json): boolean {
  const b = path.bestpath;
  return b === true || obj(b).overall === true;
}

function nextHopOf(path: Json): string {
  const hops = list(path.nexthops).map(obj);
  const global = hops.find((h) => h.scope === undefined || h.scope === 'global') ?? hops[0];
  return str(global?.ip);
}

function asPathOf(path: Json): number[] {
  const a = obj(path.aspath);
  const segs = list(a.segments).map(obj);
  if (segs.length > 0) return segs.flatMap((s) => list(s.list).map(Number));
  return asPathFromText(str(a.string) || str(path.path));
}

function communityList(v: unknown): string[] {
  const o = obj(v);
  const l = list(o.list).map(String);
  return l.length > 0 ? l : str(o.string).split(/\s+/).filter(Boolean);
}

function routeOf(prefix: string, path: Json, rd?: string): Route {
  const med = path.metric ?? path.med;
  const lp = path.locPrf ?? path.localpref ?? path.localPref;
  return {
    prefix,
    ...(rd !== undefined ? { rd } : {}),
    nextHop: nextHopOf(path),
    asPath: asPathOf(path),
    ...(typeof med === 'number' ? { med } : {}),
    ...(typeof lp === 'number' ? { localPref: lp } : {}),
    communities: communityList(path.community),
    largeCommunities: communityList(path.largeCommunity),
    extCommunities: str(obj(path.extendedCommunity).string)
      .split(/\s+/)
      .filter(Boolean)
      .map((c) => c.toLowerCase()),
  };
}

function bestPaths(routes: Json, out: Route[], rd?: string): void {
  for (const [prefix, entries] of Object.entries(routes)) {
    const paths = list(entries)
      .map(obj)
      .filter((p) => p.aspath !== undefined || p.nexthops !== undefined || p.path !== undefined);
    const best = paths.find(isBest) ?? paths[0];
    if (best) out.push(routeOf(prefix, best, rd));
  }
}

/**
 * `show bgp ipv4 unicast json detail`: routes -> prefix -> [info, path, path...]; VPN tables:
 * routes -> routeDistinguishers -> rd -> prefix -> [path...] (summary form: no communities).
 */
export function parseFrrRoutes(text: string): Route[] {
  const routes = obj(obj(JSON.parse(text)).routes);
  const out: Route[] = [];
  if (routes.routeDistinguishers !== undefined) {
    for (const [rd, byPrefix] of Object.entries(obj(routes.routeDistinguishers)))
      bestPaths(obj(byPrefix), out, rd);
  } else {
    bestPaths(routes, out);
  }
  return out;
}

/** FRR's FlowSpec component labels in `flowspec detail` output. */
const FLOW_LABELS = [
  'Destination Address',
  'Source Address',
  'IP Protocol',
  'Destination Port',
  'Source Port',
  'Port',
  'ICMP Type',
  'ICMP Code',
  'TCP Flags',
  'Packet Length',
  'DSCP',
  'Fragment',
  'Flow Label',
];

function flowAction(line: string): string {
  const rate = /^FS:rate\s+([\d.]+)/.exec(line);
  if (rate) return rateAction(Number(rate[1]));
  const mark = /^FS:marking\s+(\d+)/i.exec(line);
  if (mark) return `mark:${mark[1]}`;
  const rt = /^FS:redirect.*?(\d+:\d+)\s*$/.exec(line);
  if (rt) return `redirect:${rt[1]}`;
  return line.toLowerCase();
}

/** `show bgp ipv4 flowspec detail`: "BGP flowspec entry:" blocks of tab-indented lines. */
export function parseFrrFlows(text: string): FlowRoute[] {
  const out: FlowRoute[] = [];
  let raw: string[] = [];
  let components: Record<string, string> = {};
  let actions: string[] = [];
  const flush = (): void => {
    if (raw.length > 0) out.push({ raw: raw.join('; '), components, actions });
    raw = [];
    components = {};
    actions = [];
  };
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line.startsWith('BGP flowspec entry')) {
      flush();
      continue;
    }
    if (!rawLine.startsWith('\t') || !line) continue;
    const label = FLOW_LABELS.find((l) => line.startsWith(`${l} `));
    if (label) {
      raw.push(line);
      addComponent(components, label, line.slice(label.length));
    } else if (line.startsWith('FS:')) {
      for (const part of line.split(/(?=FS:)/)) actions.push(flowAction(part.trim()));
    }
  }
  flush();
  return out;
}

const FRR_STATES: Readonly<Record<string, SessionState>> = {
  Idle: 'idle',
  Connect: 'connect',
  Active: 'active',
  OpenSent: 'opensent',
  OpenConfirm: 'openconfirm',
  Established: 'established',
};

/** `show bgp neighbors A json`: { A: { bgpState } }. */
export function parseFrrState(text: string, neighbor: string): SessionState {
  const state = str(obj(obj(JSON.parse(text))[neighbor]).bgpState);
  return FRR_STATES[state] ?? 'down';
}

/** `show bgp <afi> <safi> summary json`: peers -> A -> pfxRcd (absent when not established). */
export function parseFrrPfxRcd(text: string, neighbor: string): number {
  const top = obj(JSON.parse(text));
  // Some versions wrap the summary in a family key ("ipv4Unicast": {...}).
  const summary = top.peers !== undefined ? top : obj(Object.values(top)[0]);
  const n = obj(obj(summary.peers)[neighbor]).pfxRcd;
  return typeof n === 'number' ? n : 0;
}
