/**
 * TCP connections for sessions (node:net), IPv4 and IPv6, with an optional local address and
 * port to bind, Nagle off (BGP messages are small and latency-sensitive), and a listener.
 * With `security`, MD5 signatures (RFC 2385) and TTL security (RFC 5082) are set on the socket
 * before the first SYN (secure-socket.ts); without, nothing but node:net is used.
 */
import net from 'node:net';
import { setMinimumTtl, setOutgoingTtl } from './native-socket.js';
import {
  addressFamily,
  descriptorOf,
  hasConnectSecurity,
  hasListenSecurity,
  type ListenSecurity,
  secureAccepted,
  secureListenDescriptor,
  secureSocket,
  type TcpSecurity,
  updateListenKeys,
} from './secure-socket.js';
import type { Connection, ConnectionHandlers, ConnectionInfo } from './transport.js';

export type { ListenSecurity, TcpSecurity } from './secure-socket.js';

/** Above this many queued bytes, write() reports back-pressure (net.Socket's own default). */
export const TCP_HIGH_WATER_BYTES = 64 * 1024;

class TcpConnection implements Connection {
  readonly info: ConnectionInfo;
  private handlers: ConnectionHandlers | undefined;
  private closed = false;
  private corked = false;
  private writesThisTick = 0;
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

  pause(): void {
    if (!this.closed) this.socket.pause();
  }

  resume(): void {
    if (!this.closed) this.socket.resume();
  }

  /**
   * The first write of a tick goes out at once (a lone KEEPALIVE or NOTIFICATION leaves as it
   * always did); the writes after it in the same tick are corked and leave in one system call
   * on the next tick. A table of IPv6 routes is sent one UPDATE per route (as ExaBGP does), and
   * a write per message cost a third of the daemon's CPU (BENCHMARKS.md).
   */
  write(data: Buffer): boolean {
    if (this.closed) return false;
    if (this.writesThisTick++ === 0) {
      process.nextTick(() => {
        this.writesThisTick = 0;
        if (!this.corked) return;
        this.corked = false;
        this.socket.uncork();
      });
    } else if (!this.corked) {
      this.corked = true;
      this.socket.cork();
    }
    return this.socket.write(data);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // A connection refused before it was attached has nothing to deliver: close it now, so a
    // flood of connections does not hold a descriptor each for the 5 s below.
    if (!this.handlers) {
      this.socket.destroy();
      return;
    }
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
  /** MD5 key and TTL options, set before the SYN. */
  readonly security?: TcpSecurity;
}

/** A plain node:net connection, or a pre-configured socket (security) connecting the same way. */
function startConnect(opts: ConnectOptions): net.Socket {
  if (!hasConnectSecurity(opts.security)) {
    return net.connect({
      host: opts.host,
      port: opts.port,
      localAddress: opts.localAddress,
      localPort: opts.localPort,
      noDelay: true,
    });
  }
  const socket = secureSocket(opts.host, opts.security, opts.localAddress, opts.localPort);
  return socket.connect({ host: opts.host, port: opts.port, noDelay: true });
}

/** Open an outgoing connection. */
export function tcpConnect(opts: ConnectOptions): Promise<Connection> {
  return new Promise((resolve, reject) => {
    let socket: net.Socket;
    try {
      socket = startConnect(opts);
    } catch (e) {
      reject(e);
      return;
    }
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
  /** Replace the listening socket's MD5 keys and minimum TTL (after a reload). */
  setSecurity(security: ListenSecurity): void;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** MD5 keys (by peer) and minimum TTL of the listening socket, set before listen(2). */
  readonly security?: ListenSecurity;
  /** TTL options for a connection accepted from this remote address, set before onConnection. */
  readonly accepted?: (remoteAddress: string) => TcpSecurity | undefined;
}

/** Accept connections on host:port (port 0 picks a free one). */
export function tcpListen(
  host: string,
  port: number,
  onConnection: (c: Connection) => void,
  options: ListenOptions = {},
): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const server = net.createServer({ noDelay: true, pauseOnConnect: true }, (socket) => {
      try {
        const security = options.accepted?.(stripV4Mapped(socket.remoteAddress ?? ''));
        if (security) secureAccepted(socket, security);
      } catch {
        socket.destroy();
        return;
      }
      onConnection(new TcpConnection(socket));
    });
    let current = options.security;
    const ready = () => {
      server.removeListener('error', reject);
      const a = server.address() as net.AddressInfo;
      resolve({
        address: { address: a.address, port: a.port },
        setSecurity: (next) => {
          const fd = descriptorOf(server);
          if (fd === undefined) return;
          const family = addressFamily(host);
          updateListenKeys(fd, family, current?.md5Keys, next.md5Keys);
          if ((next.minimumTtl ?? 0) !== (current?.minimumTtl ?? 0))
            setMinimumTtl(fd, family, next.minimumTtl ?? 0);
          // 0 is no TTL: -1 restores the system default (ip_default_ttl / hop_limit).
          if ((next.outgoingTtl ?? 0) !== (current?.outgoingTtl ?? 0))
            setOutgoingTtl(fd, family, next.outgoingTtl || -1);
          current = next;
        },
        close: () => new Promise((r) => server.close(() => r())),
      });
    };
    server.once('error', reject);
    if (!hasListenSecurity(options.security)) {
      server.listen({ host, port, exclusive: true }, ready);
      return;
    }
    try {
      server.listen({ fd: secureListenDescriptor(host, port, options.security) }, ready);
    } catch (e) {
      reject(e);
    }
  });
}
