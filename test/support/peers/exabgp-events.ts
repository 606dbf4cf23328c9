/**
 * Folds ExaBGP 4.2's JSON events (one object per line, as the receiver helper wrote them)
 * into per-neighbor session states and RIBs:
 *   {"type":"state","neighbor":{"address":{"peer":"127.0.0.2"},"state":"up"}}
 *   {"type":"update","neighbor":{"address":{...},"message":{"update":{"attribute":{...},
 *     "announce":{"ipv4 unicast":{"192.0.2.1":[{"nlri":"10.0.0.0/24"}]}},
 *     "withdraw":{"ipv4 unicast":[{"nlri":"10.1.0.0/24"}]}}}}}
 */
import { addComponent, asPathFromText } from './normalise.js';
import type { FlowRoute, Route, SessionState } from './types.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Most event lines folded per read (the harness is for small tables). */
const MAX_EVENTS = 200_000;

export interface ExabgpRib {
  readonly states: Map<string, SessionState>;
  /** neighbor -> "afi safi" -> key (prefix or flow string) -> entry */
  readonly ribs: Map<string, Map<string, Map<string, RibEntry>>>;
}

export interface RibEntry {
  readonly nlri: Json;
  readonly nextHop: string;
  readonly attributes: Json;
}

function nlriKey(n: unknown): string {
  if (typeof n === 'string') return n;
  const o = obj(n);
  const rd = typeof o.rd === 'string' ? `${o.rd} ` : '';
  return typeof o.nlri === 'string' ? `${rd}${o.nlri}` : String(o.string ?? JSON.stringify(o));
}

const STATES: Readonly<Record<string, SessionState>> = {
  up: 'established',
  connected: 'opensent',
  down: 'idle',
};

function applyUpdate(rib: Map<string, Map<string, RibEntry>>, update: Json): void {
  const attributes = obj(update.attribute);
  for (const [family, byNextHop] of Object.entries(obj(update.announce))) {
    const table = rib.get(family) ?? new Map<string, RibEntry>();
    rib.set(family, table);
    for (const [nextHop, nlris] of Object.entries(obj(byNextHop))) {
      for (const n of list(nlris)) table.set(nlriKey(n), { nlri: obj(n), nextHop, attributes });
    }
  }
  for (const [family, nlris] of Object.entries(obj(update.withdraw))) {
    for (const n of list(nlris)) rib.get(family)?.delete(nlriKey(n));
  }
}

export function foldExabgpEvents(text: string): ExabgpRib {
  const states = new Map<string, SessionState>();
  const ribs = new Map<string, Map<string, Map<string, RibEntry>>>();
  let count = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith('{') || ++count > MAX_EVENTS) continue;
    let event: Json;
    try {
      event = obj(JSON.parse(line));
    } catch {
      continue;
    }
    const neighbor = obj(event.neighbor);
    const peer = String(obj(neighbor.address).peer ?? '');
    if (event.type === 'state') {
      states.set(peer, STATES[String(neighbor.state)] ?? 'idle');
      // A session that goes down loses its routes (no graceful restart in the receiver).
      if (neighbor.state === 'down') ribs.delete(peer);
    } else if (event.type === 'update') {
      const rib = ribs.get(peer) ?? new Map<string, Map<string, RibEntry>>();
      ribs.set(peer, rib);
      applyUpdate(rib, obj(obj(neighbor.message).update));
    }
  }
  return { states, ribs };
}

function pairs(v: unknown): string[] {
  return list(v).map((c) => (Array.isArray(c) ? c.join(':') : String(c)));
}

export function exabgpRoute(key: string, e: RibEntry): Route {
  const a = e.attributes;
  const med = a.med;
  const lp = a['local-preference'];
  const rd = e.nlri.rd;
  // 4.2 prints labels as [[label, raw]] pairs (raw only when it differs).
  const labels = list(e.nlri.label).map((l) => Number(Array.isArray(l) ? l[0] : l));
  return {
    prefix: typeof e.nlri.nlri === 'string' ? e.nlri.nlri : key,
    ...(typeof rd === 'string' ? { rd } : {}),
    ...(labels.length > 0 ? { labels } : {}),
    nextHop: e.nextHop,
    asPath: list(a['as-path']).flatMap((x) => (Array.isArray(x) ? x.map(Number) : asPathFromText(String(x)))),
    ...(typeof med === 'number' ? { med } : {}),
    ...(typeof lp === 'number' ? { localPref: lp } : {}),
    communities: pairs(a.community),
    largeCommunities: pairs(a['large-community']),
    extCommunities: list(a['extended-community']).map((c) =>
      String(typeof c === 'object' ? (obj(c).string ?? obj(c).value) : c).toLowerCase(),
    ),
  };
}

/** ExaBGP prints FlowSpec actions as extended communities ('rate-limit:0' is discard). */
function flowAction(s: string): string {
  const rate = /^rate-limit:(\d+)/.exec(s);
  if (rate) return Number(rate[1]) === 0 ? 'discard' : `rate-limit:${rate[1]}`;
  const redirect = /^redirect:(\d+):(\d+)$/.exec(s);
  if (redirect) return `redirect:${redirect[1]}:${redirect[2]}`;
  const mark = /^mark\s*:?\s*(\d+)$/.exec(s);
  if (mark) return `mark:${mark[1]}`;
  return s;
}

export function exabgpFlow(key: string, e: RibEntry): FlowRoute {
  const components: Record<string, string> = {};
  for (const [name, value] of Object.entries(e.nlri)) {
    if (name === 'string' || !Array.isArray(value)) continue;
    addComponent(components, name, value.map(String).join(' '));
  }
  return { raw: key, components, actions: exabgpRoute(key, e).extCommunities.map(flowAction) };
}
