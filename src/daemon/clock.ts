/** The real Clock: monotonic time from performance.now(), timers from setTimeout. */
import { performance } from 'node:perf_hooks';
import type { Clock, TimerHandle } from '../session/clock.js';

export const SYSTEM_CLOCK: Clock = {
  nowMs: () => performance.now(),
  schedule(delayMs: number, fn: () => void): TimerHandle {
    const t = setTimeout(fn, Math.max(0, delayMs));
    // A pending BGP timer alone must not keep a finished process alive.
    t.unref();
    return { cancel: () => clearTimeout(t) };
  },
};
