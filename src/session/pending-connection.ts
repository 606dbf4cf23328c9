/**
 * A second connection to the same peer while the first is in OpenSent or OpenConfirm: the
 * candidate of a connection collision (RFC 4271 §6.8). We send our OPEN on it and read up to
 * the peer's OPEN, so that "the BGP Identifier of the remote system" is known; the frames that
 * follow the OPEN (the peer's KEEPALIVE) are kept, to be replayed if this connection wins.
 * Anything but an OPEN first, a framing or decoding error, or too many frames drops it.
 */
import type { Connection } from '../transport/transport.js';
import { DEFAULT_CONTEXT } from '../wire/context.js';
import { type Frame, Framer } from '../wire/frame.js';
import { MESSAGE_TYPE } from '../wire/iana/message-type.js';
import type { Open } from '../wire/message/open.js';
import { decodeMessage } from '../wire/message/registry.js';

/** Frames kept after the OPEN before the collision is resolved (the peer should send one KEEPALIVE). */
export const MAX_PENDING_FRAMES = 16;

export class PendingConnection {
  framer = new Framer();
  open: Open | undefined;
  readonly frames: Frame[] = [];

  constructor(
    readonly conn: Connection,
    private readonly events: { opened(p: PendingConnection): void; failed(p: PendingConnection): void },
  ) {}

  /** Bytes that arrived on the candidate connection. */
  push(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.framer.push(chunk);
    } catch {
      this.events.failed(this);
      return;
    }
    const hadOpen = this.open !== undefined;
    for (const f of frames) {
      if (this.open) {
        if (this.frames.length >= MAX_PENDING_FRAMES) {
          this.events.failed(this);
          return;
        }
        this.frames.push(f);
        continue;
      }
      const m = f.type === MESSAGE_TYPE.OPEN ? this.decodeOpen(f) : undefined;
      if (!m) {
        this.events.failed(this);
        return;
      }
      this.open = m;
    }
    // Told after the whole chunk is read, so frames behind the OPEN are kept for replay.
    if (!hadOpen && this.open) this.events.opened(this);
  }

  private decodeOpen(f: Frame): Open | undefined {
    try {
      const m = decodeMessage(f, DEFAULT_CONTEXT, { unknownType: 'notify-exabgp' });
      return m.kind === 'open' ? m : undefined;
    } catch {
      return undefined;
    }
  }
}
