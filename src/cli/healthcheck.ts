/**
 * `bgpknife healthcheck [OPTIONS]`: ExaBGP's healthcheck, for use as a helper process. It runs
 * the check command every --interval seconds (--fast-interval while the state is changing),
 * moves between RISING/UP/FALLING/DOWN/DISABLED as ExaBGP's does, and writes on stdout the API
 * commands that announce the service IPs (metric by state) or withdraw them
 * (--withdraw-on-down, and on SIGTERM), waiting for each ack on stdin unless --no-ack.
 * Unlike ExaBGP's, it never adds addresses to the host (those options are accepted and logged).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { commandsFor, type HealthState, type HealthStep, nextState } from '../healthcheck/machine.js';
import { HealthOptionError, type HealthOptions, parseHealthOptions } from '../healthcheck/options.js';
import { type CliIo, type Subcommand, UsageError } from './io.js';

const USAGE = `usage: bgpknife healthcheck --ip IP[/LEN] [--ip ...] [--cmd COMMAND] [OPTIONS]

ExaBGP's healthcheck, run as a process of the daemon (process NAME { run bgpknife healthcheck
...; }); a 'run python3 -m exabgp healthcheck ...' line is served by it too.
  --cmd, --command, -c CMD   shell command whose exit status is the service's health
  --ip IP[/LEN]              address or network to announce (repeatable)
  --interval, -i N           seconds between checks (default 5; 0: announce once and exit)
  --fast-interval, -f N      seconds between checks while the state changes (default 1)
  --timeout, -t N            seconds a check may run before it counts as failed (default 5)
  --rise N / --fall N        checks before up / down (default 3 / 3)
  --disable FILE             while FILE exists the service is disabled
  --next-hop, -N IP          next hop (default: self)
  --up-metric / --down-metric / --disabled-metric M   MED by state (100 / 1000 / 500)
  --increase M               added to the metric for each further IP (default 1)
  --local-preference P, --community C, --disabled-community C, --extended-community C,
  --large-community C, --as-path P, --up-as-path P, --down-as-path P, --disabled-as-path P
  --withdraw-on-down         withdraw instead of announcing a worse metric when down
  --path-id N                path identifier; --neighbor IP (repeatable; default all)
  --debounce                 announce only on state changes
  --execute CMD, --up-execute CMD, --down-execute CMD, --disabled-execute CMD
                             run CMD on state changes (STATE in its environment)
  --no-ack, -a               do not wait for the daemon's ack after each command
  --config, -F FILE          read 'name = value' options from FILE
  --name, --pid FILE, --silent, --debug`;

/** Run the check command; true when it exits 0 within the timeout. */
function check(command: string | undefined, timeoutSeconds: number): Promise<boolean> {
  if (command === undefined) return Promise.resolve(true);
  return new Promise((resolve) => {
    let child: ChildProcess;
    try {
      child = spawn('/bin/sh', ['-c', command], { stdio: 'ignore', detached: true });
    } catch {
      resolve(false);
      return;
    }
    const timer =
      timeoutSeconds > 0
        ? setTimeout(() => {
            // The whole process group: the shell and whatever it started.
            if (child.pid) process.kill(-child.pid, 'SIGKILL');
          }, timeoutSeconds * 1000)
        : undefined;
    child.once('error', () => resolve(false));
    child.once('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve(code === 0);
    });
  });
}

function runHooks(o: HealthOptions, state: HealthState): void {
  const specific =
    state === 'UP'
      ? o.upExecute
      : state === 'DOWN'
        ? o.downExecute
        : state === 'DISABLED'
          ? o.disabledExecute
          : [];
  for (const cmd of [...specific, ...o.execute]) {
    const child = spawn('/bin/sh', ['-c', cmd], { stdio: 'ignore', env: { ...process.env, STATE: state } });
    child.on('error', () => {});
  }
}

async function runHealthcheck(args: readonly string[], io: CliIo): Promise<number> {
  let o: HealthOptions;
  try {
    o = parseHealthOptions(args, (p) => io.readFile(p));
  } catch (e) {
    if (e instanceof HealthOptionError) throw new UsageError(e.message);
    throw e;
  }
  const log = (level: 'debug' | 'info' | 'warning', text: string) => {
    if (o.silent || (level === 'debug' && !o.debug)) return;
    io.err(`healthcheck${o.name ? `[${o.name}]` : ''} ${level}: ${text}\n`);
  };
  if (o.ignored.length > 0)
    log('info', `bgpknife does not set up host addresses: ignoring ${o.ignored.join(' ')}`);
  if (o.pidFile) writeFileSync(o.pidFile, `${process.pid}\n`);
  const acks = !o.noAck && !process.stdout.isTTY;
  const lines = acks ? createInterface({ input: process.stdin })[Symbol.asyncIterator]() : undefined;
  const send = async (state: HealthState) => {
    for (const c of commandsFor(state, o)) {
      io.out(`${c}\n`);
      log('debug', `sent: ${c}`);
      if (lines) await lines.next(); // the daemon's 'done' or 'error'
    }
  };
  let exiting = false;
  const onTerm = () => {
    exiting = true;
  };
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onTerm);
  let step: HealthStep = { state: 'INIT', checks: 0 };
  try {
    for (;;) {
      const disabled = o.disable !== undefined && existsSync(o.disable);
      const ok = disabled || (await check(o.command, o.timeoutSeconds));
      const next = nextState(step, ok, disabled, o);
      if (next.state !== step.state) {
        log('info', `${step.state} -> ${next.state}`);
        runHooks(o, next.state);
      }
      if (!o.debounce || next.state !== step.state) await send(next.state);
      step = next;
      const changing = step.state === 'RISING' || step.state === 'FALLING';
      if (!changing && o.interval === 0) {
        log('info', 'interval set to zero: exiting after the announcement');
        return 0;
      }
      const waitSeconds = changing ? o.fastInterval : o.interval;
      for (let waited = 0; waited < waitSeconds * 10 && !exiting; waited++)
        await new Promise((r) => setTimeout(r, 100));
      if (exiting) {
        await send('EXIT');
        return 0;
      }
    }
  } finally {
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onTerm);
  }
}

export const healthcheck: Subcommand = {
  summary: "ExaBGP's healthcheck: announce service IPs while a check command succeeds",
  usage: USAGE,
  run: runHealthcheck,
};
