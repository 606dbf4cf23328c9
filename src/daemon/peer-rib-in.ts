/**
 * What one peer sent us, at run time: its Adj-RIB-In, kept through graceful restart as the
 * helper ("Receiving Speaker", RFC 4724 §4.2) and through enhanced route refresh (RFC 7313
 * §4.2), and reported to the test hook (received-log.ts) when one is configured.
 *
 * Graceful restart, as helper: when both sides advertised the capability and the TCP session
 * ends without a NOTIFICATION, "the Receiving Speaker MUST retain the routes received from the
 * peer for all the address families that were previously received in the Graceful Restart
 * Capability and MUST mark them as stale routes", for the peer's Restart Time. When the
 * session comes back, families without the Forwarding State bit lose their stale routes at once;
 * the others lose them on the peer's End-of-RIB, or after STALE_ROUTES_SECONDS.
 */
import type { EventNeighbor } from '../api/json/envelope.js';
import type { Negotiated } from '../fsm/negotiate.js';
import type { DownReason } from '../fsm/types.js';
import { publishLog } from '../observe/channels.js';
import { AdjRibIn } from '../rib/adj-rib-in.js';
import type { Clock, TimerHandle } from '../session/clock.js';
import type { RouteRefresh } from '../wire/message/route-refresh.js';
import { REFRESH_SUBTYPE } from '../wire/message/route-refresh.js';
import { isEndOfRib, type Update } from '../wire/message/update.js';
import { type FamilyKey, familyKey } from '../wire/nlri/family.js';
import type { Nlri } from '../wire/nlri/types.js';
import type { ReceivedSink } from './received-log.js';

/** After a restarted peer is back, how long its stale routes wait for its End-of-RIB (FRR's stalepath-time). */
export const STALE_ROUTES_SECONDS = 360;
/** RFC 4724 §3: the Forwarding State bit of a family entry. */
const FORWARDING_STATE = 0x80;

export interface PeerRibInOptions {
  readonly name: string;
  readonly clock: Clock;
  /** We advertised graceful restart (so we help the peer when it restarts). */
  readonly helper: boolean;
  readonly sink?: ReceivedSink;
}

export class PeerRibIn {
  readonly rib = new AdjRibIn();
  private negotiated: Negotiated | undefined;
  private who: EventNeighbor | undefined;
  private timer: TimerHandle | undefined;

  constructor(private readonly o: PeerRibInOptions) {}

  established(n: Negotiated, who: EventNeighbor): void {
    this.cancelTimer();
    this.negotiated = n;
    this.who = who;
    if (this.rib.size === 0) return;
    const gr = n.peerGracefulRestart;
    const kept = new Set(
      (gr?.families ?? [])
        .filter((e) => (e.flags & FORWARDING_STATE) !== 0)
        .map((e) => familyKey(e.afi, e.safi)),
    );
    // RFC 4724 §4.2: a family missing from the new capability, or without the Forwarding State
    // bit, "MUST immediately remove all the stale routes from the peer" for it.
    const drop = this.rib.families().filter((f) => !kept.has(f));
    this.remove(this.rib.purgeStale(drop), 'graceful-restart: forwarding state not kept');
    this.arm(STALE_ROUTES_SECONDS, 'graceful-restart: no End-of-RIB in time');
  }

  update(u: Update): void {
    const eor = isEndOfRib(u);
    if (this.who) this.o.sink?.update(this.who, u);
    if (eor !== undefined) {
      // RFC 4724 §4.2: "Once the End-of-RIB marker for an address family is received from the
      // peer, it MUST immediately remove any routes from the peer that are still marked as stale."
      this.remove(this.rib.purgeStale([eor]), 'graceful-restart: End-of-RIB');
      return;
    }
    this.rib.apply(u);
  }

  /** RFC 7313 §4.2: BoRR marks the family's routes stale, EoRR removes those not re-sent. */
  refreshMarker(m: RouteRefresh): void {
    const family = familyKey(m.afi, m.safi);
    if (m.subtype === REFRESH_SUBTYPE.BEGIN) this.rib.markStale([family]);
    else if (m.subtype === REFRESH_SUBTYPE.END)
      this.remove(this.rib.purgeStale([family]), 'route refresh: EoRR');
  }

  down(reason: DownReason, wasEstablished: boolean): void {
    if (!wasEstablished) return;
    this.cancelTimer();
    const gr = this.negotiated?.peerGracefulRestart;
    if (!this.o.helper || !gr || reason !== 'tcp-failure' || gr.restartTimeSeconds === 0) {
      this.remove(this.rib.clear(), `session down: ${reason}`);
      return;
    }
    const families: FamilyKey[] = gr.families.map((e) => familyKey(e.afi, e.safi));
    this.remove(this.rib.clear(this.rib.families().filter((f) => !families.includes(f))), 'session down');
    const stale = this.rib.markStale(families);
    publishLog({
      level: 'info',
      source: 'peer',
      message: `${this.o.name} restarting: ${stale} route(s) kept stale for ${gr.restartTimeSeconds} s`,
    });
    this.arm(gr.restartTimeSeconds, 'graceful-restart: restart time over');
  }

  /** The neighbor is gone for good (deconfigured, daemon stopping). */
  close(): void {
    this.cancelTimer();
    this.remove(this.rib.clear(), 'neighbor removed');
  }

  private arm(seconds: number, reason: string): void {
    this.timer = this.o.clock.schedule(seconds * 1000, () => {
      this.timer = undefined;
      this.remove(this.rib.purgeStale(), reason);
    });
  }

  private cancelTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
  }

  private remove(nlri: Nlri[], reason: string): void {
    if (nlri.length === 0) return;
    publishLog({
      level: 'info',
      source: 'peer',
      message: `${this.o.name}: ${nlri.length} route(s) removed (${reason})`,
    });
    if (this.who) this.o.sink?.removed(this.who, nlri, reason);
  }
}
