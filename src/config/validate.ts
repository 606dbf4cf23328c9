/**
 * The semantic pass over a parsed configuration: required fields (after template and group
 * inheritance), duplicates, references to processes and templates, value ranges and address
 * syntax. Every problem is collected; nothing stops at the first. Legacy forms that bgpknife
 * still accepts (3.x groups, processes inside neighbors, capabilities written in the neighbor,
 * `redirect IP:NN`) get a note naming the modern form.
 */
import { createSink, type Diagnostic, type DiagnosticSink } from './diagnostic.js';
import { isIP, isIPv4 } from './ip.js';
import type { Config, Neighbor, NeighborItem, Process, Setting } from './model.js';
import { LEGACY_NEIGHBOR_CAPABILITIES } from './parse-value.js';
import type { Span } from './span.js';
import { checkFamily, checkNexthop, checkRoutes } from './validate-sections.js';

interface Context {
  readonly sink: DiagnosticSink;
  readonly processes: ReadonlyMap<string, Process>;
  readonly templates: ReadonlyMap<string, Neighbor>;
}

/** The span of a block's first word (its keyword): where block-level errors point. */
export function headSpan(span: Span, keyword: string): Span {
  return {
    file: span.file,
    line: span.line,
    col: span.col,
    endLine: span.line,
    endCol: span.col + keyword.length,
  };
}

/** A block's own settings, the last one of each key winning. */
export function ownSettings(n: Neighbor): Map<string, Setting> {
  const out = new Map<string, Setting>();
  for (const item of n.items) if (item.kind === 'setting') out.set(item.key, item);
  return out;
}

function inherited(
  n: Neighbor,
  templates: ReadonlyMap<string, Neighbor>,
  seen: Set<string>,
): Map<string, Setting> {
  const out = new Map<string, Setting>();
  const own = ownSettings(n);
  const inherit = own.get('inherit')?.value;
  if (inherit?.type === 'list') {
    for (const name of inherit.values) {
      const t = templates.get(name);
      if (!t || seen.has(name)) continue;
      seen.add(name);
      for (const [k, v] of inherited(t, templates, seen)) out.set(k, v);
    }
  }
  for (const [k, v] of own) out.set(k, v);
  return out;
}

/** Settings in force for a neighbor: its group's, then its templates', then its own. */
export function effectiveSettings(
  n: Neighbor,
  templates: ReadonlyMap<string, Neighbor>,
  group?: Neighbor,
): Map<string, Setting> {
  const out = group ? inherited(group, templates, new Set()) : new Map<string, Setting>();
  for (const [k, v] of inherited(n, templates, new Set())) out.set(k, v);
  return out;
}

function rangeCheck(sink: DiagnosticSink, s: Setting, min: number, max: number, zeroOk = false): void {
  if (s.value.type !== 'number') return;
  const v = s.value.value;
  if ((v < min || v > max) && !(zeroOk && v === 0)) {
    sink.error(s.span, `${s.key} ${v} is out of range`, [`${zeroOk ? '0 or ' : ''}${min}..${max}`]);
  }
}

function addressCheck(sink: DiagnosticSink, s: Setting, v4only: boolean, auto = false): void {
  if (s.value.type !== 'word' && s.value.type !== 'string') return;
  const text = s.value.value;
  if (auto && text === 'auto') return;
  if (v4only ? isIPv4(text) : isIP(text)) return;
  sink.error(s.span, `invalid ${v4only ? 'IPv4 ' : 'IP '}address '${text}' for ${s.key}`);
}

