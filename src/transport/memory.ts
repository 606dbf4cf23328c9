/**
 * Two connected in-process Connections. Writes are delivered on a later microtask, in order,
 * never synchronously, so re-entrancy behaves like a socket. Back-pressure is modelled with a
 * high-water mark on bytes written but not yet delivered.
 */
import type { Connection, ConnectionHandlers, ConnectionInfo } from './transport.js';

export const MEMORY_HIGH_WATER_BYTES = 64 * 1024;

class MemoryEnd implements Connection {
  peer!: MemoryEnd;
  private handlers: ConnectionHandlers | undefined;
  private inbox: Buffer[] = [];
  private inflight = 0;
  private closed = false;
  private scheduled = false;

  constructor(readonly info: ConnectionInfo) {}

  attach(handlers: ConnectionHandlers): void {
    this.handlers = handlers;
    this.flushSoon();
  }

  get bufferedBytes(): number {
    return this.peer.inflight;
  }

  write(data: Buffer): boolean {
    if (this.closed) return false;
    this.peer.inbox.push(Buffer.from(data));
    this.peer.inflight += data.length;
    this.peer.flushSoon();
    return this.peer.inflight < MEMORY_HIGH_WATER_BYTES;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.peer.remoteClosed();
  }

  private remoteClosed(): void {
    this.inbox.push(Buffer.alloc(0)); // end marker, delivered after pending data
    this.flushSoon();
  }

  private flushSoon(): void {
    if (this.scheduled || !this.handlers) return;
    this.scheduled = true;
    queueMicrotask(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const h = this.handlers;
    if (!h) return;
    const wasAbove = this.inflight >= MEMORY_HIGH_WATER_BYTES;
    while (this.inbox.length > 0) {
      const chunk = this.inbox.shift()!;
      if (chunk.length === 0) {
        this.closed = true;
        this.inbox = [];
        h.close();
        return;
      }
      this.inflight -= chunk.length;
      if (!this.closed) h.data(chunk);
    }
    if (wasAbove) this.peer.handlers?.drain();
  }
}

/** A connected pair: what `a` writes, `b` reads, and the reverse. */
export function memoryPair(
  a: Omit<ConnectionInfo, 'remoteAddress' | 'remotePort'> = { localAddress: '127.0.0.1', localPort: 179 },
  b: Omit<ConnectionInfo, 'remoteAddress' | 'remotePort'> = { localAddress: '127.0.0.2', localPort: 50000 },
): [Connection, Connection] {
  const ea = new MemoryEnd({ ...a, remoteAddress: b.localAddress, remotePort: b.localPort });
  const eb = new MemoryEnd({ ...b, remoteAddress: a.localAddress, remotePort: a.localPort });
  ea.peer = eb;
  eb.peer = ea;
  return [ea, eb];
}
