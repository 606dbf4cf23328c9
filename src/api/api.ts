/**
 * The API: helper processes (supervisor.ts) send command lines, which are parsed by the one
 * command model (command/parse) and executed against the daemon's peers (execute.ts), each
 * answered `done` or `error` as ExaBGP does; session events are encoded (events/) and written
 * to the helpers that asked for them (routing.ts).
 *
 * Never blocking: lines are queued per helper and executed COMMANDS_PER_TURN at a time, then
 * the loop is yielded (`defer`), so a helper announcing a million routes one line each is
 * served at full speed while keepalives still leave on time. When more than
 * MAX_QUEUED_LINES or MAX_QUEUED_CHARS wait, the helper's stdout is paused: the helper then
 * blocks on its own write, never us. Writes to helpers are bounded per helper (outbox.ts).
 */

import { parseCommand } from '../command/parse/index.js';
import type { ProcessConfig } from '../config/lower/model.js';
import type { Clock } from '../session/clock.js';
import type { JsonDialect } from '../wire/json.js';
import { eventJsonLine, shutdownJson } from './events/json.js';
import { eventText, shutdownText } from './events/text.js';
import { type ApiEvent, messageTypeName } from './events/types.js';
import { execute } from './execute.js';
import type { EventNeighbor, EventStamp } from './json/envelope.js';
import type { ApiHost, ApiPeer } from './port.js';
import { boundTo, messageRouting, negotiatedHelpers, neighborChangeHelpers, type Way } from './routing.js';
import { type Helper, type SpawnHelper, Supervisor } from './supervisor.js';

/** Commands executed per event-loop turn before yielding. */
export const COMMANDS_PER_TURN = 2000;
/**
 * Routes executed per turn before yielding, whatever the number of lines: 2,000 lines of 500
 * prefixes each would otherwise hold the loop for a second, and the peers' packing would wait.
 * Small turns let the peer start on the first UPDATEs sooner (bench/load, grouped lines into
 * BIRD: 20,000 a turn 1.05-1.18 s, 5,000 0.85-0.90 s, 2,500 0.90-0.96 s).
 */
export const ROUTES_PER_TURN = 5_000;
/** Lines queued per helper before its stdout is paused. */
export const MAX_QUEUED_LINES = 20_000;
/**
 * Characters of queued lines per helper before its stdout is paused: long `nlri` lines reach it
 * before MAX_QUEUED_LINES (20,000 lines of up to api.line-max bytes would be gigabytes).
 */
export const MAX_QUEUED_CHARS = 4 * 1024 * 1024;

export interface ApiOptions {
  readonly host: ApiHost;
  readonly spawn: SpawnHelper;
  readonly clock: Clock;
  /** Run `fn` after pending I/O and timers (setImmediate in the daemon). */
  readonly defer: (fn: () => void) => void;
  readonly lineMaxBytes: number;
  readonly queueMaxBytes: number;
  readonly ack: boolean;
  readonly respawn: boolean;
  readonly dialect: JsonDialect;
  /** Process facts for the JSON envelope (time in seconds). */
  readonly stamp: () => Omit<EventStamp, 'counter'>;
  readonly report: (level: 'debug' | 'info' | 'warning' | 'error', message: string) => void;
  /** A helper was given up after too many restarts. */
  readonly gaveUp: (name: string) => void;
}

type Pending = string | { readonly problem: string };

interface Queue {
  lines: Pending[];
  /** Characters of the queued lines. */
  chars: number;
  scheduled: boolean;
  paused: boolean;
}

