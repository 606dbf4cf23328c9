/**
 * One BGP session: drives the pure FSM (src/fsm) over an injected Clock and Connection. It
 * frames and decodes what arrives, validates and negotiates the OPEN, runs the timers the FSM
 * asks for, and tells its owner (the daemon, or a test) what happened through SessionHandler.
 * It sends nothing on its own beyond OPEN, KEEPALIVE and NOTIFICATION: routes are the RIB's.
 */

import { resolveCollision } from '../fsm/collision.js';
import { NOTIFY_COLLISION, step } from '../fsm/fsm.js';
import { type Negotiated, negotiate } from '../fsm/negotiate.js';
import {
  type DownReason,
  type FsmAction,
  type FsmConfig,
  type FsmEvent,
  type FsmState,
  INITIAL_FSM_STATE,
  type NotifySpec,
  type TimerName,
} from '../fsm/types.js';
import { publishMessage, publishProblem, publishState } from '../observe/channels.js';
import type { Connection, ConnectionInfo } from '../transport/transport.js';
import { DEFAULT_CONTEXT } from '../wire/context.js';
import { NotifyError } from '../wire/error.js';
import { type Frame, Framer } from '../wire/frame.js';
import { MESSAGE_TYPE } from '../wire/iana/message-type.js';
import { encodeKeepalive } from '../wire/message/keepalive.js';
import { encodeNotification, makeNotification, type Notification } from '../wire/message/notification.js';
import { encodeOpen, type Open } from '../wire/message/open.js';
import { checkOpen, type OpenExpectations } from '../wire/message/open-check.js';
import { decodeMessage } from '../wire/message/registry.js';
import type { Message } from '../wire/message/types.js';
import { type Clock, jitterMs, type Random, type TimerHandle } from './clock.js';
import { PendingConnection } from './pending-connection.js';

export interface SessionHandler {
  /** The session reached Established; `negotiated` says what both sides agreed. */
  established(negotiated: Negotiated): void;
  /** A message arrived in Established (UPDATE, ROUTE-REFRESH, OPERATIONAL ...). */
  message(m: Message, raw: Buffer): void;
  /** The session (or attempt) ended. */
  down(reason: DownReason, wasEstablished: boolean, notification?: Notification): void;
  /** The connection can take more bytes again after send() returned false. */
  drain(): void;
  /** Every received message, including OPEN and KEEPALIVE, for the API's receive options. */
  received?(m: Message, raw: Buffer): void;
  /** Every message sent: OPEN, KEEPALIVE, NOTIFICATION, and what send() was given. */
  sent?(raw: Buffer): void;
}

export interface SessionOptions {
  /** A name for logs and events (usually the peer address). */
  readonly name: string;
  readonly fsm: FsmConfig;
  readonly localOpen: Open;
  readonly expect: OpenExpectations;
  readonly clock: Clock;
  readonly random: Random;
  /** Open an outgoing connection (TCP in the daemon, memory in tests). */
  readonly connect: () => Promise<Connection>;
  readonly handler: SessionHandler;
}

export class Session {
  private state: FsmState = INITIAL_FSM_STATE;
  private conn: Connection | undefined;
  private framer = new Framer();
  private readonly timers = new Map<TimerName, TimerHandle>();
  private attempt = 0;
  private negotiatedValue: Negotiated | undefined;
  private lastNotification: Notification | undefined;
  /** Who opened the current connection: 'out' when we dialled it. */
  private direction: 'in' | 'out' = 'out';
  /** A second connection from the peer while ours is in OpenSent/OpenConfirm (RFC 4271 §6.8). */
  private pending: PendingConnection | undefined;
  /** The peer's BGP Identifier, once an OPEN told it. */
  private remoteRouterId: string | undefined;
  /** The OPEN was already sent on a connection that wins a collision: do not send it twice. */
  private openAlreadySent = false;

  constructor(private readonly opts: SessionOptions) {}

  get stateName(): FsmState['name'] {
    return this.state.name;
  }

  get negotiated(): Negotiated | undefined {
    return this.negotiatedValue;
  }

  /** Addresses and ports of the current connection, if any. */
  get connectionInfo(): ConnectionInfo | undefined {
    return this.conn?.info;
  }

  /** Bytes queued on the connection and not yet sent. */
  get bufferedBytes(): number {
    return this.conn?.bufferedBytes ?? 0;
  }

  start(): void {
    this.fire({ type: 'manual-start' });
  }

  /** Stop with Cease/Administrative Shutdown (or the given NOTIFICATION); no reconnect. */
  stop(notify?: NotifySpec): void {
    this.fire({ type: 'manual-stop', notify });
  }

  /**
   * An incoming connection for this peer (the daemon's listener found it). While our own
   * connection is in OpenSent or OpenConfirm, it becomes a collision candidate (RFC 4271 §6.8);
   * in Established, "collision with an existing BGP connection that is in the Established state
   * causes closing of the newly created connection".
   */
  /** Stop reading from the peer (back-pressure from a slow API helper); see resumeReading. */
  pauseReading(): void {
    this.conn?.pause?.();
  }

