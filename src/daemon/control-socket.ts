/**
 * The control socket of `bgpknife cli`: a unix socket (mode 0600) where each connection sends
 * API command lines and reads each command's output followed by `done` or `error`, as
 * ExaBGP's named pipes answer. Lines are framed with the API's maximum line length; commands
 * run against every peer (the CLI is not bound to neighbors).
 */
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Api } from '../api/api.js';
import { LineFramer } from '../api/framing.js';
import { type Settings, setting } from '../config/env.js';
import { publishLog } from '../observe/channels.js';

/** Connections served at once; more are refused. */
export const MAX_CONTROL_CONNECTIONS = 64;

/** Where the socket is: bgpknife.api.socket, else TMPDIR/PIPENAME.sock. */
export function controlSocketPath(settings: Settings): string {
  const given = String(setting(settings, 'bgpknife.api.socket'));
  if (given) return given;
  return join(tmpdir(), `${String(setting(settings, 'exabgp.api.pipename')) || 'exabgp'}.sock`);
}

export class ControlSocket {
  private server: net.Server | undefined;
  private readonly sockets = new Set<net.Socket>();

  constructor(
    private readonly path: string,
    private readonly api: Api,
    private readonly lineMaxBytes: number,
  ) {}

  async start(): Promise<boolean> {
    if (existsSync(this.path)) {
      // A socket left by a daemon that died: remove it unless someone still answers.
      const alive = await new Promise<boolean>((r) => {
        const c = net.connect(this.path, () => {
          c.destroy();
          r(true);
        });
        c.on('error', () => r(false));
      });
      if (alive) {
        publishLog({ level: 'error', source: 'cli', message: `${this.path}: another daemon is listening` });
        return false;
      }
      unlinkSync(this.path);
    }
    const server = net.createServer((s) => this.serve(s));
    this.server = server;
    server.maxConnections = MAX_CONTROL_CONNECTIONS;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.path, () => resolve());
    });
    chmodSync(this.path, 0o600);
    publishLog({ level: 'info', source: 'cli', message: `control socket ${this.path}` });
    return true;
  }

  private serve(s: net.Socket): void {
    this.sockets.add(s);
    const framer = new LineFramer(this.lineMaxBytes);
    s.on('data', (chunk: Buffer) => {
      for (const l of framer.push(chunk)) {
        if (l.kind === 'line') this.api.command(l.text, (out) => s.write(`${out}\n`));
        else s.write('error\n');
      }
    });
    s.on('error', () => {});
    s.on('close', () => this.sockets.delete(s));
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.end();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    if (existsSync(this.path)) unlinkSync(this.path);
  }
}
