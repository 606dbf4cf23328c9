/**
 * The canonical printer: writes a configuration model back as text in one fixed style (two
 * spaces of indentation, one statement per line, routes on one line, asdot and community names
 * normalised). Parsing the printed text gives back an equal model (spans aside): `validate
 * --print` and the golden tests rely on it.
 */

import { WELL_KNOWN_COMMUNITIES } from '../command/grammar/attribute.js';
import type {
  Api,
  AttributeValue,
  Config,
  FlowRoute,
  FlowStatement,
  Neighbor,
  NeighborItem,
  Process,
  Route,
  Setting,
  Value,
} from './model.js';
import { quote, quoteString } from './parse-core.js';

const COMMUNITY_NAMES = new Map<number, string>();
for (const [name, value] of Object.entries(WELL_KNOWN_COMMUNITIES))
  if (!COMMUNITY_NAMES.has(value) && !name.includes('_')) COMMUNITY_NAMES.set(value, name);

/** Settings whose value is a secret: printed as REDACTED unless asked for. */
const SECRET_SETTINGS = new Set(['md5-password']);
/** What `validate --print` writes in place of a secret (it re-parses, as a wrong key). */
export const REDACTED = '(redacted: use --show-secrets)';

export interface PrintOptions {
  /** Print secrets (md5-password) as written; otherwise they are replaced by REDACTED. */
  readonly showSecrets?: boolean;
}

/** Text is handed to `write` in pieces of about this many characters. */
const PIECE_CHARS = 1 << 16;

/** Lines out, gathered into pieces: a million-route file is never one array of lines. */
class Out {
  private piece: string[] = [];
  private size = 0;
  private indent = '';
  constructor(
    private readonly write: (text: string) => void,
    readonly redact = false,
  ) {}
  line(text: string): void {
    const line = `${this.indent}${text}\n`;
    this.piece.push(line);
    this.size += line.length;
    if (this.size >= PIECE_CHARS) this.flush();
  }
  flush(): void {
    if (this.piece.length > 0) this.write(this.piece.join(''));
    this.piece = [];
    this.size = 0;
  }
  block(head: string, body: () => void): void {
    this.line(`${head} {`);
    const saved = this.indent;
    this.indent += '  ';
    body();
    this.indent = saved;
    this.line('}');
  }
}

function valueText(key: string, v: Value): string {
  switch (v.type) {
    case 'boolean':
      return String(v.value);
    case 'number':
      return String(v.value);
    case 'word':
      return quote(v.value);
    case 'string':
      return quoteString(v.value);
    case 'list':
      if (key === 'run' || v.values.length === 1) return v.values.map(quote).join(' ');
      return `[ ${v.values.map(quote).join(' ')} ]`;
  }
}

function setting(out: Out, s: Setting): void {
  const text = out.redact && SECRET_SETTINGS.has(s.key) ? quoteString(REDACTED) : valueText(s.key, s.value);
  out.line(`${s.key} ${text};`);
}

function settings(out: Out, list: readonly Setting[]): void {
  for (const s of list) setting(out, s);
}

function community(v: number): string {
  return COMMUNITY_NAMES.get(v) ?? `${Math.floor(v / 65536)}:${v % 65536}`;
}

const list = (values: readonly string[]): string => (values.length === 0 ? '[ ]' : `[ ${values.join(' ')} ]`);

/** One attribute as `keyword value` (or the keyword alone). */
export function attributeText(v: AttributeValue): string {
  switch (v.kind) {
    case 'next-hop':
      return `next-hop ${quote(v.address)}`;
    case 'origin':
      return `origin ${v.origin}`;
    case 'med':
    case 'local-preference':
    case 'aigp':
    case 'path-information':
      return `${v.kind} ${v.value}`;
    case 'split':
      return `split /${v.value}`;
    case 'as-path':
      return `as-path ${list(v.segments.map((s) => (s.type === 'set' ? `( ${s.asns.join(' ')} )` : s.asns.join(' '))))}`;
    case 'atomic-aggregate':
    case 'withdraw':
      return v.kind;
    case 'aggregator':
      return `aggregator ( ${v.asn}:${quote(v.address)} )`;
    case 'originator-id':
      return `originator-id ${quote(v.address)}`;
    case 'cluster-list':
      return `cluster-list ${list(v.ids.map(quote))}`;
    case 'community':
      return `community ${list(v.values.map(community))}`;
    case 'large-community':
      return `large-community ${list(v.values.map((c) => c.join(':')))}`;
    case 'extended-community':
      return `extended-community ${list(
        v.values.map((c) =>
          quote(c.type === 'raw' ? `0x${c.value}` : c.value === '' ? c.type : `${c.type}:${c.value}`),
        ),
      )}`;
    case 'rd':
      return `rd ${quote(v.value)}`;
    case 'label':
      return `label ${list(v.labels.map(String))}`;
    case 'generic':
      return `attribute [ 0x${v.code.toString(16)} 0x${v.flags.toString(16)} 0x${v.data} ]`;
    case 'name':
    case 'watchdog':
      return `${v.kind} ${quote(v.value)}`;
    case 'prefix-sid':
      return `${v.keyword} ${v.text}`;
    case 'field':
      return v.value === undefined ? v.name : `${v.name} ${quote(v.value)}`;
  }
}

