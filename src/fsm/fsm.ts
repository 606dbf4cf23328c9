/**
 * The BGP finite state machine (RFC 4271 §8.2.2) as a pure transition function:
 * `step(config, state, event)` returns the next state and the actions the driver must perform.
 * No sockets, no clocks: timers are actions, expiries are events.
 *
 * Unexpected messages get the RFC 6608 FSM error subcodes:
 *   5/1 "Receive Unexpected Message in OpenSent State"
 *   5/2 "Receive Unexpected Message in OpenConfirm State"
 *   5/3 "Receive Unexpected Message in Established State"
 */
import type {
  DownReason,
  FsmAction,
  FsmConfig,
  FsmEvent,
  FsmResult,
  FsmState,
  NotifySpec,
  TimerName,
} from './types.js';

export const NOTIFY_HOLD_TIMER_EXPIRED: NotifySpec = { code: 4, subcode: 0 };
export const NOTIFY_ADMIN_SHUTDOWN: NotifySpec = { code: 6, subcode: 2 };
export const NOTIFY_COLLISION: NotifySpec = { code: 6, subcode: 7 };
const FSM_ERROR_SUBCODE = { 'open-sent': 1, 'open-confirm': 2, established: 3 } as const;

const ALL_TIMERS: readonly TimerName[] = ['connect-retry', 'hold', 'keepalive'];

const start = (timer: TimerName, seconds: number, jitter = false): FsmAction => ({
  kind: 'start-timer',
  timer,
  seconds,
  jitter,
});
const stop = (timer: TimerName): FsmAction => ({ kind: 'stop-timer', timer });

/**
 * The connect-retry delay after `failures` consecutive failures: the base time doubled per
 * failure, capped (the driver applies jitter, RFC 4271 §10).
 */
export function connectRetrySeconds(config: FsmConfig, failures: number): number {
  const doubled = config.connectRetrySeconds * 2 ** Math.min(Math.max(failures - 1, 0), 16);
  return Math.min(doubled, config.maxConnectRetrySeconds);
}

/** RFC 4271 §4.2: the session uses the smaller of the two hold times; keepalive is a third. */
export function negotiateHoldTime(local: number, remote: number): { hold: number; keepalive: number } {
  const hold = Math.min(local, remote);
  return { hold, keepalive: hold === 0 ? 0 : Math.max(1, Math.floor(hold / 3)) };
}

/** Begin a connection attempt from Idle (manual or automatic start). */
function begin(config: FsmConfig, state: FsmState): FsmResult {
  const timer = start('connect-retry', connectRetrySeconds(config, state.connectRetryCounter), true);
  if (config.passive) return { state: { ...state, name: 'active' }, actions: [timer, { kind: 'listen' }] };
  return { state: { ...state, name: 'connect' }, actions: [timer, { kind: 'connect' }] };
}

/**
 * Back to Idle. Unless it was a manual stop, the connect-retry timer is armed with back-off so
 * that its expiry restarts the session (RFC 4271 §8.1.1 automatic start).
 */
function toIdle(
  config: FsmConfig,
  state: FsmState,
  reason: DownReason,
  opts: { notify?: NotifySpec; manual?: boolean } = {},
): FsmResult {
  const actions: FsmAction[] = [];
  if (opts.notify) actions.push({ kind: 'send-notification', notify: opts.notify });
  actions.push({ kind: 'close-connection' });
  for (const t of ALL_TIMERS) actions.push(stop(t));
  actions.push({ kind: 'down', reason, wasEstablished: state.name === 'established' });
  const counter = opts.manual ? 0 : state.connectRetryCounter + 1;
  const next: FsmState = {
    name: 'idle',
    connectRetryCounter: counter,
    holdTimeSeconds: 0,
    keepaliveSeconds: 0,
  };
  if (!opts.manual) actions.push(start('connect-retry', connectRetrySeconds(config, counter), true));
  return { state: next, actions };
}

function connectionUp(config: FsmConfig, state: FsmState): FsmResult {
  return {
    state: { ...state, name: 'open-sent' },
    actions: [stop('connect-retry'), { kind: 'send-open' }, start('hold', config.openHoldSeconds)],
  };
}

/** Events whose handling is the same in every state but Idle. */
function common(config: FsmConfig, state: FsmState, event: FsmEvent): FsmResult | undefined {
  switch (event.type) {
    case 'manual-stop':
      return toIdle(config, state, 'manual-stop', {
        notify:
          state.name === 'connect' || state.name === 'active'
            ? undefined
            : (event.notify ?? NOTIFY_ADMIN_SHUTDOWN),
        manual: true,
      });
    case 'tcp-connection-fails':
      return toIdle(config, state, 'tcp-failure');
    case 'notification-received':
      return toIdle(config, state, 'notification-received');
    case 'bgp-header-error':
    case 'bgp-open-error':
    case 'update-error':
      return toIdle(config, state, 'notification-sent', { notify: event.notify });
    case 'collision-lost':
      return toIdle(config, state, 'collision', { notify: NOTIFY_COLLISION });
    default:
      return undefined;
  }
}

