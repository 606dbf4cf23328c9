/**
 * Resource figures of one process read from /proc (Linux): CPU seconds (user + system, from
 * /proc/PID/stat in clock ticks) and peak resident memory (VmHWM in /proc/PID/status). Read
 * while the process is still alive — the values vanish with it.
 */
import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

export interface ProcStats {
  readonly cpuSeconds: number;
  readonly peakRssBytes: number;
}

export function procStats(pid: number): ProcStats {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuSeconds = (Number(rest[11]) + Number(rest[12])) / TICKS_PER_SECOND;
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    return { cpuSeconds, peakRssBytes: hwm ? Number(hwm[1]) * 1024 : 0 };
  } catch {
    return { cpuSeconds: Number.NaN, peakRssBytes: Number.NaN };
  }
}

/** The difference in CPU seconds since `before`, with the peak RSS as of now. */
export function statsSince(pid: number, before: ProcStats): ProcStats {
  const now = procStats(pid);
  return { cpuSeconds: now.cpuSeconds - before.cpuSeconds, peakRssBytes: now.peakRssBytes };
}
