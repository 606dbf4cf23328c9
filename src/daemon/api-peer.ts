/**
 * The API's view of one running Peer (api/port.ts ApiPeer), and the observer that turns the
 * peer's session hooks into API events: connected (our OPEN leaves), up, down with a reason,
 * negotiated, and every message sent or received. It also keeps the Adj-RIB-In when the
 * neighbor has `adj-rib-in` on, and counts UPDATEs for `show neighbor`.
 *
 * Back-pressure: when a helper has not read BACKLOG_PAUSE of its queue bound, the peer's socket
 * is paused (TCP slows the sender) until the backlog falls under BACKLOG_RESUME — at most
 * PAUSE_MAX_MS at a time, followed by as long unpaused, so a helper that stopped reading cannot
 * hold a session's KEEPALIVEs back for a hold time: then the queue's drop policy applies.
 */
import type { Api } from '../api/api.js';
import type { ApiEvent } from '../api/events/types.js';
import type { EventNeighbor } from '../api/json/envelope.js';
import type { ApiPeer } from '../api/port.js';
import type { DownReason } from '../fsm/types.js';
import type { AdjRibIn } from '../rib/adj-rib-in.js';
import type { AdjRibOut } from '../rib/adj-rib-out.js';
import type { PackContext } from '../rib/pack.js';
import { NotifyError } from '../wire/error.js';
import { MESSAGE_TYPE } from '../wire/iana/message-type.js';
import type { Notification } from '../wire/message/notification.js';
import { decodeMessage } from '../wire/message/registry.js';
import type { Message } from '../wire/message/types.js';
import type { Peer } from './peer.js';

/** ExaBGP's down reasons, as its peer loop words them. */
const DOWN_REASONS: Readonly<Record<DownReason, string>> = {
  'manual-stop': 'peer reset, message [administrative shutdown]',
  'hold-timer-expired': 'hold timer expired',
  'tcp-failure': 'TCP connection was closed by the remote end',
  'notification-received': 'notification received',
  'notification-sent': 'notification sent',
  'fsm-error': 'FSM error',
  collision: 'connection collision',
};

/** Share of a helper's queue bound above which reading from peers pauses. */
export const BACKLOG_PAUSE = 0.25;
/** Share under which reading resumes. */
export const BACKLOG_RESUME = 0.05;
/** Longest pause; the same time then passes unpaused (hold times are 3 s or more). */
export const PAUSE_MAX_MS = 1000;
const BACKLOG_POLL_MS = 5;

export class ApiPeerView implements ApiPeer {
  /** When reading was paused (undefined: reading), and when pausing is allowed again. */
  private pausedAtMs: number | undefined;
  private pauseAgainAtMs = 0;
  readonly adjRibIn: AdjRibIn | undefined;
  upSinceMs: number | undefined;
  readonly updates = { received: 0, sent: 0 };

  constructor(
    readonly peer: Peer,
    private readonly api: Api,
    private readonly nowMs: () => number,
  ) {
    // One table per peer: the one the peer keeps (graceful restart marks it stale).
    this.adjRibIn = peer.config.adjRibIn ? peer.ribIn.rib : undefined;
  }

  get config() {
    return this.peer.config;
  }

  get state(): string {
    return this.peer.session.stateName;
  }

  get negotiated() {
    return this.peer.session.negotiated;
  }

  get adjRibOut(): AdjRibOut {
    return this.peer.rib;
  }

  get packContext(): PackContext | undefined {
    return this.peer.packContext;
  }

  flush(): void {
    this.peer.drain(); // the peer's pump: sends what the Adj-RIB-Out has pending
  }

  sendNow(messages: readonly Buffer[]): boolean {
    if (this.state !== 'established') return false;
    for (const m of messages) this.peer.session.send(m);
    return true;
  }

  teardown(subcode: number): void {
    this.peer.session.stop({ code: 6, subcode });
    this.peer.session.start();
  }

  /** The neighbor block of events. */
  neighbor(): EventNeighbor {
    const c = this.config;
    const ctx = this.packContext;
    const local = c.localAddress ?? this.peer.session.connectionInfo?.localAddress ?? ctx?.localAddress ?? '';
    return {
      localAddress: local,
      peerAddress: c.peerAddress,
      localAs: c.localAs ?? this.negotiated?.peerAs ?? 0,
      peerAs: c.peerAs ?? this.negotiated?.peerAs ?? 0,
      ...(c.routerId ? { routerId: c.routerId } : local && !local.includes(':') ? { routerId: local } : {}),
    };
  }

  // --- hooks called by Peer (PeerObserver) --------------------------------------------------

  established(): void {
    this.upSinceMs = this.nowMs();
    this.api.state(this, this.neighbor(), { kind: 'up' });
    this.api.negotiated(this, this.neighbor());
  }

  down(reason: DownReason, wasEstablished: boolean, notification?: Notification): void {
    this.upSinceMs = undefined;
    if (!wasEstablished && reason === 'tcp-failure') return;
    const text = notification
      ? `${DOWN_REASONS[reason]} (${notification.code}/${notification.subcode})`
      : DOWN_REASONS[reason];
    this.api.state(this, this.neighbor(), { kind: 'down', reason: text });
  }

  received(m: Message, raw: Buffer): void {
    if (m.kind === 'update') {
      this.updates.received++; // the Peer itself applies it to its Adj-RIB-In
    }
    this.api.message(this, this.neighbor(), 'receive', raw, () => ({
      kind: 'message',
      direction: 'receive',
      message: m,
    }));
    if (this.pausedAtMs === undefined && this.api.backlog() > BACKLOG_PAUSE) this.pause();
  }

  private pause(): void {
    const now = this.nowMs();
    if (now < this.pauseAgainAtMs) return;
    this.pausedAtMs = now;
    this.peer.session.pauseReading();
    const check = (): void => {
      const at = this.pausedAtMs;
      if (at === undefined) return;
      const t = this.nowMs();
      if (this.api.backlog() > BACKLOG_RESUME && t - at < PAUSE_MAX_MS) {
        setTimeout(check, BACKLOG_POLL_MS);
        return;
      }
      this.pausedAtMs = undefined;
      if (t - at >= PAUSE_MAX_MS) this.pauseAgainAtMs = t + PAUSE_MAX_MS;
      this.peer.session.resumeReading();
    };
    setTimeout(check, BACKLOG_POLL_MS);
  }

  sent(raw: Buffer): void {
    const type = raw[18] ?? 0;
    if (type === MESSAGE_TYPE.OPEN) this.api.state(this, this.neighbor(), { kind: 'connected' });
    if (type === MESSAGE_TYPE.UPDATE) this.updates.sent++;
    if (!this.api.wants(this, 'send', type)) return;
    this.api.message(this, this.neighbor(), 'send', raw, () => this.decodeSent(raw));
  }

  private decodeSent(raw: Buffer): ApiEvent | undefined {
    const ctx = this.negotiated?.encode;
    try {
      const frame = { type: raw[18] ?? 0, body: raw.subarray(19), raw };
      const message =
        ctx || raw[18] !== MESSAGE_TYPE.UPDATE ? decodeMessage(frame, ctx ?? this.defaultCtx()) : undefined;
      return message ? { kind: 'message', direction: 'send', message } : undefined;
    } catch (e) {
      if (e instanceof NotifyError) return undefined;
      throw e;
    }
  }

  private defaultCtx() {
    return { asn4: true, addPath: new Set<number>(), extendedMessage: true, extendedNextHop: new Map() };
  }
}
