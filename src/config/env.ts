/**
 * Runtime settings, read the way ExaBGP reads them: an `exabgp.env` INI file (sections
 * `[exabgp.tcp]`, `[exabgp.api]` ..., `name = value`), overridden by environment variables
 * spelled `exabgp.tcp.port` or `exabgp_tcp_port` (the dotted spelling wins when both are set).
 * bgpknife's own settings live under `bgpknife.*` the same way. Pure: the caller passes the
 * file's text and the environment.
 */
import { createSink, type Diagnostic, type DiagnosticSink } from './diagnostic.js';
import { SETTINGS, type SettingDef, settingName } from './env-table.js';
import { isIP } from './ip.js';
import type { Span } from './span.js';

export { SETTINGS, type SettingDef, settingName } from './env-table.js';

export type SettingValue = boolean | number | string | readonly string[];
export type SettingSource = 'default' | 'file' | 'environment';

export interface ResolvedSetting {
  readonly def: SettingDef;
  readonly value: SettingValue;
  readonly source: SettingSource;
}

/** Every setting by dotted name (exabgp.tcp.port). */
export type Settings = ReadonlyMap<string, ResolvedSetting>;

export interface IniEntry {
  readonly value: string;
  readonly span: Span;
}

const TRUE = new Set(['1', 'yes', 'on', 'enable', 'enabled', 'true']);
const FALSE = new Set(['0', 'no', 'off', 'disable', 'disabled', 'false', '']);
const LEVELS = ['EMERG', 'ALERT', 'CRIT', 'CRITICAL', 'ERR', 'ERROR', 'WARNING', 'NOTICE', 'INFO', 'DEBUG'];

function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

/** Parses INI text into `section -> name -> entry` (names lower-cased, as ConfigParser does). */
export function parseIni(
  text: string,
  file: string,
  sink: DiagnosticSink,
): Map<string, Map<string, IniEntry>> {
  const out = new Map<string, Map<string, IniEntry>>();
  let section: Map<string, IniEntry> | undefined;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    const line = raw.trim();
    const col = raw.length - raw.trimStart().length + 1;
    const span: Span = { file, line: i + 1, col, endLine: i + 1, endCol: col + Math.max(1, line.length) };
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    if (line.startsWith('[')) {
      if (!line.endsWith(']')) sink.error(span, 'a section header ends with ]', ["'[exabgp.SECTION]'"]);
      const name = line.slice(1, line.endsWith(']') ? -1 : undefined).trim();
      section = out.get(name) ?? new Map<string, IniEntry>();
      out.set(name, section);
      continue;
    }
    const m = /^([^=:]+?)\s*(?:[=:]\s*(.*))?$/.exec(line);
    if (!m || !section) {
      sink.error(span, section ? 'expected name = value' : 'a setting before any [section]');
      continue;
    }
    section.set(m[1]!.toLowerCase(), { value: unquote(m[2] ?? ''), span });
  }
  return out;
}

/** Converts a setting's text to its typed value; undefined when invalid. */
export function convertSetting(def: SettingDef, text: string): SettingValue | undefined {
  const t = unquote(text);
  switch (def.type) {
    case 'boolean':
      if (TRUE.has(t.toLowerCase())) return true;
      return FALSE.has(t.toLowerCase()) ? false : undefined;
    case 'integer':
      return /^-?\d{1,15}$/.test(t) ? Number(t) : undefined;
    case 'real':
      return t !== '' && Number.isFinite(Number(t)) ? Number(t) : undefined;
    case 'string':
      return t;
    case 'ip-list': {
      const list = t.split(/[\s,]+/).filter((s) => s !== '');
      return list.every(isIP) ? list : undefined;
    }
    case 'encoder':
      return t === 'text' || t === 'json' ? t : undefined;
    case 'level':
      return LEVELS.includes(t.toUpperCase()) ? t.toUpperCase() : undefined;
    case 'umask':
      return /^[0-7]{1,4}$/.test(t) ? Number.parseInt(t, 8) : undefined;
    case 'format':
      return t === 'v1' || t === 'v2' ? t : undefined;
    case 'dialect':
      return t === '5.0' || t === '4' ? t : undefined;
  }
}

/** The environment variable names of a setting, the dotted one first. */
export function envNames(def: SettingDef): string[] {
  const dotted = settingName(def);
  const under = dotted.replace(/\./g, '_');
  const names = [dotted, under];
  if (under.includes('-')) names.push(under.replace(/-/g, '_'));
  return names;
}

