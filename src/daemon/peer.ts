/**
 * One configured neighbor at run time: its Session, its Adj-RIB-Out and the pump that turns
 * pending route changes into UPDATEs. The pump never blocks the event loop: it packs and
 * writes at most PUMP_MESSAGES_PER_TURN messages, then yields (setImmediate) so timers —
 * keepalives above all — run on time; when the socket's buffer is full it stops and resumes
 * on 'drain'. The pending work is bounded by the Adj-RIB-Out itself (two changes per route at
 * most), so a slow peer costs memory for its routes and never more.
 */
import type { NeighborConfig } from '../config/lower/model.js';
import type { Negotiated } from '../fsm/negotiate.js';
import type { DownReason, NotifySpec } from '../fsm/types.js';
import { DEFAULT_FSM_CONFIG } from '../fsm/types.js';
import { publishLog } from '../observe/channels.js';
import { AdjRibOut } from '../rib/adj-rib-out.js';
import { endOfRibMessages, newPackStats, type PackContext, packUpdates } from '../rib/pack.js';
import { PrefixLimit, type PrefixLimitExceeded } from '../rib/prefix-limit.js';
import type { Clock, Random, TimerHandle } from '../session/clock.js';
import { Session, type SessionHandler } from '../session/session.js';
import type { Connection } from '../transport/transport.js';
import type { Notification } from '../wire/message/notification.js';
import { REFRESH_SUBTYPE } from '../wire/message/route-refresh.js';
import type { Message } from '../wire/message/types.js';
import { familyKey } from '../wire/nlri/family.js';
import { type LocalOpenOptions, localOpen } from './local-open.js';
import { PeerRibIn } from './peer-rib-in.js';
import type { ReceivedSink } from './received-log.js';

/** Messages packed and written per event-loop turn before yielding to timers and I/O. */
export const PUMP_MESSAGES_PER_TURN = 256;
/** Seconds a session stays down after Cease/Maximum Number of Prefixes Reached, by default. */
export const MAXIMUM_PREFIX_RESTART_SECONDS = 60;

export interface PeerDeps {
  readonly clock: Clock;
  readonly random: Random;
  readonly open: Omit<LocalOpenOptions, 'fallbackRouterId'>;
  /** Open a TCP connection to this neighbor. */
  readonly connect: (n: NeighborConfig) => Promise<Connection>;
  /** Seconds between connection attempts (ExaBGP retries quickly). */
  readonly connectRetrySeconds: number;
  /** Connection attempts before giving up (0: no limit); ExaBGP's tcp.attempts. */
  readonly attempts: number;
  /** Called when the peer gave up after its last attempt. */
  readonly finished: (peer: Peer) => void;
  /** TEST HOOK: where received routes are reported (bgpknife.debug.received-file). */
  readonly received?: ReceivedSink;
  /** bgpknife.update.group-all-families (rib/pack.ts PackContext). */
  readonly groupAllFamilies?: boolean;
}

/** Session hooks for the API (daemon/api-peer.ts); the peer calls them, nothing more. */
export interface PeerObserver {
  established(): void;
  down(reason: DownReason, wasEstablished: boolean, notification?: Notification): void;
  received(m: Message, raw: Buffer): void;
  sent(raw: Buffer): void;
}

/** What identifies the same neighbor across a reload. */
export function peerId(n: NeighborConfig): string {
  return `${n.peerAddress}|${n.localAddress ?? '*'}`;
}

export class Peer implements SessionHandler {
  readonly session: Session;
  readonly rib = new AdjRibOut();
  private pack: PackContext | undefined;
  private work: Iterator<Buffer> | undefined;
  private scheduled = false;
  /** rate-limit: the second being counted, messages sent in it, and the wake-up timer. */
  private rateSecond = -1;
  private rateUsed = 0;
  private rateTimer: TimerHandle | undefined;
  private eorSent = false;
  private attemptsUsed = 0;
  private stopped = false;
  private everEstablished = false;
  /** Received UPDATEs since the session came up. */
  updatesReceived = 0;
  /** What the peer sent us, kept through its graceful restarts. */
  readonly ribIn: PeerRibIn;
  /** `maximum-prefix`: routes received per family; the restart timer while held down. */
  private readonly prefixLimit: PrefixLimit | undefined;
  private heldDown: TimerHandle | undefined;
  /** The API's hooks, set by the daemon when helpers are configured. */
  observer: PeerObserver | undefined;