function checkSetting(ctx: Context, s: Setting): void {
  const sink = ctx.sink;
  switch (s.key) {
    case 'hold-time':
      rangeCheck(sink, s, 3, 65535, true);
      return;
    case 'listen':
    case 'connect':
      rangeCheck(sink, s, 1, 65535);
      return;
    case 'outgoing-ttl':
    case 'incoming-ttl':
    case 'ttl-security':
      rangeCheck(sink, s, 1, 255);
      return;
    case 'maximum-prefix':
      rangeCheck(sink, s, 1, 4294967295);
      return;
    case 'maximum-prefix-restart':
      rangeCheck(sink, s, 0, 86400);
      return;
    case 'router-id':
      addressCheck(sink, s, true);
      return;
    case 'local-address':
      addressCheck(sink, s, false, true);
      return;
    case 'peer-address':
    case 'md5-ip':
      addressCheck(sink, s, false);
      return;
    case 'md5-password':
      if (s.value.type === 'string' && s.value.value.length > 80)
        sink.error(s.span, 'md5-password is longer than 80 characters (RFC 2385 keys are at most 80)');
      return;
    case 'graceful-restart':
      rangeCheck(sink, s, 0, 4095);
      return;
    case 'inherit':
      if (s.value.type === 'list')
        for (const name of s.value.values)
          if (!ctx.templates.has(name))
            sink.error(s.span, `unknown template '${name}'`, [...ctx.templates.keys()].slice(0, 10));
      return;
  }
}

function checkLegacySetting(sink: DiagnosticSink, s: Setting): void {
  if (LEGACY_NEIGHBOR_CAPABILITIES.has(s.key) || s.key === 'add-path') {
    sink.note(
      s.span,
      `'${s.key}' in a neighbor is a legacy form: ExaBGP 4.2+ writes capability { ${s.key} ...; }`,
    );
  }
}

const ADD_PATH = new Set(['send', 'receive', 'send/receive', 'disable', 'disabled']);

function checkCapability(ctx: Context, settings: readonly Setting[]): void {
  for (const s of settings) {
    if (s.key === 'graceful-restart') rangeCheck(ctx.sink, s, 0, 4095);
    if (s.key === 'add-path' && s.value.type === 'word' && !ADD_PATH.has(s.value.value))
      ctx.sink.error(s.span, `invalid add-path '${s.value.value}'`, [...ADD_PATH].slice(0, 4));
  }
}

function checkApiSetting(ctx: Context, s: Setting): void {
  if (s.value.type !== 'list') return;
  if (s.key === 'processes') {
    for (const name of s.value.values)
      if (!ctx.processes.has(name))
        ctx.sink.error(s.span, `unknown process '${name}'`, [...ctx.processes.keys()].slice(0, 10));
  } else if (s.key === 'processes-match') {
    for (const re of s.value.values) {
      try {
        new RegExp(re);
      } catch {
        ctx.sink.error(s.span, `invalid regular expression '${re}'`);
      }
    }
  }
}

export function checkProcess(sink: DiagnosticSink, p: Process, legacy: boolean): void {
  const keys = new Map(p.settings.map((s) => [s.key, s]));
  if (!keys.has('run')) sink.error(headSpan(p.span, 'process'), `process '${p.name}' has no 'run' command`);
  const encoder = keys.get('encoder');
  if (encoder?.value.type === 'word' && encoder.value.value !== 'text' && encoder.value.value !== 'json')
    sink.error(encoder.span, `invalid encoder '${encoder.value.value}'`, ['text', 'json']);
  if (legacy)
    sink.note(
      headSpan(p.span, 'process'),
      `a process inside a neighbor is a legacy form: ExaBGP 4.2+ defines 'process ${p.name}' at the top level and names it in api { processes [ ${p.name} ]; }`,
    );
}

function checkItem(ctx: Context, item: NeighborItem): void {
  switch (item.kind) {
    case 'setting':
      checkSetting(ctx, item);
      checkLegacySetting(ctx.sink, item);
      return;
    case 'capability':
      checkCapability(ctx, item.settings);
      return;
    case 'family':
    case 'add-path':
      checkFamily(ctx.sink, item);
      return;
    case 'nexthop':
      checkNexthop(ctx.sink, item);
      return;
    case 'api':
      for (const s of item.settings) checkApiSetting(ctx, s);
      return;
    case 'process':
      checkProcess(ctx.sink, item, true);
      return;
    case 'static':
    case 'announce':
    case 'flow':
    case 'l2vpn':
    case 'operational':
      checkRoutes(ctx.sink, item);
      return;
    case 'neighbor':
    case 'template':
    case 'group':
      return;
  }
}

