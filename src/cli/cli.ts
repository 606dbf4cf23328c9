/**
 * `bgpknife cli [--socket PATH] [COMMAND...]`: send API commands to the running daemon over its
 * control socket and print the answers, as `exabgp-cli` does over ExaBGP's named pipes. With a
 * COMMAND: send it, print its output up to `done` / `error`, exit 0 / 1. Without: read
 * commands from stdin, one per line (an interactive prompt when stdin is a terminal).
 */
import net from 'node:net';
import { createInterface } from 'node:readline';
import { loadSettings } from '../config/env.js';
import { controlSocketPath } from '../daemon/control-socket.js';
import { type CliIo, type Subcommand, UsageError } from './io.js';

const USAGE = `usage: bgpknife cli [--socket PATH] [COMMAND...]

Send an API command (show neighbor summary, show adj-rib out extensive, announce route ...,
teardown N, reload, shutdown ...) to the running daemon and print its answer. Without COMMAND,
read commands from stdin. The socket is bgpknife.api.socket (default: TMPDIR/PIPENAME.sock).`;

/** Seconds to wait for the daemon's answer to one command. */
export const ANSWER_TIMEOUT_SECONDS = 30;

class Connection {
  private buffered = '';
  private waiting: ((ok: boolean) => void) | undefined;
  private constructor(
    private readonly socket: net.Socket,
    private readonly io: CliIo,
  ) {
    socket.on('data', (c: Buffer) => this.data(c.toString('utf8')));
    socket.on('close', () => this.waiting?.(false));
  }

  static open(path: string, io: CliIo): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const s = net.connect(path, () => resolve(new Connection(s, io)));
      s.once('error', reject);
    });
  }

  private data(text: string): void {
    this.buffered += text;
    const lines = this.buffered.split('\n');
    this.buffered = lines.pop() ?? '';
    for (const l of lines) {
      if (l === 'done' || l === 'error') {
        const w = this.waiting;
        this.waiting = undefined;
        w?.(l === 'done');
      } else this.io.out(`${l}\n`);
    }
  }

  /** Send one command; resolves with whether the daemon answered `done`. */
  send(command: string): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.io.err(`bgpknife cli: no answer within ${ANSWER_TIMEOUT_SECONDS} s\n`);
        resolve(false);
      }, ANSWER_TIMEOUT_SECONDS * 1000);
      this.waiting = (ok) => {
        clearTimeout(timer);
        resolve(ok);
      };
      this.socket.write(`${command}\n`);
    });
  }

  close(): void {
    this.socket.end();
  }
}

async function interactive(conn: Connection, io: CliIo): Promise<number> {
  const rl = createInterface({ input: process.stdin, terminal: process.stdin.isTTY === true });
  let status = 0;
  if (process.stdin.isTTY) io.out('bgpknife> ');
  for await (const line of rl) {
    if (line.trim() === 'exit' || line.trim() === 'quit') break;
    if (line.trim() !== '' && !(await conn.send(line.trim()))) status = 1;
    if (process.stdin.isTTY) io.out('bgpknife> ');
  }
  return status;
}

export const cli: Subcommand = {
  summary: 'send API commands to the running daemon (show neighbor summary ...)',
  usage: USAGE,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    let socket: string | undefined;
    const words: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--socket') {
        socket = args[++i];
        if (!socket) throw new UsageError('--socket needs a path');
      } else words.push(args[i]!);
    }
    const path = socket ?? controlSocketPath(loadSettings({ env: io.env }).settings);
    let conn: Connection;
    try {
      conn = await Connection.open(path, io);
    } catch (e) {
      io.err(`bgpknife cli: cannot reach the daemon at ${path}: ${(e as Error).message}\n`);
      return 1;
    }
    try {
      if (words.length === 0) return await interactive(conn, io);
      return (await conn.send(words.join(' '))) ? 0 : 1;
    } finally {
      conn.close();
    }
  },
};
