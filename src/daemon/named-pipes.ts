/**
 * ExaBGP-compatible named pipes for its CLI: PIPENAME.in (commands, one per line) and
 * PIPENAME.out (each command's output, then `done` / `error`). Existing pipes are used where
 * ExaBGP looks for them (application/pipe.py: /run/exabgp/, /run/UID/, /run/, the same under
 * /var/run); otherwise the daemon creates them, mode 0600, in the first of those folders it
 * may write to, else in TMPDIR.
 *
 * Never blocking: both FIFOs are opened read-write and non-blocking (a FIFO so opened never
 * waits for the other side and never sees end-of-file). What nobody reads from .out is bounded
 * by an Outbox (bgpknife.api.queue-max): past it lines are dropped and counted.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, openSync, statSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api } from '../api/api.js';
import { LineFramer } from '../api/framing.js';
import { Outbox } from '../api/outbox.js';
import { publishLog } from '../observe/channels.js';

function uid(): number {
  return process.getuid?.() ?? 0;
}

export function pipeFolders(): string[] {
  const u = uid();
  return ['/run/exabgp/', `/run/${u}/`, '/run/', '/var/run/exabgp/', `/var/run/${u}/`, '/var/run/'];
}

function isFifo(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The folder holding (or to hold) PIPENAME.in and PIPENAME.out. */
export function pipeFolder(pipename: string): { folder: string; exists: boolean } {
  for (const f of pipeFolders())
    if (isFifo(join(f, `${pipename}.in`)) && isFifo(join(f, `${pipename}.out`)))
      return { folder: f, exists: true };
  const folder = pipeFolders().find((f) => existsSync(f) && writable(f)) ?? tmpdir();
  return { folder, exists: false };
}

export class NamedPipes {
  private input: net.Socket | undefined;
  private output: net.Socket | undefined;
  private readonly created: string[] = [];

  constructor(
    private readonly folder: string,
    private readonly pipename: string,
    private readonly api: Api,
    private readonly lineMaxBytes: number,
    private readonly queueMaxBytes: number,
  ) {}

  get paths(): { in: string; out: string } {
    return { in: join(this.folder, `${this.pipename}.in`), out: join(this.folder, `${this.pipename}.out`) };
  }

  start(): boolean {
    const { in: inPath, out: outPath } = this.paths;
    try {
      for (const p of [inPath, outPath]) {
        if (isFifo(p)) continue;
        execFileSync('mkfifo', ['-m', '0600', p], { stdio: ['ignore', 'ignore', 'pipe'] });
        this.created.push(p);
      }
      const flags = constants.O_RDWR | constants.O_NONBLOCK;
      this.input = new net.Socket({ fd: openSync(inPath, flags), readable: true, writable: false });
      this.output = new net.Socket({ fd: openSync(outPath, flags), readable: false, writable: true });
    } catch (e) {
      publishLog({
        level: 'warning',
        source: 'cli',
        // execFileSync's error carries mkfifo's own stderr; one line, never the raw stream.
        message: `named pipes ${inPath}: ${(e as Error).message.split('\n').filter(Boolean).join(' ')}`,
      });
      return false;
    }
    const out = new Outbox(this.output, this.queueMaxBytes, (m) =>
      publishLog({ level: 'warning', source: 'cli', message: `${outPath}: ${m}` }),
    );
    const framer = new LineFramer(this.lineMaxBytes);
    this.input.on('data', (chunk: Buffer) => {
      for (const l of framer.push(chunk)) {
        if (l.kind === 'line') this.api.command(l.text, (line) => out.send(line));
        else out.send('error');
      }
    });
    this.input.on('error', () => {});
    this.output.on('error', () => {});
    publishLog({ level: 'info', source: 'cli', message: `named pipes ${inPath} and ${outPath}` });
    return true;
  }

  /** Close the pipes, and remove those this daemon created (pipes an operator made stay). */
  stop(): void {
    this.input?.destroy();
    this.output?.destroy();
    for (const p of this.created.splice(0)) {
      try {
        unlinkSync(p);
      } catch {
        // already gone
      }
    }
  }
}
