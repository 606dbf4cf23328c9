/**
 * TCP connections for sessions (node:net), IPv4 and IPv6, with an optional local address and
 * port to bind, Nagle off (BGP messages are small and latency-sensitive), and a listener.
 * MD5 (RFC 2385) and TTL security (RFC 5082) socket options are added by issue #7's work.
 */
import net from 'node:net';
import type { Connection, ConnectionHandlers, ConnectionInfo } from './transport.js';

/** Above this many queued bytes, write() reports back-pressure (net.Socket's own default). */
export const TCP_HIGH_WATER_BYTES = 64 * 1024;

class TcpConnection implements Connection {
  readonly info: ConnectionInfo;
  private handlers: ConnectionHandlers | undefined;
  private closed = false;
  private ended = false;

  constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
    this.info = {
      localAddress: stripV4Mapped(socket.localAddress ?? ''),
      localPort: socket.localPort ?? 0,
      remoteAddress: stripV4Mapped(socket.remoteAddress ?? ''),
      remotePort: socket.remotePort ?? 0,
    };
    socket.pause();
  }

  attach(handlers: ConnectionHandlers): void {
    this.handlers = handlers;
    this.socket.on('data', (chunk: Buffer) => handlers.data(chunk));
    this.socket.on('drain', () => handlers.drain());
    this.socket.on('error', (err) => this.finish(err));
    this.socket.on('close', () => this.finish());
    this.socket.on('end', () => this.socket.end());
    this.socket.resume();
  }

  private finish(err?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.handlers?.close(err);
  }

  get bufferedBytes(): number {
    return this.socket.writableLength;
  }

  write(data: Buffer): boolean {
    if (this.closed) return false;
    return this.socket.write(data);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // Let queued bytes (a NOTIFICATION) leave, then close; destroy if the peer never reads.
    this.socket.end();
    this.socket.setTimeout(5000, () => this.socket.destroy());
  }
}

function stripV4Mapped(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly localAddress?: string;
  readonly localPort?: number;
  /** Give up after this long (ms) without a connection. */
  readonly timeoutMs?: number;
}

/** Open an outgoing connection. */
export function tcpConnect(opts: ConnectOptions): Promise<Connection> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: opts.host,
      port: opts.port,
      localAddress: opts.localAddress,
      localPort: opts.localPort,
      noDelay: true,
    });
    const fail = (err: Error) => {
      socket.destroy();
      reject(err);
    };
    socket.setTimeout(opts.timeoutMs ?? 10_000, () =>
      fail(new Error(`connect to ${opts.host}:${opts.port} timed out`)),
    );
    socket.once('error', fail);
    socket.once('connect', () => {
      socket.setTimeout(0);
      socket.removeListener('error', fail);
      resolve(new TcpConnection(socket));
    });
  });
}

export interface Listener {
  readonly address: { address: string; port: number };
  close(): Promise<void>;
}

/** Accept connections on host:port (port 0 picks a free one). */
export function tcpListen(
  host: string,
  port: number,
  onConnection: (c: Connection) => void,
): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ noDelay: true, pauseOnConnect: true }, (socket) =>
      onConnection(new TcpConnection(socket)),
    );
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.removeListener('error', reject);
      const a = server.address() as net.AddressInfo;
      resolve({
        address: { address: a.address, port: a.port },
        close: () => new Promise((r) => server.close(() => r())),
      });
    });
  });
}