export class Api {
  readonly supervisor: Supervisor;
  private readonly queues = new Map<Helper, Queue>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly opts: ApiOptions) {
    this.supervisor = new Supervisor({
      spawn: opts.spawn,
      clock: opts.clock,
      lineMaxBytes: opts.lineMaxBytes,
      queueMaxBytes: opts.queueMaxBytes,
      line: (h, text) => this.enqueue(h, text),
      report: (level, m) => opts.report(level, m),
      gaveUp: (h) => opts.gaveUp(h.name),
    });
  }

  /** Start (or keep) the configured helpers; `run` vectors must already be resolved. */
  configure(processes: readonly ProcessConfig[]): void {
    this.supervisor.configure(
      processes.map((p) => ({ ...p, respawn: p.respawn && this.opts.respawn })),
      this.opts.ack,
    );
  }

  /** Shutdown: tell every helper (ExaBGP's shutdown event), then stop them. */
  stop(): void {
    const s = this.opts.stamp();
    this.supervisor.stopAll((h) =>
      h.spec.encoder === 'json' ? shutdownJson({ ...s }, this.opts.dialect) : shutdownText(s.pid, s.ppid),
    );
  }

  /**
   * The share of its queue bound (0..1) that the fullest helper has not read yet: the daemon
   * stops reading from peers while it is high, so received UPDATEs wait in TCP, not in a queue
   * that would have to drop events (daemon/api-peer.ts).
   */
  backlog(): number {
    let most = 0;
    for (const h of this.supervisor.helpers.values()) most = Math.max(most, h.outbox?.queuedBytes ?? 0);
    return most / this.opts.queueMaxBytes;
  }

  restartHelpers(): void {
    this.supervisor.restartAll();
  }

  // --- commands ----------------------------------------------------------------------------

  private enqueue(h: Helper, line: Pending): void {
    let q = this.queues.get(h);
    if (!q) {
      q = { lines: [], chars: 0, scheduled: false, paused: false };
      this.queues.set(h, q);
    }
    q.lines.push(line);
    if (typeof line === 'string') q.chars += line.length;
    if ((q.lines.length >= MAX_QUEUED_LINES || q.chars >= MAX_QUEUED_CHARS) && !q.paused) {
      q.paused = true;
      (h.child?.stdout as { pause?: () => void } | null)?.pause?.();
    }
    this.schedule(h, q);
  }

  private schedule(h: Helper, q: Queue): void {
    if (q.scheduled) return;
    q.scheduled = true;
    this.opts.defer(() => this.drain(h, q));
  }

  private drain(h: Helper, q: Queue): void {
    q.scheduled = false;
    // The helper's peers, found once for a run of route commands (which cannot change them).
    let peers: ApiPeer[] | undefined;
    let lines = 0;
    let routes = 0;
    while (lines < q.lines.length && lines < COMMANDS_PER_TURN && routes < ROUTES_PER_TURN) {
      peers ??= this.peersOf(h.name);
      const line = q.lines[lines++]!;
      if (typeof line === 'string') q.chars -= line.length;
      const ran = this.run(h, line, peers);
      if (ran < 0) peers = undefined;
      else routes += ran;
    }
    q.lines.splice(0, lines);
    if (q.lines.length > 0) this.schedule(h, q);
    else if (q.paused) {
      q.paused = false;
      (h.child?.stdout as { resume?: () => void } | null)?.resume?.();
    }
  }

  /** Peers whose api blocks name this helper. */
  peersOf(helper: string): ApiPeer[] {
    return this.opts.host.peers().filter((p) => boundTo(p.config, helper));
  }

  /**
   * Runs one line with the helper's `peers`. Returns the number of routes it carried, or -1
   * when it was a command that may change the peers (they must be found again).
   */
  private run(h: Helper, line: Pending, peers: readonly ApiPeer[]): number {
    if (typeof line !== 'string') {
      this.answer(h, false, line.problem);
      return 0;
    }
    const text = line.trim();
    if (text === '' || text.startsWith('#')) return 0;
    const parsed = parseCommand(text);
    if ('error' in parsed) {
      this.answer(h, false, `${parsed.error}: ${text.slice(0, 200)}`);
      return 0;
    }
    const ran = parsed.command.kind === 'routes' ? parsed.command.routes.length : -1;
    const result = execute(parsed, peers, this.opts.host);
    for (const out of result.output) h.write(out);
    if (result.ack === 'enable') h.ack = true;
    if (result.ack === 'disable' || result.ack === 'silence') h.ack = false;
    if (!result.silent) this.answer(h, result.ok, result.reason, result.forceDone);
    return ran;
  }

  /**
   * One line from `bgpknife cli` (or a named pipe): executed against every peer, its output
   * written, and always answered `done` or `error` (the CLI waits for one).
   */
  command(line: string, write: (line: string) => void): void {
    const text = line.trim();
    if (text === '') return;
    const parsed = parseCommand(text);
    if ('error' in parsed) {
      write(`error: ${parsed.error}`);
      write('error');
      return;
    }
    const result = execute(parsed, this.opts.host.peers(), this.opts.host);
    for (const out of result.output) write(out);
    if (!result.ok) write(`error: ${result.reason ?? 'failed'}`);
    write(result.ok ? 'done' : 'error');
  }

  private answer(h: Helper, ok: boolean, reason?: string, force = false): void {
    if (!ok) this.opts.report('warning', `helper ${h.name}: command failed: ${reason ?? 'error'}`);
    if (h.ack || force) h.write(ok ? 'done' : 'error');
  }

  // --- events ------------------------------------------------------------------------------

  private write(helpers: readonly string[], e: ApiEvent, neighbor: EventNeighbor, peerAddress: string): void {
    let json: string | undefined;
    let text: string | undefined;
    for (const name of helpers) {
      const h = this.supervisor.helpers.get(name);
      if (!h?.running) continue;
      if (h.spec.encoder === 'json') {
        if (json === undefined) {
          const counter = (this.counters.get(peerAddress) ?? 0) + 1;
          this.counters.set(peerAddress, counter);
          json = eventJsonLine(e, neighbor, { ...this.opts.stamp(), counter }, this.opts.dialect) ?? '';
        }
        if (json) h.write(json);
      } else {
        if (text === undefined) text = eventText(e, peerAddress) ?? '';
        if (text) h.write(text);
      }
    }
  }

  /** A state change: connected, up, down. */
  state(p: ApiPeer, neighbor: EventNeighbor, e: ApiEvent): void {
    const helpers = neighborChangeHelpers(p.config);
    if (helpers.length > 0) this.write(helpers, e, neighbor, p.config.peerAddress);
  }

  negotiated(p: ApiPeer, neighbor: EventNeighbor): void {
    const helpers = negotiatedHelpers(p.config);
    if (helpers.length > 0 && p.negotiated)
      this.write(helpers, { kind: 'negotiated', negotiated: p.negotiated }, neighbor, p.config.peerAddress);
  }

  /** Does anyone want messages of this type in this direction (so the caller may skip decoding)? */
  wants(p: ApiPeer, way: Way, type: number): boolean {
    const r = messageRouting(p.config, way, messageTypeName(type));
    return r.parsed.length > 0 || r.packets.length > 0;
  }

  /** A message sent or received; `decode` is called only when a parsed event is needed. */
  message(
    p: ApiPeer,
    neighbor: EventNeighbor,
    way: Way,
    raw: Buffer,
    decode: () => ApiEvent | undefined,
  ): void {
    const r = messageRouting(p.config, way, messageTypeName(raw[18] ?? 0));
    const negotiated = r.negotiated ? p.negotiated : undefined;
    if (r.packets.length > 0)
      this.write(
        r.packets,
        { kind: 'packets', direction: way, raw, ...(negotiated ? { negotiated } : {}) },
        neighbor,
        p.config.peerAddress,
      );
    if (r.parsed.length === 0) return;
    const e = decode();
    if (e?.kind !== 'message') return;
    const full: ApiEvent = {
      ...e,
      ...(r.consolidate ? { raw } : {}),
      ...(negotiated ? { negotiated } : {}),
    };
    this.write(r.parsed, full, neighbor, p.config.peerAddress);
  }
}