  resumeReading(): void {
    this.conn?.resume?.();
  }

  accept(conn: Connection): void {
    const name = this.state.name;
    if (!this.conn && (name === 'active' || name === 'connect' || name === 'idle')) {
      // Started without dialling: the connection is already here.
      if (name === 'idle') this.fire({ type: 'automatic-start' }, true);
      this.attempt++;
      this.adopt(conn, 'in');
      return;
    }
    if (this.pending || (name !== 'open-sent' && name !== 'open-confirm')) {
      conn.close();
      return;
    }
    const p = new PendingConnection(conn, {
      opened: (x) => {
        this.remoteRouterId ??= x.open?.routerId;
        this.resolveCollision();
      },
      failed: (x) => this.dropPending(x),
    });
    this.pending = p;
    this.attachConnection(conn);
    this.write(encodeOpen(this.opts.localOpen), conn);
    if (this.remoteRouterId) this.resolveCollision();
  }

  /**
   * RFC 4271 §6.8: "If the value of the local BGP Identifier is less than the remote one, the
   * local system closes the BGP connection that already exists ... and accepts the BGP
   * connection initiated by the remote system." Otherwise the new connection is closed.
   */
  private resolveCollision(): void {
    const p = this.pending;
    const remote = this.remoteRouterId;
    if (!p || !remote) return;
    const winner =
      this.direction === 'out' ? resolveCollision(this.opts.localOpen.routerId, remote) : 'outgoing';
    if (winner === 'outgoing') {
      const n = NOTIFY_COLLISION;
      this.write(encodeNotification(makeNotification(n.code, n.subcode)), p.conn);
      this.dropPending(p);
      return;
    }
    this.pending = undefined;
    this.fire({ type: 'collision-lost' }); // Cease / Connection Collision Resolution on ours
    this.promote(p);
  }

  /** The candidate connection takes over as this session's connection. */
  private promote(p: PendingConnection): void {
    this.fire({ type: 'automatic-start' }, true);
    this.attempt++;
    this.conn = p.conn;
    this.framer = p.framer;
    this.direction = 'in';
    this.openAlreadySent = true;
    this.fire({ type: 'tcp-connection-confirmed' });
    if (p.open) this.onOpen(p.open);
    for (const f of p.frames) {
      if (this.conn !== p.conn) return;
      this.onFrame(f);
    }
  }

  private dropPending(p: PendingConnection): void {
    if (this.pending === p) this.pending = undefined;
    p.conn.close();
  }

  /**
   * Send an encoded message (UPDATE, ROUTE-REFRESH ...) in Established. Returns false when the
   * connection's buffer is full: wait for handler.drain().
   */
  send(raw: Buffer): boolean {
    if (!this.conn || this.state.name !== 'established') return false;
    publishMessage({ peer: this.opts.name, direction: 'out', type: raw[18] ?? 0, bytes: raw.length });
    this.opts.handler.sent?.(raw);
    return this.conn.write(raw);
  }

  /** Run one FSM event; `passive` starts without dialling (a collision winner is already here). */
  private fire(event: FsmEvent, passive = false): void {
    const before = this.state;
    const config = passive ? { ...this.opts.fsm, passive: true } : this.opts.fsm;
    const { state, actions } = step(config, before, event);
    this.state = state;
    if (before.name !== state.name)
      publishState({ peer: this.opts.name, from: before.name, to: state.name, reason: event.type });
    for (const a of actions) this.perform(a);
    // Our connection ended while a collision candidate waits: the candidate carries on.
    const p = this.pending;
    if (p && !this.conn && this.state.name === 'idle' && event.type !== 'manual-stop') {
      this.pending = undefined;
      this.promote(p);
    } else if (p && event.type === 'manual-stop') this.dropPending(p);
  }

  private perform(a: FsmAction): void {
    switch (a.kind) {
      case 'connect':
        this.dial();
        return;
      case 'listen':
        return;
      case 'close-connection':
        this.dropConnection();
        return;
      case 'send-open':
        if (!this.openAlreadySent) this.write(encodeOpen(this.opts.localOpen));
        this.openAlreadySent = false;
        return;
      case 'send-keepalive':
        this.write(encodeKeepalive());
        return;
      case 'send-notification': {
        const n = makeNotification(a.notify.code, a.notify.subcode, a.notify.data);
        this.lastNotification = n;
        this.write(encodeNotification(n));
        return;
      }
      case 'start-timer':
        this.startTimer(a.timer, a.seconds, a.jitter);
        return;
      case 'stop-timer':
        this.timers.get(a.timer)?.cancel();
        this.timers.delete(a.timer);
        return;
      case 'established':
        this.opts.handler.established(this.negotiatedValue!);
        return;
      case 'down': {
        const n = this.lastNotification;
        this.lastNotification = undefined;
        this.negotiatedValue = undefined;
        this.remoteRouterId = undefined;
        this.opts.handler.down(a.reason, a.wasEstablished, n);
        return;
      }
      case 'deliver':
        return; // delivered by onFrame, which knows the message
    }
  }

