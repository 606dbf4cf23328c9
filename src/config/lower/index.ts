/**
 * Lowering: a parsed configuration (config/model.ts) -> the neighbors and processes the daemon
 * runs (config/lower/model.ts). Templates, `inherit` and legacy groups are resolved, defaults
 * filled in, and every route is lowered to wire values through the command layer (one grammar,
 * one lowering for configuration and API). Never throws: problems are diagnostics with spans.
 */
import { createInterner, type Interner } from '../../command/lower/attributes.js';
import { createSink, type Diagnostic } from '../diagnostic.js';
import type { Config, Neighbor, NeighborItem, Process } from '../model.js';
import { parseAsn } from '../parse-value.js';
import type { LoweredConfig, NeighborConfig, ProcessConfig } from './model.js';
import { DEFAULT_HOLD_TIME_SECONDS } from './model.js';
import {
  addPathFamilies,
  apiBindings,
  bool,
  capability,
  families,
  layerItems,
  layers,
  nexthops,
  num,
  type Settings,
  settingsOf,
  text,
} from './neighbor.js';
import { neighborRoutes, type RouteLowering } from './routes.js';

export interface LowerResult {
  readonly config: LoweredConfig;
  readonly diagnostics: readonly Diagnostic[];
}

function asn(s: Settings, key: string): number | undefined {
  const v = s.get(key);
  if (v?.type === 'number') return v.value;
  const t = text(v);
  if (t === undefined || t === 'auto') return undefined;
  const n = parseAsn(t);
  return Number.isNaN(n) ? undefined : n;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

function word(s: Settings, key: string): string | undefined {
  const t = text(s.get(key));
  return t === undefined || t === 'auto' ? undefined : t;
}

function ttl(s: Settings, key: string): number | undefined {
  return num(s.get(key));
}

function neighborConfig(n: Neighbor, items: readonly NeighborItem[], l: RouteLowering): NeighborConfig {
  const s = settingsOf(items);
  const holdTimeSeconds = num(s.get('hold-time')) ?? DEFAULT_HOLD_TIME_SECONDS;
  const cap = capability(items, s, holdTimeSeconds);
  const fams = families(items);
  const localAddress = word(s, 'local-address');
  const routerId = word(s, 'router-id') ?? (localAddress?.includes('.') ? localAddress : undefined);
  return {
    peerAddress: word(s, 'peer-address') ?? n.name,
    ...optional('localAddress', localAddress),
    description: text(s.get('description')) ?? '',
    ...optional('routerId', routerId),
    ...optional('localAs', asn(s, 'local-as')),
    ...optional('peerAs', asn(s, 'peer-as')),
    holdTimeSeconds,
    rateLimit: num(s.get('rate-limit')) ?? 0,
    passive: bool(s.get('passive'), false),
    listen: num(s.get('listen')) ?? 0,
    connect: num(s.get('connect')) ?? 0,
    ...optional('outgoingTtl', ttl(s, 'outgoing-ttl') ?? ttl(s, 'ttl-security')),
    ...optional('incomingTtl', ttl(s, 'incoming-ttl')),
    ...optional('md5Password', text(s.get('md5-password'))),
    md5Base64: bool(s.get('md5-base64'), false),
    ...optional('md5Ip', word(s, 'md5-ip')),
    ...optional('maximumPrefix', num(s.get('maximum-prefix'))),
    ...optional('maximumPrefixRestartSeconds', num(s.get('maximum-prefix-restart'))),
    ...optional('sourceInterface', text(s.get('source-interface'))),
    ...optional('hostName', text(s.get('host-name'))),
    ...optional('domainName', text(s.get('domain-name'))),
    groupUpdates: bool(s.get('group-updates'), true),
    autoFlush: bool(s.get('auto-flush'), true),
    adjRibIn: bool(s.get('adj-rib-in'), true),
    adjRibOut: bool(s.get('adj-rib-out'), true),
    manualEor: bool(s.get('manual-eor'), false),
    families: fams,
    capability: cap,
    addPath: addPathFamilies(items, cap, fams),
    nexthop: nexthops(items),
    api: apiBindings(items),
    routes: neighborRoutes(l, items),
    operational: items.flatMap((i) =>
      i.kind === 'operational' ? i.messages.map((m) => ({ name: m.name, text: m.text })) : [],
    ),
    span: n.span,
  };
}

function processConfig(p: Process): ProcessConfig {
  const s = settingsOf(p.settings);
  const run = s.get('run');
  return {
    name: p.name,
    run: run?.type === 'list' ? [...run.values] : text(run) !== undefined ? [text(run)!] : [],
    encoder: text(s.get('encoder')) === 'json' ? 'json' : 'text',
    respawn: bool(s.get('respawn'), true),
  };
}

/** Every process: top level, and (legacy) inside neighbors and groups. */
function processes(config: Config): ProcessConfig[] {
  const out = new Map<string, ProcessConfig>();
  const visit = (items: readonly (NeighborItem | Process | Neighbor)[]): void => {
    for (const item of items) {
      if (item.kind === 'process') out.set(item.name, processConfig(item));
      else if (item.kind === 'neighbor' || item.kind === 'group' || item.kind === 'template')
        visit(item.items);
    }
  };
  visit(config.items);
  return [...out.values()];
}

/** Lowers a parsed configuration. `interner` may be shared with the API so lists are shared too. */
export function lowerConfig(config: Config, interner: Interner = createInterner()): LowerResult {
  const sink = createSink();
  const l: RouteLowering = { interner, sink, done: new Map() };
  const templates = new Map<string, Neighbor>();
  for (const item of config.items) if (item.kind === 'template') templates.set(item.name, item);
  const neighbors: NeighborConfig[] = [];
  for (const item of config.items) {
    if (item.kind === 'neighbor')
      neighbors.push(neighborConfig(item, layerItems(layers(item, templates)), l));
    else if (item.kind === 'group') {
      for (const sub of item.items)
        if (sub.kind === 'neighbor')
          neighbors.push(neighborConfig(sub, layerItems(layers(sub, templates, item)), l));
    }
  }
  return { config: { neighbors, processes: processes(config) }, diagnostics: sink.list };
}
