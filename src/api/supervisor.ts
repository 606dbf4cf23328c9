/**
 * The helper-process supervisor: starts each `process NAME { run ...; }` with its argument
 * vector (no shell), pipes its stdin/stdout, restarts it when it exits (respawn), and stops it
 * on shutdown. The spawning itself and the clock are injected: only src/daemon creates real
 * processes.
 *
 * Respawn follows ExaBGP (reactor/api/processes.py): a process with `respawn` (the default,
 * unless exabgp.api.respawn is false) is started again when it exits; more than
 * RESPAWN_MAX_PER_MINUTE exits within a minute and it is given up (ExaBGP stops the whole
 * program then; bgpknife does so only with exabgp.api.terminate). bgpknife adds a back-off:
 * the n-th quick restart waits RESPAWN_BASE_DELAY_MS * 2^(n-1), at most RESPAWN_MAX_DELAY_MS,
 * so a helper crashing in a loop costs little CPU.
 */
import type { Clock, TimerHandle } from '../session/clock.js';
import { LineFramer } from './framing.js';
import { type LineSink, Outbox } from './outbox.js';

/** Restarts allowed within RESPAWN_WINDOW_MS before the helper is given up (ExaBGP: 5). */
export const RESPAWN_MAX_PER_MINUTE = 5;
export const RESPAWN_WINDOW_MS = 60_000;
export const RESPAWN_BASE_DELAY_MS = 250;
export const RESPAWN_MAX_DELAY_MS = 8_000;

/** What the supervisor needs of a started process (node's ChildProcess fits). */
export interface HelperChild {
  readonly pid?: number | undefined;
  readonly stdin: (LineSink & { end(): void; on(e: 'error', f: (e: Error) => void): unknown }) | null;
  readonly stdout: { on(e: 'data', f: (chunk: Buffer) => void): unknown } | null;
  on(e: 'exit', f: (code: number | null, signal: string | null) => void): unknown;
  on(e: 'error', f: (e: Error) => void): unknown;
  kill(signal?: NodeJS.Signals): boolean;
}

export type SpawnHelper = (argv: readonly string[]) => HelperChild;

export interface HelperSpec {
  readonly name: string;
  readonly run: readonly string[];
  readonly encoder: 'text' | 'json';
  readonly respawn: boolean;
}

export interface SupervisorOptions {
  readonly spawn: SpawnHelper;
  readonly clock: Clock;
  readonly lineMaxBytes: number;
  readonly queueMaxBytes: number;
  /** A complete line from a helper (or a framing problem). */
  readonly line: (helper: Helper, text: string | { readonly problem: string }) => void;
  readonly report: (level: 'info' | 'warning' | 'error', message: string) => void;
  /** A helper exceeded its respawns (ExaBGP then stops). */
  readonly gaveUp: (helper: Helper) => void;
}

/** One configured helper, across its restarts. */
export class Helper {
  child: HelperChild | undefined;
  outbox: Outbox | undefined;
  /** Start times within the respawn window. */
  readonly starts: number[] = [];
  timer: TimerHandle | undefined;
  stopping = false;
  /** Lines dropped over all runs. */
  droppedBefore = 0;
  /** ExaBGP's per-process ack switch (enable-ack / disable-ack / silence-ack). */
  ack = true;
  silenced = false;

  constructor(public spec: HelperSpec) {}

  get name(): string {
    return this.spec.name;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  get dropped(): number {
    return this.droppedBefore + (this.outbox?.dropped ?? 0);
  }

  /** Write one line; false when not running or dropped by the overflow policy. */
  write(line: string): boolean {
    return this.outbox?.send(line) ?? false;
  }
}

export class Supervisor {
  readonly helpers = new Map<string, Helper>();

  constructor(private readonly opts: SupervisorOptions) {}

  /** Start every helper not yet running; helpers no longer configured are stopped. */
  configure(specs: readonly HelperSpec[], defaultAck: boolean): void {
    const wanted = new Map(specs.map((s) => [s.name, s]));
    for (const [name, h] of this.helpers) {
      const spec = wanted.get(name);
      if (!spec || spec.run.join('\0') !== h.spec.run.join('\0')) {
        this.stopOne(h);
        this.helpers.delete(name);
      }
    }
    for (const spec of specs) {
      const h = this.helpers.get(spec.name);
      if (h) {
        h.spec = spec;
        continue;
      }
      const helper = new Helper(spec);
      helper.ack = defaultAck;
      this.helpers.set(spec.name, helper);
      this.startOne(helper);
    }
  }