function checkRequired(ctx: Context, n: Neighbor, group?: Neighbor): void {
  const eff = effectiveSettings(n, ctx.templates, group);
  const at = headSpan(n.span, 'neighbor');
  const address = n.name.split('/')[0] ?? '';
  if (!isIP(address)) ctx.sink.error(at, `invalid peer address '${n.name}'`);
  for (const key of ['local-as', 'peer-as']) {
    if (!eff.has(key)) ctx.sink.error(at, `neighbor ${n.name} has no ${key}`, [`${key} ASN;`]);
  }
  const local = eff.get('local-address')?.value;
  const localV4 = (local?.type === 'word' || local?.type === 'string') && isIPv4(local.value);
  if (!eff.has('router-id') && !localV4 && !isIPv4(address))
    ctx.sink.error(at, `neighbor ${n.name} needs a router-id (no IPv4 local-address to take it from)`, [
      'router-id A.B.C.D;',
    ]);
}

function neighborKey(n: Neighbor, templates: ReadonlyMap<string, Neighbor>, group?: Neighbor): string {
  const local = effectiveSettings(n, templates, group).get('local-address')?.value;
  return `${n.name} ${local && 'value' in local ? String(local.value) : ''}`;
}

function collect(config: Config, sink: DiagnosticSink): Context {
  const processes = new Map<string, Process>();
  const templates = new Map<string, Neighbor>();
  const addProcess = (p: Process): void => {
    if (processes.has(p.name))
      sink.error(headSpan(p.span, 'process'), `process '${p.name}' is defined twice`);
    processes.set(p.name, p);
  };
  for (const item of config.items) {
    if (item.kind === 'process') addProcess(item);
    else if (item.kind === 'template') {
      if (templates.has(item.name))
        sink.error(headSpan(item.span, 'neighbor'), `template '${item.name}' is defined twice`);
      templates.set(item.name, item);
    }
    if (item.kind !== 'process') {
      for (const sub of item.items) if (sub.kind === 'process') addProcess(sub);
      for (const sub of item.items)
        if (sub.kind === 'neighbor') for (const p of sub.items) if (p.kind === 'process') addProcess(p);
    }
  }
  return { sink, processes, templates };
}

function checkNeighbor(ctx: Context, n: Neighbor, seen: Map<string, Neighbor>, group?: Neighbor): void {
  for (const item of n.items) checkItem(ctx, item);
  checkRequired(ctx, n, group);
  const key = neighborKey(n, ctx.templates, group);
  const first = seen.get(key);
  if (first)
    ctx.sink.error(
      headSpan(n.span, 'neighbor'),
      `neighbor ${n.name} is defined twice (first at line ${first.span.line})`,
    );
  else seen.set(key, n);
}

/** Validates a parsed configuration; returns every diagnostic found. */
export function validateConfig(config: Config): Diagnostic[] {
  const sink = createSink();
  const ctx = collect(config, sink);
  const seen = new Map<string, Neighbor>();
  for (const item of config.items) {
    if (item.kind === 'process') checkProcess(sink, item, false);
    else if (item.kind === 'template') for (const sub of item.items) checkItem(ctx, sub);
    else if (item.kind === 'neighbor') checkNeighbor(ctx, item, seen);
    else if (item.kind === 'group') {
      sink.note(
        headSpan(item.span, 'group'),
        `'group' is a legacy form: ExaBGP 4.2+ writes template { neighbor ${item.name} { ... } } and 'inherit ${item.name};' in each neighbor`,
      );
      for (const sub of item.items) {
        if (sub.kind === 'neighbor') checkNeighbor(ctx, sub, seen, item);
        else checkItem(ctx, sub);
      }
    }
  }
  return sink.list;
}
