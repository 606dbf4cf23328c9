/**
 * Pacing a main/api test's `cmd:` lines: each command is sent when the test peer has received
 * the messages expected for the previous one. The `cmd:` lines of ExaBGP's corpus were derived
 * from the expected messages, so some describe messages the daemon sends by itself (the
 * End-of-RIB after the initial routes): a command whose expected messages have already
 * arrived is not sent. Commands start once the session is up (the first UPDATE, or
 * START_DELAY_MS after the daemon's OPEN).
 */
import type { TestFile } from './expectations.js';

export const START_DELAY_MS = 500;
/** Time given to a command that expects no message before the next one is sent. */
export const SILENT_COMMAND_MS = 200;
/**
 * Time a command's expected messages may take before the next command is sent anyway (commands
 * borrowed from main/api may expect other bytes than the test being run; the peer judges).
 */
export const COMMAND_WAIT_MS = 1500;

const MARKER = 'F'.repeat(32);

export interface Cmd {
  readonly command: string;
  /** Hex of the expected messages, marker removed. */
  readonly raws: readonly string[];
}

function body(hex: string): string {
  return hex.startsWith(MARKER) ? hex.slice(32) : hex;
}

/** The commands of a test, in file order, each with the raw lines that follow it. */
export function commandsOf(test: TestFile): Cmd[] {
  const out: { command: string; raws: string[] }[] = [];
  for (const g of test.groups) {
    for (const s of g.steps) {
      if (s.kind === 'cmd') out.push({ command: s.command, raws: [] });
      else if (s.kind === 'raw' && out.length > 0) out[out.length - 1]!.raws.push(body(s.hex));
    }
  }
  return out;
}

export class CommandDriver {
  private next = 0;
  private sent = false;
  private started = false;
  private readonly seen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** What was sent, for failure reports. */
  readonly trace: string[] = [];

  constructor(
    private readonly cmds: readonly Cmd[],
    private send: ((line: string) => void) | undefined,
  ) {}

  get finished(): boolean {
    return this.next >= this.cmds.length;
  }

  /** The helper connected (again): commands go to it from now on. */
  connected(send: (line: string) => void): void {
    this.send = send;
    this.advance();
  }

  opened(): void {
    setTimeout(() => this.start(), START_DELAY_MS).unref();
  }

  matched(hex: string): void {
    const b = body(hex);
    this.seen.set(b, (this.seen.get(b) ?? 0) + 1);
    if (hex.slice(36, 38) === '02') this.start();
    this.advance();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.next = this.cmds.length;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.advance();
  }

  private available(raws: readonly string[]): boolean {
    const need = new Map<string, number>();
    for (const r of raws) need.set(r, (need.get(r) ?? 0) + 1);
    for (const [r, n] of need) if ((this.seen.get(r) ?? 0) < n) return false;
    return true;
  }

  private consume(raws: readonly string[]): void {
    for (const r of raws) this.seen.set(r, (this.seen.get(r) ?? 0) - 1);
  }

  private advance(): void {
    if (!this.started || !this.send) return;
    while (this.next < this.cmds.length) {
      const c = this.cmds[this.next]!;
      if (c.raws.length > 0 && this.available(c.raws)) {
        this.consume(c.raws);
        if (!this.sent) this.trace.push(`skipped (already received): ${c.command}`);
        this.next++;
        this.sent = false;
        continue;
      }
      if (this.sent) return; // waiting for its messages
      this.sent = true;
      this.trace.push(`sent: ${c.command}`);
      this.send(`${c.command}\n`);
      const index = this.next;
      this.timer = setTimeout(
        () => {
          if (this.next !== index) return;
          this.next++;
          this.sent = false;
          this.advance();
        },
        c.raws.length === 0 ? SILENT_COMMAND_MS : COMMAND_WAIT_MS,
      );
      this.timer.unref();
      return;
    }
  }
}
