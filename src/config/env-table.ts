/**
 * Every runtime setting: ExaBGP 4.2/5.0's (`exabgp.env` sections and `exabgp.SECTION.NAME` /
 * `exabgp_SECTION_NAME` environment variables, with ExaBGP's defaults) and bgpknife's own
 * (`bgpknife.SECTION.NAME`). The descriptions are ours.
 */
export type SettingType =
  | 'boolean'
  | 'integer'
  | 'real'
  | 'string'
  | 'ip-list'
  | 'encoder'
  | 'level'
  | 'umask'
  | 'format'
  | 'dialect';

export interface SettingDef {
  /** 'exabgp' or 'bgpknife'. */
  readonly app: string;
  /** '' for section-less settings (exabgp.version). */
  readonly section: string;
  readonly name: string;
  readonly type: SettingType;
  /** The default, as it would be written in the file. */
  readonly fallback: string;
  readonly help: string;
}

const x = (section: string, name: string, type: SettingType, fallback: string, help: string): SettingDef => ({
  app: 'exabgp',
  section,
  name,
  type,
  fallback,
  help,
});
const k = (section: string, name: string, type: SettingType, fallback: string, help: string): SettingDef => ({
  app: 'bgpknife',
  section,
  name,
  type,
  fallback,
  help,
});

const LOG_TOPICS: readonly [string, string, string][] = [
  ['all', 'false', 'debug output for every topic'],
  ['configuration', 'true', 'configuration parsing'],
  ['reactor', 'true', 'signals and reloads'],
  ['daemon', 'true', 'pid file, forking, privileges'],
  ['processes', 'true', 'helper processes'],
  ['network', 'true', 'TCP connections and session state'],
  ['statistics', 'true', 'message counters'],
  ['packets', 'false', 'every BGP message sent and received'],
  ['rib', 'false', 'changes to locally configured routes'],
  ['message', 'false', 'route changes on configuration reload'],
  ['timers', 'false', 'keepalive timers'],
  ['routes', 'false', 'received routes'],
  ['parser', 'false', 'BGP message decoding details'],
  ['short', 'true', 'short log lines (no time, level, pid, source)'],
];

export const SETTINGS: readonly SettingDef[] = [
  x('profile', 'enable', 'boolean', 'false', 'profile the program (ExaBGP: Python profiler)'),
  x('profile', 'file', 'string', '', 'where the profile goes (empty: standard output)'),
  x('pdb', 'enable', 'boolean', 'false', 'start a debugger on a fault (ExaBGP only)'),
  x('daemon', 'pid', 'string', '', 'write the process id to this file'),
  x('daemon', 'user', 'string', 'nobody', 'user to run as after binding'),
  x('daemon', 'daemonize', 'boolean', 'false', 'run in the background'),
  x('daemon', 'drop', 'boolean', 'true', 'drop privileges before starting helper processes'),
  x('daemon', 'umask', 'umask', '0137', 'umask of the daemon (octal)'),
  x('log', 'enable', 'boolean', 'true', 'log at all'),
  x('log', 'level', 'level', 'INFO', 'lowest syslog priority logged'),
  x('log', 'destination', 'string', 'stdout', 'stdout, stderr, syslog, host:NAME or a file name'),
  ...LOG_TOPICS.map(([name, fallback, help]) => x('log', name, 'boolean', fallback, `log ${help}`)),
  x('tcp', 'once', 'boolean', 'false', 'one connection attempt per peer (deprecated: tcp.attempts)'),
  x('tcp', 'attempts', 'integer', '0', 'connection attempts per peer before giving up (0: no limit)'),
  x('tcp', 'connections', 'integer', '0', 'alias of tcp.attempts, used by the test harness'),
  x('tcp', 'delay', 'integer', '0', 'announce routes only when the minute is a multiple of this'),
  x('tcp', 'bind', 'ip-list', '', 'addresses to listen on, space separated (empty: do not listen)'),
  x('tcp', 'port', 'integer', '179', 'TCP port to listen on and to connect to'),
  x('tcp', 'acl', 'boolean', 'false', 'unimplemented in ExaBGP'),
  x('bgp', 'passive', 'boolean', 'false', 'make every peer passive'),
  x('bgp', 'openwait', 'integer', '60', 'seconds to wait for an OPEN once TCP is up'),
  x('cache', 'attributes', 'boolean', 'true', 'cache attributes while parsing'),
  x('cache', 'nexthops', 'boolean', 'true', 'cache next hops (deprecated)'),
  x('api', 'ack', 'boolean', 'true', "answer each API command with 'done' or 'error'"),
  x('api', 'chunk', 'integer', '1', 'lines printed per step by show commands'),
  x('api', 'show-routes-format', 'format', 'v1', 'JSON layout of show adj-rib (v1 or v2)'),
  x('api', 'encoder', 'encoder', 'json', 'default encoder of helper processes (text or json)'),
  x('api', 'compact', 'boolean', 'false', 'compact JSON for IPv4/IPv6 unicast NLRI'),
  x('api', 'respawn', 'boolean', 'true', 'restart helper processes that exit'),
  x('api', 'terminate', 'boolean', 'false', 'stop when a helper process exits'),
  x('api', 'cli', 'boolean', 'true', 'create the named pipes of the command line client'),
  x('api', 'pipename', 'string', 'exabgp', 'name of the command line pipes'),
  x('reactor', 'speed', 'real', '1.0', 'main loop period in seconds (ExaBGP only)'),
  x('debug', 'pdb', 'boolean', 'false', 'start a debugger on errors (ExaBGP only)'),
  x('debug', 'memory', 'boolean', 'false', 'report memory use'),
  x('debug', 'configuration', 'boolean', 'false', 'stop on the first configuration error'),
  x('debug', 'selfcheck', 'boolean', 'false', 'check the configuration and exit'),
  x('debug', 'route', 'string', '', 'decode this route with the configuration and exit'),
  x('debug', 'defensive', 'boolean', 'false', 'inject random faults (testing)'),
  x('debug', 'rotate', 'boolean', 'false', 'move to the next configuration file on each reload'),
  x('', 'version', 'string', '', 'software version announced in the software-version capability'),
  k('api', 'line-max', 'integer', '65536', 'longest API line accepted from a helper, in bytes'),
  k('api', 'queue-max', 'integer', '16777216', 'bytes queued to one helper before its events are dropped'),
  k('api', 'socket', 'string', '', "unix socket of 'bgpknife cli' (default: TMPDIR/PIPENAME.sock)"),
  k('json', 'dialect', 'dialect', '5.0', "ExaBGP JSON dialect written to helpers ('5.0' or '4')"),
  k(
    'update',
    'group-all-families',
    'boolean',
    'false',
    'with group-updates, many NLRI per UPDATE for every family (ExaBGP: IPv4 unicast and MCAST-VPN only)',
  ),
  k('log', 'json', 'boolean', 'false', 'write log lines as JSON objects (one per line)'),
  k('debug', 'received-file', 'string', '', 'TEST HOOK: append received routes as ExaBGP JSON lines here'),
  k('config', 'max-diagnostics', 'integer', '1000', 'diagnostics reported per configuration file'),
];

/** The dotted name of a setting: exabgp.tcp.port, exabgp.version, bgpknife.json.dialect. */
export function settingName(def: SettingDef): string {
  return def.section === '' ? `${def.app}.${def.name}` : `${def.app}.${def.section}.${def.name}`;
}
