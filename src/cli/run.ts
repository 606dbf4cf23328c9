/**
 * `bgpknife run [--env FILE] CONFIG...` (and `bgpknife CONFIG...`, as `exabgp CONFIG` is used):
 * run the daemon on ExaBGP configuration files until SIGTERM/SIGINT. Settings come from
 * exabgp.env (--env, or $EXABGP_ENVFILE) and the environment in both spellings. Logs go to
 * stderr, as text or (bgpknife.log.json) JSON lines.
 */
import { formatDiagnostic } from '../config/diagnostic.js';
import { loadSettings, setting } from '../config/env.js';
import { Daemon } from '../daemon/daemon.js';
import { type LogLevel, startLogging } from '../daemon/log.js';
import { type CliIo, type Subcommand, UsageError } from './io.js';

const USAGE = `usage: bgpknife run [--env FILE] CONFIG...
       bgpknife CONFIG...

Run the BGP daemon on ExaBGP configuration files. It connects to each neighbor (and listens
where tcp.bind or a neighbor's 'listen' asks), announces the configured routes, and runs until
SIGTERM or SIGINT, which close every session with Cease/Administrative Shutdown.
  SIGHUP, SIGUSR1   reload the configuration and send only what changed
                    (with exabgp.debug.rotate, SIGUSR1 moves to the next CONFIG file)
  --env FILE        read settings from this exabgp.env file (default: $EXABGP_ENVFILE)
Settings: see 'bgpknife env'. Logs go to stderr.`;

/** ExaBGP's syslog-style level names to ours. */
function logLevel(name: string): LogLevel {
  const n = name.toUpperCase();
  if (n === 'DEBUG') return 'debug';
  if (n === 'INFO' || n === 'NOTICE') return 'info';
  if (n === 'WARNING' || n === 'WARN') return 'warning';
  return 'error';
}

async function runDaemon(args: readonly string[], io: CliIo): Promise<number> {
  const files: string[] = [];
  let envFile = io.env.EXABGP_ENVFILE;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--env' || a === '-e') {
      envFile = args[++i];
      if (envFile === undefined) throw new UsageError('--env needs a file name');
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else files.push(a);
  }
  if (files.length === 0) throw new UsageError('no configuration file given');
  let iniText: string | undefined;
  if (envFile) {
    try {
      iniText = io.readFile(envFile);
    } catch (e) {
      io.err(`${envFile}: error: cannot read: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const { settings, diagnostics } = loadSettings({ iniText, iniFile: envFile, env: io.env });
  for (const d of diagnostics) io.err(`${formatDiagnostic(d, iniText)}\n`);
  const stopLogging = startLogging({
    level: logLevel(String(setting(settings, 'exabgp.log.level'))),
    json: setting(settings, 'bgpknife.log.json') === true,
    packets: setting(settings, 'exabgp.log.packets') === true,
    write: (line) => io.err(line),
    now: () => new Date(),
  });
  const daemon = new Daemon({ files, settings, report: (t) => io.err(t) });
  const unhook = daemon.handleSignals();
  try {
    if (!(await daemon.start())) return 1;
    return await daemon.finished;
  } finally {
    unhook();
    stopLogging();
  }
}

export const run: Subcommand = {
  summary: 'run the BGP daemon on configuration files (also: bgpknife CONFIG...)',
  usage: USAGE,
  run: runDaemon,
};
