/**
 * A byte-stream connection to a peer, as the session sees it. TCP (tcp.ts) and an in-process
 * pair (memory.ts) implement it, so two speakers can run a whole session inside one test.
 */

export interface ConnectionInfo {
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
}

export interface ConnectionHandlers {
  data(chunk: Buffer): void;
  /** The peer closed or the connection failed; `error` says why when it failed. */
  close(error?: Error): void;
  /** The write buffer drained below its high-water mark. */
  drain(): void;
}

export interface Connection {
  readonly info: ConnectionInfo;
  /** Start delivering events to these handlers. */
  attach(handlers: ConnectionHandlers): void;
  /** Queue bytes; false when the buffer is above its high-water mark (wait for drain). */
  write(data: Buffer): boolean;
  /** Bytes queued but not yet handed to the peer. */
  readonly bufferedBytes: number;
  /**
   * Stop / start delivering received data (TCP flow control then slows the peer). Optional:
   * a transport without it is never paused.
   */
  pause?(): void;
  resume?(): void;
  close(): void;
}
