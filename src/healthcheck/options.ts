/**
 * `bgpknife healthcheck` options: ExaBGP healthcheck's command line (the same names, short
 * forms and defaults), and its `--config FILE` of `name = value` lines. Pure: parsing only.
 */

import { table } from '../wire/lookup.js';
import { parseIP } from '../wire/nlri/prefix.js';
import type { AnnounceOptions } from './machine.js';

export interface HealthOptions extends AnnounceOptions {
  readonly interval: number;
  readonly fastInterval: number;
  readonly timeoutSeconds: number;
  readonly rise: number;
  readonly fall: number;
  readonly disable?: string;
  readonly command?: string;
  readonly noAck: boolean;
  readonly debounce: boolean;
  readonly silent: boolean;
  readonly debug: boolean;
  readonly name?: string;
  readonly pidFile?: string;
  readonly config?: string;
  readonly execute: readonly string[];
  readonly upExecute: readonly string[];
  readonly downExecute: readonly string[];
  readonly disabledExecute: readonly string[];
  readonly deaggregateNetworks: boolean;
  readonly startIp: number;
  /** Options ExaBGP uses to set up addresses on the host: accepted, never acted on. */
  readonly ignored: readonly string[];
}

type Kind = 'flag' | 'number' | 'integer' | 'string' | 'list' | 'ip' | 'ignored-flag' | 'ignored-value';

interface OptionDef {
  readonly key: string;
  readonly kind: Kind;
}

const OPTIONS: Readonly<Record<string, OptionDef>> = table({
  silent: { key: 'silent', kind: 'flag' },
  s: { key: 'silent', kind: 'flag' },
  debug: { key: 'debug', kind: 'flag' },
  d: { key: 'debug', kind: 'flag' },
  'no-ack': { key: 'noAck', kind: 'flag' },
  a: { key: 'noAck', kind: 'flag' },
  name: { key: 'name', kind: 'string' },
  n: { key: 'name', kind: 'string' },
  config: { key: 'config', kind: 'string' },
  F: { key: 'config', kind: 'string' },
  pid: { key: 'pidFile', kind: 'string' },
  p: { key: 'pidFile', kind: 'string' },
  interval: { key: 'interval', kind: 'number' },
  i: { key: 'interval', kind: 'number' },
  'fast-interval': { key: 'fastInterval', kind: 'number' },
  f: { key: 'fastInterval', kind: 'number' },
  timeout: { key: 'timeoutSeconds', kind: 'integer' },
  t: { key: 'timeoutSeconds', kind: 'integer' },
  rise: { key: 'rise', kind: 'integer' },
  fall: { key: 'fall', kind: 'integer' },
  disable: { key: 'disable', kind: 'string' },
  command: { key: 'command', kind: 'string' },
  cmd: { key: 'command', kind: 'string' },
  c: { key: 'command', kind: 'string' },
  'next-hop': { key: 'nextHop', kind: 'string' },
  N: { key: 'nextHop', kind: 'string' },
  ip: { key: 'ips', kind: 'ip' },
  'local-preference': { key: 'localPreference', kind: 'integer' },
  'deaggregate-networks': { key: 'deaggregateNetworks', kind: 'flag' },
  'start-ip': { key: 'startIp', kind: 'integer' },
  'up-metric': { key: 'upMetric', kind: 'integer' },
  'down-metric': { key: 'downMetric', kind: 'integer' },
  'disabled-metric': { key: 'disabledMetric', kind: 'integer' },
  increase: { key: 'increase', kind: 'integer' },
  community: { key: 'community', kind: 'string' },
  'extended-community': { key: 'extendedCommunity', kind: 'string' },
  'large-community': { key: 'largeCommunity', kind: 'string' },
  'disabled-community': { key: 'disabledCommunity', kind: 'string' },
  'as-path': { key: 'asPath', kind: 'string' },
  'up-as-path': { key: 'upAsPath', kind: 'string' },
  'down-as-path': { key: 'downAsPath', kind: 'string' },
  'disabled-as-path': { key: 'disabledAsPath', kind: 'string' },
  'withdraw-on-down': { key: 'withdrawOnDown', kind: 'flag' },
  'path-id': { key: 'pathId', kind: 'integer' },
  neighbor: { key: 'neighbors', kind: 'list' },
  debounce: { key: 'debounce', kind: 'flag' },
  execute: { key: 'execute', kind: 'list' },
  'up-execute': { key: 'upExecute', kind: 'list' },
  'down-execute': { key: 'downExecute', kind: 'list' },
  'disabled-execute': { key: 'disabledExecute', kind: 'list' },
  // Host address set-up, users and logging targets: bgpknife does not program the host.
  sudo: { key: 'sudo', kind: 'ignored-flag' },
  'no-ip-setup': { key: 'no-ip-setup', kind: 'ignored-flag' },
  'dynamic-ip-setup': { key: 'dynamic-ip-setup', kind: 'ignored-flag' },
  'label-exact-match': { key: 'label-exact-match', kind: 'ignored-flag' },
  'no-syslog': { key: 'no-syslog', kind: 'ignored-flag' },
  label: { key: 'label', kind: 'ignored-value' },
  'ip-ifname': { key: 'ip-ifname', kind: 'ignored-value' },
  user: { key: 'user', kind: 'ignored-value' },
  group: { key: 'group', kind: 'ignored-value' },
  'syslog-facility': { key: 'syslog-facility', kind: 'ignored-value' },
  sF: { key: 'syslog-facility', kind: 'ignored-value' },
});