const ENV_SPAN: Span = { file: '<environment>', line: 1, col: 1, endLine: 1, endCol: 1 };

export interface LoadOptions {
  /** The text of the exabgp.env file, when there is one. */
  readonly iniText?: string;
  readonly iniFile?: string;
  /** process.env, or a test's own table. */
  readonly env: Readonly<Record<string, string | undefined>>;
}

function resolveOne(
  def: SettingDef,
  ini: Map<string, Map<string, IniEntry>>,
  opts: LoadOptions,
  sink: DiagnosticSink,
): ResolvedSetting {
  const fallback = convertSetting(def, def.fallback) ?? def.fallback;
  const sectionName = def.section === '' ? def.app : `${def.app}.${def.section}`;
  const fromEnv = envNames(def)
    .map((n) => opts.env[n])
    .find((v) => v !== undefined);
  const entry = def.section === '' ? undefined : ini.get(sectionName)?.get(def.name);
  const text = fromEnv ?? entry?.value;
  if (text === undefined) return { def, value: fallback, source: 'default' };
  const value = convertSetting(def, text);
  if (value !== undefined) return { def, value, source: fromEnv === undefined ? 'file' : 'environment' };
  sink.error(
    fromEnv === undefined ? entry!.span : ENV_SPAN,
    `invalid ${def.type} '${text}' for ${settingName(def)} (default ${def.fallback || "''"} kept)`,
  );
  return { def, value: fallback, source: 'default' };
}

/** ExaBGP's compatibility rules: tcp.connections sets tcp.attempts; tcp.once means one attempt. */
function aliases(out: Map<string, ResolvedSetting>): void {
  const get = (n: string): ResolvedSetting | undefined => out.get(n);
  const attempts = get('exabgp.tcp.attempts')!;
  const connections = get('exabgp.tcp.connections')!;
  const once = get('exabgp.tcp.once')!;
  if (connections.source !== 'default')
    out.set(settingName(attempts.def), { ...connections, def: attempts.def });
  else if (once.source !== 'default' && attempts.source === 'default')
    out.set(settingName(attempts.def), {
      def: attempts.def,
      value: once.value === true ? 1 : 0,
      source: once.source,
    });
}

function warnUnknown(ini: Map<string, Map<string, IniEntry>>, sink: DiagnosticSink): void {
  const known = new Set(SETTINGS.map(settingName));
  for (const [section, entries] of ini)
    for (const [name, entry] of entries)
      if (!known.has(`${section}.${name}`)) sink.warning(entry.span, `unknown setting ${section}.${name}`);
}

/** Resolves every setting: environment, then file, then default. */
export function loadSettings(opts: LoadOptions): { settings: Settings; diagnostics: Diagnostic[] } {
  const sink = createSink();
  const ini =
    opts.iniText === undefined ? new Map() : parseIni(opts.iniText, opts.iniFile ?? 'exabgp.env', sink);
  warnUnknown(ini, sink);
  const out = new Map<string, ResolvedSetting>();
  for (const def of SETTINGS) out.set(settingName(def), resolveOne(def, ini, opts, sink));
  aliases(out);
  return { settings: out, diagnostics: sink.list };
}

/** A setting's value as it is written in the file. */
export function formatSettingValue(value: SettingValue, def: SettingDef): string {
  if (Array.isArray(value)) return value.join(' ');
  if (def.type === 'umask' && typeof value === 'number') return `0${value.toString(8)}`;
  return String(value);
}

export interface SettingRow {
  readonly name: string;
  readonly value: string;
  readonly fallback: string;
  readonly source: SettingSource;
  readonly help: string;
}

/** Every setting with its value, its default and where the value came from (for `bgpknife env`). */
export function listSettings(settings: Settings): SettingRow[] {
  return [...settings.values()].map((s) => ({
    name: settingName(s.def),
    value: formatSettingValue(s.value, s.def),
    fallback: s.def.fallback,
    source: s.source,
    help: s.def.help,
  }));
}

/** The typed value of one setting by dotted name; throws on a name that is not in the table. */
export function setting(settings: Settings, name: string): SettingValue {
  const s = settings.get(name);
  if (!s) throw new Error(`unknown setting ${name}`);
  return s.value;
}
