/**
 * One BGP session: drives the pure FSM (src/fsm) over an injected Clock and Connection. It
 * frames and decodes what arrives, validates and negotiates the OPEN, runs the timers the FSM
 * asks for, and tells its owner (the daemon, or a test) what happened through SessionHandler.
 * It sends nothing on its own beyond OPEN, KEEPALIVE and NOTIFICATION: routes are the RIB's.
 */

import { step } from '../fsm/fsm.js';
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

  /** An incoming connection for this peer (the daemon's listener found it). */
  accept(conn: Connection): void {
    const name = this.state.name;
    if (this.conn || (name !== 'active' && name !== 'connect' && name !== 'idle')) {
      // RFC 4271 §6.8 collision handling needs both OPENs; while a connection already
      // progresses, the newer one is refused.
      conn.close();
      return;
    }
    if (name === 'idle') this.fire({ type: 'automatic-start' });
    this.attempt++;
    this.adopt(conn);
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

  private fire(event: FsmEvent): void {
    const before = this.state;
    const { state, actions } = step(this.opts.fsm, before, event);
    this.state = state;
    if (before.name !== state.name)
      publishState({ peer: this.opts.name, from: before.name, to: state.name, reason: event.type });
    for (const a of actions) this.perform(a);
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
        this.write(encodeOpen(this.opts.localOpen));
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
        this.adopt(conn);
      },
      () => {
        if (attempt === this.attempt && this.state.name === 'connect')
          this.fire({ type: 'tcp-connection-fails' });
      },
    );
  }

  private adopt(conn: Connection): void {
    this.conn = conn;
    this.framer = new Framer();
    conn.attach({
      data: (chunk) => {
        if (this.conn === conn) this.onData(chunk);
      },
      close: () => {
        if (this.conn !== conn) return;
        this.conn = undefined;
        this.fire({ type: 'tcp-connection-fails' });
      },
      drain: () => {
        if (this.conn === conn) this.opts.handler.drain();
      },
    });
    this.fire({ type: 'tcp-connection-confirmed' });
  }

  private dropConnection(): void {
    const c = this.conn;
    this.conn = undefined;
    c?.close();
  }

  private write(raw: Buffer): void {
    if (!this.conn) return;
    publishMessage({ peer: this.opts.name, direction: 'out', type: raw[18] ?? 0, bytes: raw.length });
    this.opts.handler.sent?.(raw);
    this.conn.write(raw);
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
    this.framer.setExtendedMessage(n.decode.extendedMessage);
    this.fire({ type: 'bgp-open', holdTimeSeconds: open.holdTimeSeconds });
  }
}