  constructor(
    public config: NeighborConfig,
    private readonly deps: PeerDeps,
  ) {
    const n = config;
    const fallbackRouterId = n.localAddress && !n.localAddress.includes(':') ? n.localAddress : '127.0.0.1';
    this.session = new Session({
      name: n.peerAddress,
      fsm: {
        ...DEFAULT_FSM_CONFIG,
        passive: n.passive,
        holdTimeSeconds: n.holdTimeSeconds,
        connectRetrySeconds: deps.connectRetrySeconds,
      },
      localOpen: localOpen(n, { ...deps.open, fallbackRouterId }),
      expect: {
        peerAsn: n.peerAs,
        localRouterId: n.routerId ?? fallbackRouterId,
        internal: n.localAs !== undefined && n.localAs === n.peerAs,
      },
      clock: deps.clock,
      random: deps.random,
      connect: () => this.dial(),
      handler: this,
    });
    for (const r of n.routes) if (!r.startWithdrawn) this.rib.announce(r);
    this.ribIn = new PeerRibIn({
      name: n.peerAddress,
      clock: deps.clock,
      helper: n.capability.gracefulRestartSeconds !== undefined,
      sink: deps.received,
    });
    this.prefixLimit = n.maximumPrefix ? new PrefixLimit(n.maximumPrefix) : undefined;
  }

  get id(): string {
    return peerId(this.config);
  }

  start(): void {
    this.stopped = false;
    this.session.start();
  }

  stop(notify?: NotifySpec): void {
    this.stopped = true;
    this.heldDown?.cancel();
    this.heldDown = undefined;
    this.rateTimer?.cancel();
    this.rateTimer = undefined;
    this.session.stop(notify);
    this.ribIn.close();
  }

  accept(conn: Connection): void {
    if (this.heldDown)
      conn.close(); // down after maximum-prefix until the restart timer
    else this.session.accept(conn);
  }

  /** RFC 4486: Cease/Maximum Number of Prefixes Reached, then restart after the configured delay. */
  private overLimit(e: PrefixLimitExceeded): void {
    const seconds = this.config.maximumPrefixRestartSeconds ?? MAXIMUM_PREFIX_RESTART_SECONDS;
    publishLog({
      level: 'warning',
      source: 'peer',
      message: `${this.config.peerAddress} sent more than ${e.limit} routes for afi ${e.afi} safi ${e.safi} (maximum-prefix): closing${seconds ? `, restart in ${seconds} s` : ''}`,
    });
    this.session.stop(e.notify);
    if (!seconds) return;
    this.heldDown = this.deps.clock.schedule(seconds * 1000, () => {
      this.heldDown = undefined;
      if (!this.stopped) this.session.start();
    });
  }

  /**
   * A reload changed only this neighbor's routes: send the difference, nothing else. Routes
   * no longer configured (by family and route key) are withdrawn; the Adj-RIB-Out ignores
   * re-announcements of routes it already has as they are.
   */
  replaceRoutes(next: NeighborConfig): void {
    const keep = next.routes.ids();
    for (const r of this.config.routes.notIn(keep)) this.rib.withdraw(r);
    for (const r of next.routes) if (!r.startWithdrawn) this.rib.announce(r);
    this.config = next;
    this.schedule();
  }

  private dial(): Promise<Connection> {
    if (this.deps.attempts > 0 && this.attemptsUsed >= this.deps.attempts) {
      return Promise.reject(new Error('no connection attempts left'));
    }
    this.attemptsUsed++;
    return this.deps.connect(this.config);
  }

  /** How UPDATEs are packed for the current session (undefined while it is not established). */
  get packContext(): PackContext | undefined {
    return this.session.stateName === 'established' ? this.pack : undefined;
  }

  // --- SessionHandler --------------------------------------------------------------------

  established(n: Negotiated): void {
    const c = this.config;
    const info = this.session.connectionInfo;
    const localAddress = c.localAddress ?? info?.localAddress ?? '0.0.0.0';
    this.pack = {
      localAs: c.localAs ?? n.peerAs,
      peerAs: n.peerAs,
      localAddress,
      routerId: c.routerId ?? localAddress,
      codec: n.encode,
      families: n.families,
      groupUpdates: c.groupUpdates,
      groupAllFamilies: this.deps.groupAllFamilies ?? false,
    };
    this.eorSent = false;
    this.prefixLimit?.reset();
    // The first session sends the pending changes as queued (ExaBGP sends a route given twice
    // in the configuration twice); a later session re-sends the desired routes.
    if (this.everEstablished) this.rib.resendAll();
    this.everEstablished = true;
    this.ribIn.established(n, {
      localAddress,
      peerAddress: c.peerAddress,
      localAs: this.pack.localAs,
      peerAs: n.peerAs,
      routerId: this.pack.routerId,
    });
    this.work = undefined;
    publishLog({
      level: 'info',
      source: 'peer',
      message: `${c.peerAddress} up`,
      fields: { routes: this.rib.size },
    });
    this.observer?.established();
    this.schedule();
  }

