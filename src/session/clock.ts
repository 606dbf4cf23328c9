/**
 * Time, injected. The session layer never reads the wall clock or calls setTimeout: it asks a
 * Clock, so tests drive time by hand and never sleep. The daemon gives a real one
 * (src/daemon/clock.ts) on a monotonic source.
 */

export interface TimerHandle {
  cancel(): void;
}

export interface Clock {
  /** Monotonic milliseconds. */
  nowMs(): number;
  /** Call `fn` once after `delayMs`. */
  schedule(delayMs: number, fn: () => void): TimerHandle;
}

/** Random numbers in [0, 1), injected so jitter is reproducible in tests. */
export type Random = () => number;

/** RFC 4271 §10: timers are jittered by a random factor in [0.75, 1.0]. */
export function jitterMs(seconds: number, random: Random): number {
  return Math.round(seconds * 1000 * (0.75 + 0.25 * random()));
}

/**
 * A clock whose time moves only when `advance` is called; due callbacks run in time order.
 * For tests and simulations: a whole session's hours of timers run in microseconds.
 */
export class ManualClock implements Clock {
  private now = 0;
  private seq = 0;
  private readonly pending = new Map<number, { at: number; fn: () => void }>();

  nowMs(): number {
    return this.now;
  }

  schedule(delayMs: number, fn: () => void): TimerHandle {
    const id = ++this.seq;
    this.pending.set(id, { at: this.now + Math.max(0, delayMs), fn });
    return { cancel: () => this.pending.delete(id) };
  }

  /** Number of timers still armed. */
  get armed(): number {
    return this.pending.size;
  }

  /** Move time forward by `ms`, running every callback that falls due, in order. */
  advance(ms: number): void {
    const target = this.now + ms;
    for (let guard = 0; guard < 1_000_000; guard++) {
      let nextId = -1;
      let nextAt = Number.POSITIVE_INFINITY;
      for (const [id, t] of this.pending) {
        if (t.at < nextAt || (t.at === nextAt && id < nextId)) {
          nextAt = t.at;
          nextId = id;
        }
      }
      if (nextId === -1 || nextAt > target) break;
      const t = this.pending.get(nextId)!;
      this.pending.delete(nextId);
      this.now = t.at;
      t.fn();
    }
    this.now = target;
  }
}
