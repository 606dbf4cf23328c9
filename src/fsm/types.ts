/**
 * The BGP finite state machine's vocabulary (RFC 4271 §8): states, events, and the actions a
 * transition asks the session driver to carry out. Everything is plain data; the FSM itself
 * (fsm.ts) is a pure function from (state, event) to (state, actions).
 */

export type FsmStateName = 'idle' | 'connect' | 'active' | 'open-sent' | 'open-confirm' | 'established';

export type TimerName = 'connect-retry' | 'hold' | 'keepalive';

/** Per-session settings the FSM needs; everything else stays in the session. */
export interface FsmConfig {
  /** Only accept connections; never initiate one (RFC 4271 PassiveTcpEstablishment). */
  readonly passive: boolean;
  /** Hold time we propose, in seconds: 0 or 3..65535 (RFC 4271 §4.2). */
  readonly holdTimeSeconds: number;
  /** Base ConnectRetryTime in seconds (RFC 4271 §10 suggests 120; ExaBGP retries faster). */
  readonly connectRetrySeconds: number;
  /** Upper bound for the backed-off ConnectRetryTime. */
  readonly maxConnectRetrySeconds: number;
  /** RFC 4271 §8.2.1.3: the "large" hold time used while waiting for the peer's OPEN. */
  readonly openHoldSeconds: number;
}

export const DEFAULT_FSM_CONFIG: FsmConfig = Object.freeze({
  passive: false,
  holdTimeSeconds: 180,
  connectRetrySeconds: 5,
  maxConnectRetrySeconds: 60,
  openHoldSeconds: 240,
});

export interface FsmState {
  readonly name: FsmStateName;
  /** RFC 4271 §8: ConnectRetryCounter, reset on a good session; drives the back-off. */
  readonly connectRetryCounter: number;
  /** Negotiated hold time (seconds), once OPENs were exchanged; 0 means no hold timer. */
  readonly holdTimeSeconds: number;
  /** Negotiated keepalive interval (seconds); 0 means none are sent. */
  readonly keepaliveSeconds: number;
}

export const INITIAL_FSM_STATE: FsmState = Object.freeze({
  name: 'idle',
  connectRetryCounter: 0,
  holdTimeSeconds: 0,
  keepaliveSeconds: 0,
});

/** A NOTIFICATION to send: code, subcode, data (RFC 4271 §4.5). */
export interface NotifySpec {
  readonly code: number;
  readonly subcode: number;
  readonly data?: Uint8Array;
}

/** Events, named after RFC 4271 §8.1 (numbers in comments). */
export type FsmEvent =
  | { readonly type: 'manual-start' } // 1 (4 and 5 when config.passive)
  | { readonly type: 'manual-stop'; readonly notify?: NotifySpec } // 2
  | { readonly type: 'automatic-start' } // 3 (5 when passive)
  | { readonly type: 'connect-retry-timer-expires' } // 9
  | { readonly type: 'hold-timer-expires' } // 10
  | { readonly type: 'keepalive-timer-expires' } // 11
  | { readonly type: 'tcp-connection-confirmed' } // 16/17: outgoing connected or incoming accepted
  | { readonly type: 'tcp-connection-fails' } // 18
  /** 19: a valid OPEN; `holdTimeSeconds` is the peer's proposal. */
  | { readonly type: 'bgp-open'; readonly holdTimeSeconds: number }
  /** 21/22: a header or OPEN error found by the decoder or the OPEN checks. */
  | { readonly type: 'bgp-header-error'; readonly notify: NotifySpec }
  | { readonly type: 'bgp-open-error'; readonly notify: NotifySpec }
  | { readonly type: 'notification-received'; readonly versionError: boolean } // 24/25
  | { readonly type: 'keepalive-received' } // 26
  | { readonly type: 'update-received' } // 27
  | { readonly type: 'update-error'; readonly notify: NotifySpec } // 28
  /** ROUTE-REFRESH and OPERATIONAL: valid only in Established (RFC 2918 §3). */
  | { readonly type: 'other-message-received'; readonly messageType: number }
  /** RFC 4271 §6.8: this connection lost a collision; close it with Cease 7. */
  | { readonly type: 'collision-lost' };

export type FsmEventType = FsmEvent['type'];

/** Why a session went down, for logs and the API's "down" event. */
export type DownReason =
  | 'manual-stop'
  | 'hold-timer-expired'
  | 'tcp-failure'
  | 'notification-received'
  | 'notification-sent'
  | 'fsm-error'
  | 'collision';

/** What the driver must do, in order. */
export type FsmAction =
  | { readonly kind: 'connect' }
  | { readonly kind: 'listen' }
  | { readonly kind: 'close-connection' }
  | { readonly kind: 'send-open' }
  | { readonly kind: 'send-keepalive' }
  | { readonly kind: 'send-notification'; readonly notify: NotifySpec }
  | {
      readonly kind: 'start-timer';
      readonly timer: TimerName;
      readonly seconds: number;
      readonly jitter: boolean;
    }
  | { readonly kind: 'stop-timer'; readonly timer: TimerName }
  /** Entered Established: announce the Adj-RIB-Out. */
  | { readonly kind: 'established' }
  /** Left Established or a session attempt: `reason` says why. */
  | { readonly kind: 'down'; readonly reason: DownReason; readonly wasEstablished: boolean }
  /** Hand a received UPDATE (or ROUTE-REFRESH/OPERATIONAL) to the RIB. */
  | { readonly kind: 'deliver' };

export interface FsmResult {
  readonly state: FsmState;
  readonly actions: readonly FsmAction[];
}