  /** Stop every helper (shutdown); `last` is written to each first (ExaBGP's shutdown event). */
  stopAll(last?: (h: Helper) => string | undefined): void {
    for (const h of this.helpers.values()) {
      const text = last?.(h);
      if (text !== undefined) h.write(text);
      this.stopOne(h);
    }
  }

  /** SIGUSR2: stop and start every helper again. */
  restartAll(): void {
    for (const h of this.helpers.values()) {
      this.stopOne(h);
      h.stopping = false;
      h.starts.length = 0;
      this.startOne(h);
    }
  }

  private stopOne(h: Helper): void {
    h.stopping = true;
    h.timer?.cancel();
    h.timer = undefined;
    const child = h.child;
    if (!child) return;
    h.outbox?.flush();
    this.detach(h);
    child.stdin?.end();
    child.kill('SIGTERM');
  }

  private detach(h: Helper): void {
    h.droppedBefore += h.outbox?.dropped ?? 0;
    h.outbox = undefined;
    h.child = undefined;
  }

  private startOne(h: Helper): void {
    const now = this.opts.clock.nowMs();
    h.starts.push(now);
    while (h.starts.length > 0 && h.starts[0]! < now - RESPAWN_WINDOW_MS) h.starts.shift();
    let child: HelperChild;
    try {
      child = this.opts.spawn(h.spec.run);
    } catch (e) {
      this.opts.report('error', `helper ${h.name}: cannot start ${h.spec.run[0]}: ${(e as Error).message}`);
      this.exited(h, undefined);
      return;
    }
    h.child = child;
    const report = (m: string) => this.opts.report('warning', `helper ${h.name}: ${m}`);
    if (child.stdin) {
      child.stdin.on('error', () => {}); // EPIPE after the helper exits: the exit handler reports it
      h.outbox = new Outbox(child.stdin, this.opts.queueMaxBytes, report);
    }
    const framer = new LineFramer(this.opts.lineMaxBytes);
    child.stdout?.on('data', (chunk: Buffer) => {
      if (h.child !== child) return;
      for (const l of framer.push(chunk)) {
        if (l.kind === 'line') this.opts.line(h, l.text);
        else if (l.kind === 'too-long')
          this.opts.line(h, { problem: `line of ${l.bytes} bytes is longer than ${this.opts.lineMaxBytes}` });
        else this.opts.line(h, { problem: 'binary data is not a command' });
      }
    });
    child.on('error', (e) => {
      report(`cannot run ${h.spec.run[0]}: ${e.message}`);
      if (h.child === child) this.exited(h, child);
    });
    child.on('exit', (code, signal) => {
      if (h.child !== child) return;
      this.opts.report(h.stopping ? 'info' : 'warning', `helper ${h.name} exited (${signal ?? code})`);
      this.exited(h, child);
    });
    this.opts.report('info', `helper ${h.name} started (pid ${child.pid ?? '?'})`);
  }

  private exited(h: Helper, child: HelperChild | undefined): void {
    if (child && h.child !== child) return;
    this.detach(h);
    if (h.stopping || !h.spec.respawn) return;
    if (h.starts.length > RESPAWN_MAX_PER_MINUTE) {
      this.opts.report(
        'error',
        `helper ${h.name}: too many restarts (${RESPAWN_MAX_PER_MINUTE}/min), giving up`,
      );
      this.opts.gaveUp(h);
      return;
    }
    const quick = Math.max(0, h.starts.length - 1);
    const delay = quick === 0 ? 0 : Math.min(RESPAWN_MAX_DELAY_MS, RESPAWN_BASE_DELAY_MS * 2 ** (quick - 1));
    h.timer = this.opts.clock.schedule(delay, () => {
      h.timer = undefined;
      if (!h.stopping) this.startOne(h);
    });
  }
}