  private startTimer(timer: TimerName, seconds: number, jitter: boolean): void {
    this.timers.get(timer)?.cancel();
    const ms = jitter ? jitterMs(seconds, this.opts.random) : seconds * 1000;
    const event: FsmEvent = {
      type:
        timer === 'hold'
          ? 'hold-timer-expires'
          : timer === 'keepalive'
            ? 'keepalive-timer-expires'
            : 'connect-retry-timer-expires',
    };
    this.timers.set(
      timer,
      this.opts.clock.schedule(ms, () => {
        this.timers.delete(timer);
        this.fire(event);
      }),
    );
  }

  private dial(): void {
    const attempt = ++this.attempt;
    this.opts.connect().then(
      (conn) => {
        if (
          attempt !== this.attempt ||
          this.conn ||
          (this.state.name !== 'connect' && this.state.name !== 'active')
        ) {
          conn.close();
          return;
        }
        this.adopt(conn, 'out');
      },
      () => {
        if (attempt === this.attempt && this.state.name === 'connect')
          this.fire({ type: 'tcp-connection-fails' });
      },
    );
  }

  private adopt(conn: Connection, direction: 'in' | 'out'): void {
    this.conn = conn;
    this.framer = new Framer();
    this.direction = direction;
    this.openAlreadySent = false;
    this.attachConnection(conn);
    this.fire({ type: 'tcp-connection-confirmed' });
  }

  /** Events of `conn` go to the session while it is the session's, to the collision candidate while it is that. */
  private attachConnection(conn: Connection): void {
    conn.attach({
      data: (chunk) => {
        if (this.conn === conn) this.onData(chunk);
        else if (this.pending?.conn === conn) this.pending.push(chunk);
      },
      close: () => {
        if (this.pending?.conn === conn) this.pending = undefined;
        if (this.conn !== conn) return;
        this.conn = undefined;
        this.fire({ type: 'tcp-connection-fails' });
      },
      drain: () => {
        if (this.conn === conn) this.opts.handler.drain();
      },
    });
  }

  private dropConnection(): void {
    const c = this.conn;
    this.conn = undefined;
    c?.close();
  }

  private write(raw: Buffer, conn = this.conn): void {
    if (!conn) return;
    publishMessage({ peer: this.opts.name, direction: 'out', type: raw[18] ?? 0, bytes: raw.length });
    this.opts.handler.sent?.(raw);
    conn.write(raw);
  }

  private onData(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.framer.push(chunk);
    } catch (e) {
      if (!(e instanceof NotifyError)) throw e;
      this.fire({ type: 'bgp-header-error', notify: e });
      return;
    }
    for (const f of frames) {
      if (!this.conn) return; // an earlier frame ended the session
      this.onFrame(f);
    }
  }

  private onFrame(f: Frame): void {
    publishMessage({ peer: this.opts.name, direction: 'in', type: f.type, bytes: f.raw.length });
    const ctx = this.negotiatedValue?.decode ?? DEFAULT_CONTEXT;
    let m: Message;
    try {
      m = decodeMessage(f, ctx, { unknownType: 'notify-exabgp' });
    } catch (e) {
      if (!(e instanceof NotifyError)) throw e;
      publishProblem({
        source: 'wire',
        peer: this.opts.name,
        message: `${e.code}/${e.subcode} ${e.errorCode}: ${e.message}`,
      });
      const kind =
        f.type === MESSAGE_TYPE.OPEN
          ? 'bgp-open-error'
          : f.type === MESSAGE_TYPE.UPDATE
            ? 'update-error'
            : 'bgp-header-error';
      this.fire({ type: kind, notify: e });
      return;
    }
    const raw = Buffer.from(f.raw);
    this.opts.handler.received?.(m, raw);
    switch (m.kind) {
      case 'open':
        this.onOpen(m);
        return;
      case 'keepalive':
        this.fire({ type: 'keepalive-received' });
        return;
      case 'notification':
        this.lastNotification = m;
        this.fire({ type: 'notification-received', versionError: m.code === 2 && m.subcode === 1 });
        return;
      case 'update':
        this.fire({ type: 'update-received' });
        if (this.state.name === 'established') this.opts.handler.message(m, raw);
        return;
      default:
        this.fire({ type: 'other-message-received', messageType: f.type });
        if (this.state.name === 'established') this.opts.handler.message(m, raw);
    }
  }

  private onOpen(open: Open): void {
    if (this.state.name !== 'open-sent') {
      this.fire({ type: 'bgp-open', holdTimeSeconds: open.holdTimeSeconds });
      return;
    }
    try {
      checkOpen(open, this.opts.expect);
    } catch (e) {
      if (!(e instanceof NotifyError)) throw e;
      this.fire({ type: 'bgp-open-error', notify: e });
      return;
    }
    const n = negotiate(this.opts.localOpen, open);
    this.negotiatedValue = n;
    this.remoteRouterId = open.routerId;
    this.framer.setExtendedMessage(n.decode.extendedMessage);
    this.fire({ type: 'bgp-open', holdTimeSeconds: open.holdTimeSeconds });
    if (this.pending) this.resolveCollision();
  }
}