/** RFC 6608: any other message or event in an OPEN or Established state is an FSM error. */
function fsmError(config: FsmConfig, state: FsmState): FsmResult {
  const name = state.name;
  if (name === 'open-sent' || name === 'open-confirm' || name === 'established') {
    return toIdle(config, state, 'fsm-error', { notify: { code: 5, subcode: FSM_ERROR_SUBCODE[name] } });
  }
  return toIdle(config, state, 'fsm-error');
}

const ignore = (state: FsmState): FsmResult => ({ state, actions: [] });

function idle(config: FsmConfig, state: FsmState, event: FsmEvent): FsmResult {
  switch (event.type) {
    case 'manual-start':
      return begin(config, { ...state, connectRetryCounter: 0 });
    case 'automatic-start':
    case 'connect-retry-timer-expires':
      return begin(config, state);
    default:
      // RFC 4271 §8.2.2: other events in Idle are ignored; a stray connection is closed.
      return event.type === 'tcp-connection-confirmed'
        ? { state, actions: [{ kind: 'close-connection' }] }
        : ignore(state);
  }
}

function connecting(config: FsmConfig, state: FsmState, event: FsmEvent): FsmResult {
  switch (event.type) {
    case 'connect-retry-timer-expires': {
      const retry = start('connect-retry', connectRetrySeconds(config, state.connectRetryCounter), true);
      if (config.passive) return { state: { ...state, name: 'active' }, actions: [retry] };
      return {
        state: { ...state, name: 'connect' },
        actions: [{ kind: 'close-connection' }, retry, { kind: 'connect' }],
      };
    }
    case 'tcp-connection-confirmed':
      return connectionUp(config, state);
    case 'automatic-start':
    case 'manual-start':
      return ignore(state);
    default:
      return common(config, state, event) ?? fsmError(config, state);
  }
}

function openSent(config: FsmConfig, state: FsmState, event: FsmEvent): FsmResult {
  switch (event.type) {
    case 'bgp-open': {
      const { hold, keepalive } = negotiateHoldTime(config.holdTimeSeconds, event.holdTimeSeconds);
      const actions: FsmAction[] = [stop('connect-retry'), { kind: 'send-keepalive' }];
      if (hold > 0) actions.push(start('hold', hold), start('keepalive', keepalive, true));
      else actions.push(stop('hold'));
      return {
        state: { ...state, name: 'open-confirm', holdTimeSeconds: hold, keepaliveSeconds: keepalive },
        actions,
      };
    }
    case 'hold-timer-expires':
      return toIdle(config, state, 'hold-timer-expired', { notify: NOTIFY_HOLD_TIMER_EXPIRED });
    case 'automatic-start':
    case 'manual-start':
    case 'tcp-connection-confirmed': // a second connection is the driver's collision case
      return ignore(state);
    default:
      return common(config, state, event) ?? fsmError(config, state);
  }
}

function openConfirm(config: FsmConfig, state: FsmState, event: FsmEvent): FsmResult {
  switch (event.type) {
    case 'keepalive-received': {
      const actions: FsmAction[] = [];
      if (state.holdTimeSeconds > 0) actions.push(start('hold', state.holdTimeSeconds));
      actions.push({ kind: 'established' });
      return { state: { ...state, name: 'established', connectRetryCounter: 0 }, actions };
    }
    case 'keepalive-timer-expires':
      return {
        state,
        actions: [{ kind: 'send-keepalive' }, start('keepalive', state.keepaliveSeconds, true)],
      };
    case 'hold-timer-expires':
      return toIdle(config, state, 'hold-timer-expired', { notify: NOTIFY_HOLD_TIMER_EXPIRED });
    case 'automatic-start':
    case 'manual-start':
    case 'tcp-connection-confirmed':
      return ignore(state);
    default:
      return common(config, state, event) ?? fsmError(config, state);
  }
}

function established(config: FsmConfig, state: FsmState, event: FsmEvent): FsmResult {
  const restartHold: FsmAction[] = state.holdTimeSeconds > 0 ? [start('hold', state.holdTimeSeconds)] : [];
  switch (event.type) {
    case 'keepalive-timer-expires':
      return {
        state,
        actions: [{ kind: 'send-keepalive' }, start('keepalive', state.keepaliveSeconds, true)],
      };
    case 'keepalive-received':
      return { state, actions: restartHold };
    case 'update-received':
    case 'other-message-received':
      return { state, actions: [...restartHold, { kind: 'deliver' }] };
    case 'hold-timer-expires':
      return toIdle(config, state, 'hold-timer-expired', { notify: NOTIFY_HOLD_TIMER_EXPIRED });
    case 'automatic-start':
    case 'manual-start':
    case 'tcp-connection-confirmed':
      return ignore(state);
    default:
      return common(config, state, event) ?? fsmError(config, state);
  }
}

/** One transition. Pure: same inputs, same outputs. */
export function step(config: FsmConfig, state: FsmState, event: FsmEvent): FsmResult {
  switch (state.name) {
    case 'idle':
      return idle(config, state, event);
    case 'connect':
    case 'active':
      return connecting(config, state, event);
    case 'open-sent':
      return openSent(config, state, event);
    case 'open-confirm':
      return openConfirm(config, state, event);
    case 'established':
      return established(config, state, event);
  }
}