export const DEFAULT_HEALTH_OPTIONS: HealthOptions = {
  ips: [],
  neighbors: [],
  withdrawOnDown: false,
  upMetric: 100,
  downMetric: 1000,
  disabledMetric: 500,
  increase: 1,
  localPreference: -1,
  interval: 5,
  fastInterval: 1,
  timeoutSeconds: 5,
  rise: 3,
  fall: 3,
  noAck: false,
  debounce: false,
  silent: false,
  debug: false,
  execute: [],
  upExecute: [],
  downExecute: [],
  disabledExecute: [],
  deaggregateNetworks: false,
  startIp: 0,
  ignored: [],
};

export class HealthOptionError extends Error {
  override readonly name = 'HealthOptionError';
}

/** `192.0.2.1` -> `192.0.2.1/32`; a network keeps its length. */
function network(text: string): string {
  const [ip = '', len] = text.split('/');
  const bytes = parseIP(ip);
  const max = ip.includes(':') ? 128 : 32;
  const length = len === undefined ? max : Number(len);
  if (!bytes || !Number.isInteger(length) || length < 0 || length > max) {
    throw new HealthOptionError(`--ip ${text}: not an IP address or network`);
  }
  return `${ip.toLowerCase()}/${length}`;
}

/** The largest network --deaggregate-networks splits into host routes. */
export const MAX_DEAGGREGATED = 65536;

/** An IPv4 network as its host addresses (/32 each), as ExaBGP's --deaggregate-networks. */
function deaggregate(net: string): string[] {
  const [ip = '', len = '32'] = net.split('/');
  if (ip.includes(':')) {
    if (len === '128') return [net];
    throw new HealthOptionError(`--deaggregate-networks: IPv6 network ${net} is too large to split`);
  }
  const count = 2 ** (32 - Number(len));
  if (count > MAX_DEAGGREGATED)
    throw new HealthOptionError(`--deaggregate-networks: ${net} has more than ${MAX_DEAGGREGATED} addresses`);
  const base = parseIP(ip)!.readUInt32BE(0);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const a = (base + i) >>> 0;
    out.push(`${a >>> 24}.${(a >>> 16) & 0xff}.${(a >>> 8) & 0xff}.${a & 0xff}/32`);
  }
  return out;
}

/** `--config FILE` lines (`name = value`, `# comments`) as command-line words. */
export function configWords(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq === -1) out.push(`--${line}`);
    else out.push(`--${line.slice(0, eq).trim()}`, line.slice(eq + 1).trim());
  }
  return out;
}

/** Parse the arguments; `readConfig` reads a --config file. Throws HealthOptionError. */
export function parseHealthOptions(
  argv: readonly string[],
  readConfig: (path: string) => string,
): HealthOptions {
  const at = argv.findIndex((a) => a === '--config' || a === '-F');
  const words =
    at >= 0 && argv[at + 1] !== undefined ? [...configWords(readConfig(argv[at + 1]!)), ...argv] : [...argv];
  const o: Record<string, unknown> = {
    ...DEFAULT_HEALTH_OPTIONS,
    ips: [],
    neighbors: [],
    execute: [],
    upExecute: [],
    downExecute: [],
    disabledExecute: [],
    ignored: [],
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const m = /^--?([A-Za-z][\w-]*)(?:=(.*))?$/.exec(w);
    const def = m ? OPTIONS[m[1]!] : undefined;
    if (!m || !def) throw new HealthOptionError(`unknown option ${w}`);
    const takesValue = !(def.kind === 'flag' || def.kind === 'ignored-flag');
    const value = takesValue ? (m[2] ?? words[++i]) : undefined;
    if (takesValue && value === undefined) throw new HealthOptionError(`${w} needs a value`);
    switch (def.kind) {
      case 'flag':
        o[def.key] = true;
        break;
      case 'ignored-flag':
      case 'ignored-value':
        (o.ignored as string[]).push(`--${m[1]}`);
        break;
      case 'number':
      case 'integer': {
        const n = Number(value);
        if (
          !Number.isFinite(n) ||
          (def.kind === 'integer' && !Number.isInteger(n)) ||
          n < (def.key === 'localPreference' ? -1 : 0)
        ) {
          throw new HealthOptionError(
            `${w} takes a${def.kind === 'integer' ? 'n integer' : ' number'} ≥ 0, got ${JSON.stringify(value)}`,
          );
        }
        o[def.key] = n;
        break;
      }
      case 'string':
        o[def.key] = value;
        break;
      case 'list':
        (o[def.key] as string[]).push(value!);
        break;
      case 'ip':
        (o.ips as string[]).push(network(value!));
        break;
    }
  }
  let result = o as unknown as HealthOptions;
  if (result.ips.length === 0) throw new HealthOptionError('no --ip given: nothing to announce');
  if (result.deaggregateNetworks) result = { ...result, ips: result.ips.flatMap(deaggregate) };
  if (result.startIp > 0) {
    const k = result.startIp % result.ips.length;
    return { ...result, ips: [...result.ips.slice(k), ...result.ips.slice(0, k)] };
  }
  return result;
}

/**
 * A helper process that runs ExaBGP's healthcheck (`python3 -m exabgp healthcheck ARGS`,
 * `exabgp healthcheck ARGS`, `.../exabgp-healthcheck ARGS`): its arguments, so bgpknife can serve
 * it with its own; undefined for any other command.
 */
export function exabgpHealthcheckArgs(argv: readonly string[]): string[] | undefined {
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    const base = w.slice(w.lastIndexOf('/') + 1);
    if (base === 'exabgp-healthcheck') return argv.slice(i + 1);
    if (w === 'healthcheck' && i > 0) {
      const prev = argv[i - 1]!;
      const prevBase = prev.slice(prev.lastIndexOf('/') + 1);
      if (prevBase === 'exabgp' || prevBase === 'exabgpcli') return argv.slice(i + 1);
    }
  }
  return undefined;
}
