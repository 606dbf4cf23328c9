/**
 * A neighbor's settings resolved: the layers that apply to it (its group, the templates named
 * by `inherit`, itself — later layers win for settings, sections add up), and the conversion
 * of settings and family/capability/add-path/nexthop/api sections into NeighborConfig fields.
 */

import { table } from '../../wire/lookup.js';
import { type FamilyKey, familyKey, parseFamily } from '../../wire/nlri/family.js';
import { knownFamilies } from '../../wire/nlri/registry.js';
import type { Api, FamilyEntry, Neighbor, NeighborItem, Setting, Value } from '../model.js';
import type {
  AddPathDirection,
  AddPathFamily,
  ApiBinding,
  CapabilityConfig,
  NexthopConfig,
} from './model.js';

/** Template inheritance deeper than this is refused (a cycle is skipped anyway). */
const MAX_INHERIT_DEPTH = 32;

/** The blocks that apply to `n`, outermost first: group's templates, group, own templates, n. */
export function layers(n: Neighbor, templates: ReadonlyMap<string, Neighbor>, group?: Neighbor): Neighbor[] {
  const out: Neighbor[] = [];
  const seen = new Set<string>();
  const add = (b: Neighbor, depth: number): void => {
    if (depth > MAX_INHERIT_DEPTH) return;
    for (const item of b.items) {
      if (item.kind !== 'setting' || item.key !== 'inherit' || item.value.type !== 'list') continue;
      for (const name of item.value.values) {
        const t = templates.get(name);
        if (!t || seen.has(name)) continue;
        seen.add(name);
        add(t, depth + 1);
      }
    }
    out.push(b);
  };
  if (group) add(group, 0);
  add(n, 0);
  return out;
}

/** Every item of the layers, in order (neighbors of a group left out). */
export function layerItems(list: readonly Neighbor[]): NeighborItem[] {
  const out: NeighborItem[] = [];
  for (const b of list) for (const item of b.items) if (item.kind !== 'neighbor') out.push(item);
  return out;
}

export type Settings = ReadonlyMap<string, Value>;

export function settingsOf(items: readonly NeighborItem[]): Map<string, Value> {
  const out = new Map<string, Value>();
  for (const item of items) if (item.kind === 'setting') out.set(item.key, item.value);
  return out;
}

export function text(v: Value | undefined): string | undefined {
  if (!v) return undefined;
  if (v.type === 'word' || v.type === 'string') return v.value;
  if (v.type === 'number') return String(v.value);
  if (v.type === 'list') return v.values.join(' ');
  return undefined;
}

export function num(v: Value | undefined): number | undefined {
  return v?.type === 'number' ? v.value : undefined;
}

export function bool(v: Value | undefined, fallback: boolean): boolean {
  if (v?.type === 'boolean') return v.value;
  if (v?.type === 'number') return v.value !== 0;
  return fallback;
}

/**
 * Graceful restart time: `graceful-restart N` is N seconds; `graceful-restart;` (or `true`)
 * means the hold time, as ExaBGP 3.x did; `false`/`disable` turns it off.
 */
export function gracefulRestart(v: Value | undefined, holdTime: number): number | undefined {
  if (v === undefined) return undefined;
  if (v.type === 'number') return v.value;
  if (v.type === 'boolean') return v.value ? holdTime : undefined;
  return undefined;
}

const SAFI_ALIASES: Readonly<Record<string, string>> = table({ 'labeled-unicast': 'nlri-mpls' });

function entryFamilies(e: FamilyEntry, known: readonly FamilyKey[]): FamilyKey[] {
  if (e.afi === 'all') return [...known];
  if (e.afi === 'minimal') return [familyKey(1, 1), familyKey(2, 1)];
  if (e.safi === undefined) {
    const afi = parseFamily(`${e.afi} unicast`)?.afi;
    return afi === undefined ? [] : known.filter((f) => f >> 8 === afi);
  }
  const f = parseFamily(`${e.afi} ${SAFI_ALIASES[e.safi] ?? e.safi}`);
  return f ? [familyKey(f.afi, f.safi)] : [];
}

/** Families from the last `family { }` block of the layers; every known family when none. */
export function families(items: readonly NeighborItem[]): FamilyKey[] {
  const known = knownFamilies();
  let block: FamilyEntry[] | undefined;
  for (const item of items) if (item.kind === 'family') block = [...item.entries];
  if (!block) return known;
  const out = new Set<FamilyKey>();
  for (const e of block) for (const f of entryFamilies(e, known)) out.add(f);
  return [...out];
}

