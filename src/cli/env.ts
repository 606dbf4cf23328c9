/**
 * `bgpknife env [--diff] [--env FILE]`: every setting with its value, its default and where the
 * value came from, as `name = value` lines an exabgp.env file can hold. The file is
 * $EXABGP_ENVFILE unless --env names one. --diff lists only settings that differ from default.
 */
import { formatDiagnostic } from '../config/diagnostic.js';
import { listSettings, loadSettings } from '../config/env.js';
import type { CliIo, Subcommand } from './io.js';

export function runEnv(args: readonly string[], io: CliIo): number {
  const diff = args.includes('--diff');
  const at = args.indexOf('--env');
  const file = at >= 0 ? args[at + 1] : io.env.EXABGP_ENVFILE;
  let iniText: string | undefined;
  if (file !== undefined) {
    try {
      iniText = io.readFile(file);
    } catch (e) {
      io.err(`${file}: error: cannot read: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const { settings, diagnostics } = loadSettings({ iniText, iniFile: file, env: io.env });
  for (const d of diagnostics) io.err(`${formatDiagnostic(d, d.span.file === file ? iniText : undefined)}\n`);
  for (const row of listSettings(settings)) {
    if (diff && row.source === 'default') continue;
    const note = row.source === 'default' ? '' : ` (${row.source}; default '${row.fallback}')`;
    io.out(`${row.name} = '${row.value}'  # ${row.help}${note}\n`);
  }
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

export const env: Subcommand = {
  summary: 'list every setting with its value and default',
  usage: `usage: bgpknife env [--diff] [--env FILE]

List every setting (ExaBGP's exabgp.env names and bgpknife's own) with its value, its default
and where the value came from, as lines an exabgp.env file can hold. The file read is
$EXABGP_ENVFILE unless --env names one; environment variables override it in both spellings
(exabgp.tcp.port and exabgp_tcp_port). --diff lists only settings that differ from default.`,
  run: runEnv,
};