function routeLine(r: Route): string {
  const head = [r.keyword];
  if (r.name !== undefined) head.push(quote(r.name));
  if (r.prefix !== undefined) head.push(quote(r.prefix));
  for (const a of r.attributes) head.push(attributeText(a));
  return `${head.join(' ')};`;
}

function flowStatements(out: Out, head: string, list: readonly FlowStatement[]): void {
  if (list.length === 0 && head !== 'match') return;
  out.block(head, () => {
    for (const s of list) out.line(s.text === '' ? `${s.name};` : `${s.name} ${s.text};`);
  });
}

function flowRoute(out: Out, r: FlowRoute): void {
  out.block(r.name === undefined ? 'route' : `route ${quote(r.name)}`, () => {
    for (const a of r.attributes) out.line(`${attributeText(a)};`);
    flowStatements(out, 'match', r.match);
    flowStatements(out, 'then', r.then);
    flowStatements(out, 'scope', r.scope);
  });
}

function announce(out: Out, routes: readonly Route[]): void {
  out.block('announce', () => {
    let i = 0;
    while (i < routes.length) {
      const afi = routes[i]!.afi ?? 'ipv4';
      out.block(afi, () => {
        while (i < routes.length && (routes[i]!.afi ?? 'ipv4') === afi) out.line(routeLine(routes[i++]!));
      });
    }
  });
}

function api(out: Out, a: Api): void {
  out.block(a.name === undefined ? 'api' : `api ${quote(a.name)}`, () => {
    for (const s of a.settings) setting(out, s);
    for (const d of [a.send, a.receive]) if (d) out.block(d.kind, () => settings(out, d.settings));
  });
}

function neighborItem(out: Out, item: NeighborItem): void {
  switch (item.kind) {
    case 'setting':
      setting(out, item);
      return;
    case 'family':
    case 'add-path':
      out.block(item.kind, () => {
        for (const e of item.entries)
          out.line(`${[e.afi, e.safi, e.direction].filter((x) => x !== undefined).join(' ')};`);
      });
      return;
    case 'capability':
      out.block('capability', () => settings(out, item.settings));
      return;
    case 'nexthop':
      out.block('nexthop', () => {
        for (const e of item.entries) out.line(`${e.afi} ${e.safi} ${e.nexthopAfi};`);
      });
      return;
    case 'api':
      api(out, item);
      return;
    case 'static':
    case 'l2vpn':
      out.block(item.kind, () => {
        for (const r of item.routes) out.line(routeLine(r));
      });
      return;
    case 'announce':
      announce(out, item.routes);
      return;
    case 'flow':
      out.block('flow', () => {
        for (const r of item.routes) flowRoute(out, r);
      });
      return;
    case 'operational':
      flowStatements(out, 'operational', item.messages);
      return;
    case 'process':
      process(out, item);
      return;
    case 'neighbor':
    case 'template':
    case 'group':
      neighbor(out, item);
      return;
  }
}

function process(out: Out, p: Process): void {
  out.block(`process ${quote(p.name)}`, () => settings(out, p.settings));
}

function neighbor(out: Out, n: Neighbor): void {
  const head = n.kind === 'group' ? 'group' : 'neighbor';
  out.block(`${head} ${quote(n.name)}`, () => {
    for (const item of n.items) neighborItem(out, item);
  });
}

/** The canonical text of a configuration (secrets included unless `showSecrets` is false). */
export function printConfig(config: Config, options: PrintOptions = { showSecrets: true }): string {
  const pieces: string[] = [];
  printConfigTo(config, (text) => pieces.push(text), options);
  return pieces.join('');
}

/** The canonical text of a configuration, handed to `write` piece by piece, in order. */
export function printConfigTo(
  config: Config,
  write: (text: string) => void,
  options: PrintOptions = { showSecrets: true },
): void {
  const out = new Out(write, !options.showSecrets);
  // An empty configuration prints as one empty line, as it always has.
  if (config.items.length === 0) out.line('');
  config.items.forEach((item, i) => {
    if (i > 0) out.line('');
    if (item.kind === 'process') process(out, item);
    else if (item.kind === 'template') out.block('template', () => neighbor(out, item));
    else neighbor(out, item);
  });
  out.flush();
}
