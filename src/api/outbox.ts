/**
 * What we write to one helper's stdin, never blocking. Writes go to the pipe asynchronously;
 * the bytes the pipe has not taken yet wait in the stream's buffer (`writableLength`). That
 * buffer is bounded by `maxBytes` (setting bgpknife.api.queue-max).
 *
 * Overflow policy (documented in README): a line that would take the buffer past the bound is
 * dropped and counted. Sessions and other helpers are not affected; the helper misses events
 * (and acks) until it reads again. The first drop of an episode and the count at its end are
 * reported through `report`, so a stuck helper is logged once, not once per line.
 *
 * The first line of a turn is written at once; the lines that follow it in the same turn are
 * coalesced into one pipe write, flushed in a microtask (or by flush()). A burst of 1,000,000
 * commands answers 1,000,000 `done` lines, and one write per line cost a third of the
 * daemon's CPU time (bench/load, BENCHMARKS.md).
 */

/** Default bytes queued to one helper (16 MiB). */
export const DEFAULT_QUEUE_MAX_BYTES = 16 * 1024 * 1024;

/** The part of a writable stream the outbox uses (a child's stdin in the daemon). */
export interface LineSink {
  write(data: string): boolean;
  readonly writableLength: number;
  readonly destroyed?: boolean;
}

export class Outbox {
  /** Lines dropped since the helper started (the overflow policy). */
  dropped = 0;
  /** Lines written. */
  written = 0;
  private episode = 0;
  /** Lines accepted this turn, not yet handed to the pipe. */
  private pending: string[] = [];
  private pendingBytes = 0;
  /** A line was written this turn: the next ones wait for the microtask flush. */
  private busy = false;

  constructor(
    private readonly sink: LineSink,
    private readonly maxBytes: number,
    private readonly report: (message: string) => void,
  ) {}

  /** Bytes waiting for the helper to read them. */
  get queuedBytes(): number {
    return this.sink.writableLength + this.pendingBytes;
  }

  /** Queue one line (a newline is added). Returns false when it was dropped. */
  send(line: string): boolean {
    if (this.sink.destroyed) return false;
    const text = `${line}\n`;
    const bytes = Buffer.byteLength(text);
    const queued = this.queuedBytes;
    if (queued + bytes > this.maxBytes && queued > 0) {
      this.dropped++;
      if (this.episode++ === 0)
        this.report(`helper is not reading: queue full (${this.maxBytes} bytes), dropping lines`);
      return false;
    }
    if (this.episode > 0) {
      this.report(`helper reads again: ${this.episode} line(s) were dropped`);
      this.episode = 0;
    }
    this.written++;
    if (!this.busy) {
      this.busy = true;
      queueMicrotask(() => this.flush());
      this.sink.write(text);
      return true;
    }
    this.pending.push(text);
    this.pendingBytes += bytes;
    return true;
  }

  /** Hand the lines coalesced this turn to the pipe in one write. */
  flush(): void {
    this.busy = false;
    if (this.pending.length === 0) return;
    const text = this.pending.join('');
    this.pending = [];
    this.pendingBytes = 0;
    if (!this.sink.destroyed) this.sink.write(text);
  }
}