  message(m: Message): void {
    if (m.kind === 'update') {
      this.updatesReceived++;
      this.ribIn.update(m);
      const over = this.prefixLimit?.update(m);
      if (over) this.overLimit(over);
      return;
    }
    if (m.kind !== 'route-refresh') return;
    if (m.subtype !== REFRESH_SUBTYPE.REQUEST) {
      this.ribIn.refreshMarker(m);
      return;
    }
    // RFC 2918 §4 / RFC 7313 §4: re-send the family; with enhanced route refresh, between
    // Beginning- and End-of-RIB-Refresh markers.
    const enhanced = this.session.negotiated?.enhancedRouteRefresh ?? false;
    this.rib.refresh(familyKey(m.afi, m.safi), enhanced);
    this.schedule();
  }

  down(reason: DownReason, wasEstablished: boolean, notification?: Notification): void {
    this.ribIn.down(reason, wasEstablished);
    this.observer?.down(reason, wasEstablished, notification);
    this.pack = undefined;
    this.work = undefined;
    const detail = notification ? ` (NOTIFICATION ${notification.code}/${notification.subcode})` : '';
    publishLog({
      level: wasEstablished ? 'warning' : 'info',
      source: 'peer',
      message: `${this.config.peerAddress} down: ${reason}${detail}`,
    });
    if (!this.stopped && this.deps.attempts > 0 && this.attemptsUsed >= this.deps.attempts) {
      this.stopped = true;
      this.session.stop();
      this.deps.finished(this);
    }
  }

  drain(): void {
    this.schedule();
  }

  received(m: Message, raw: Buffer): void {
    this.observer?.received(m, raw);
  }

  sent(raw: Buffer): void {
    this.observer?.sent(raw);
  }

  // --- the pump -----------------------------------------------------------------------------

  private schedule(): void {
    if (this.scheduled || !this.pack) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Pack and send up to PUMP_MESSAGES_PER_TURN messages; reschedule while work remains. */
  private pump(): void {
    const ctx = this.pack;
    if (!ctx || this.session.stateName !== 'established') return;
    for (let sent = 0; sent < PUMP_MESSAGES_PER_TURN; sent++) {
      if (!this.rateAllows()) return; // resumes at the next second
      if (!this.work) {
        if (!this.rib.hasPending()) {
          this.afterFlush(ctx);
          return;
        }
        this.work = packUpdates(this.rib.flush(), ctx, newPackStats())[Symbol.iterator]();
      }
      const next = this.work.next();
      if (next.done) {
        this.work = undefined;
        continue;
      }
      if (!this.session.send(next.value)) return; // resumes on drain
    }
    this.schedule();
  }

  /**
   * ExaBGP's `rate-limit N`: at most N UPDATEs a second to this neighbor (0: no limit). When
   * the second's budget is spent, the pump sleeps until the next second on the session clock.
   */
  private rateAllows(): boolean {
    const limit = this.config.rateLimit;
    if (limit <= 0) return true;
    const second = Math.floor(this.deps.clock.nowMs() / 1000);
    if (second !== this.rateSecond) {
      this.rateSecond = second;
      this.rateUsed = 0;
    }
    if (this.rateUsed < limit) {
      this.rateUsed++;
      return true;
    }
    if (!this.rateTimer) {
      const wait = (second + 1) * 1000 - this.deps.clock.nowMs();
      this.rateTimer = this.deps.clock.schedule(wait, () => {
        this.rateTimer = undefined;
        this.schedule();
      });
    }
    return false;
  }

  /** RFC 4724 §2: End-of-RIB per family once the initial routes are out (unless manual-eor). */
  private afterFlush(ctx: PackContext): void {
    if (this.eorSent || this.config.manualEor) return;
    this.eorSent = true;
    for (const m of endOfRibMessages(ctx)) this.session.send(m);
  }
}