function direction(text: string | undefined): AddPathDirection | undefined {
  if (text === undefined) return 'send/receive';
  if (text === 'send' || text === 'receive' || text === 'send/receive') return text;
  if (text === 'receive/send') return 'send/receive';
  return undefined;
}

export function capability(items: readonly NeighborItem[], s: Settings, holdTime: number): CapabilityConfig {
  const c = new Map<string, Value>();
  // 3.x wrote capabilities in the neighbor itself; the capability block wins when both are given.
  for (const key of ['graceful-restart', 'multi-session', 'route-refresh', 'add-path']) {
    const v = s.get(key);
    if (v) c.set(key, v);
  }
  for (const item of items)
    if (item.kind === 'capability') for (const st of item.settings) c.set(st.key, st.value);
  const gr = gracefulRestart(c.get('graceful-restart'), holdTime);
  const addPath = direction(text(c.get('add-path')) ?? 'disable');
  const nexthopBlock = items.some((i) => i.kind === 'nexthop');
  return {
    asn4: bool(c.get('asn4'), true),
    extendedMessage: bool(c.get('extended-message'), true),
    routeRefresh: bool(c.get('route-refresh'), false),
    ...(gr !== undefined ? { gracefulRestartSeconds: gr } : {}),
    multiSession: bool(c.get('multi-session'), false),
    operational: bool(c.get('operational'), false),
    aigp: bool(c.get('aigp'), false),
    softwareVersion: bool(c.get('software-version'), false),
    nexthop: bool(c.get('nexthop'), nexthopBlock),
    ...(addPath ? { addPath } : {}),
  };
}

/** Add-path per family: the `add-path { }` entries, else the capability's direction for every family. */
export function addPathFamilies(
  items: readonly NeighborItem[],
  cap: CapabilityConfig,
  fams: readonly FamilyKey[],
): AddPathFamily[] {
  if (!cap.addPath) return [];
  const out: AddPathFamily[] = [];
  let blocks = false;
  for (const item of items) {
    if (item.kind !== 'add-path') continue;
    blocks = true;
    for (const e of item.entries) {
      const dir = direction(e.direction) ?? cap.addPath;
      for (const family of entryFamilies(e, fams))
        if (fams.includes(family)) out.push({ family, direction: dir });
    }
  }
  return blocks ? out : fams.map((family) => ({ family, direction: cap.addPath! }));
}

export function nexthops(items: readonly NeighborItem[]): NexthopConfig[] {
  const out: NexthopConfig[] = [];
  for (const item of items) {
    if (item.kind !== 'nexthop') continue;
    for (const e of item.entries) {
      const f = parseFamily(`${e.afi} ${SAFI_ALIASES[e.safi] ?? e.safi}`);
      const nh = parseFamily(`${e.nexthopAfi} unicast`);
      if (f && nh) out.push({ family: familyKey(f.afi, f.safi), nexthopAfi: nh.afi });
    }
  }
  return out;
}

function switches(settings: readonly Setting[] | undefined): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const s of settings ?? []) out[s.key] = bool(s.value, true);
  return out;
}

function list(v: Value | undefined): string[] {
  if (v?.type === 'list') return [...v.values];
  const t = text(v);
  return t === undefined ? [] : [t];
}

function apiBinding(a: Api): ApiBinding {
  const s = settingsOf(a.settings);
  return {
    ...(a.name !== undefined ? { name: a.name } : {}),
    processes: list(s.get('processes')),
    processesMatch: list(s.get('processes-match')),
    neighborChanges: bool(s.get('neighbor-changes'), false),
    negotiated: bool(s.get('negotiated'), false),
    fsm: bool(s.get('fsm'), false),
    signal: bool(s.get('signal'), false),
    send: switches(a.send?.settings),
    receive: switches(a.receive?.settings),
  };
}

/** api blocks, and 3.x `process NAME { }` inside a neighbor (bound to that neighbor). */
export function apiBindings(items: readonly NeighborItem[]): ApiBinding[] {
  const out: ApiBinding[] = [];
  for (const item of items) {
    if (item.kind === 'api') out.push(apiBinding(item));
    else if (item.kind === 'process')
      out.push({
        name: item.name,
        processes: [item.name],
        processesMatch: [],
        neighborChanges: false,
        negotiated: false,
        fsm: false,
        signal: false,
        send: {},
        receive: {},
      });
  }
  return out;
}
