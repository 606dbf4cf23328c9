import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { resolveCollision } from '../../src/fsm/collision.js';
import { connectRetrySeconds, negotiateHoldTime, step } from '../../src/fsm/fsm.js';
import {
  DEFAULT_FSM_CONFIG,
  type FsmAction,
  type FsmConfig,
  type FsmEvent,
  type FsmState,
  INITIAL_FSM_STATE,
} from '../../src/fsm/types.js';

const config: FsmConfig = { ...DEFAULT_FSM_CONFIG, holdTimeSeconds: 90 };

/** Run events from the initial state; returns the final state and every action in order. */
function run(events: FsmEvent[], cfg = config, from: FsmState = INITIAL_FSM_STATE) {
  let state = from;
  const actions: FsmAction[] = [];
  for (const e of events) {
    const r = step(cfg, state, e);
    state = r.state;
    actions.push(...r.actions);
  }
  return { state, actions };
}

const kinds = (a: readonly FsmAction[]) =>
  a.map((x) => (x.kind === 'start-timer' || x.kind === 'stop-timer' ? `${x.kind}:${x.timer}` : x.kind));
const notifications = (a: readonly FsmAction[]) =>
  a.flatMap((x) => (x.kind === 'send-notification' ? [`${x.notify.code}/${x.notify.subcode}`] : []));

const toEstablished: FsmEvent[] = [
  { type: 'manual-start' },
  { type: 'tcp-connection-confirmed' },
  { type: 'bgp-open', holdTimeSeconds: 30 },
  { type: 'keepalive-received' },
];

describe('FSM (RFC 4271 §8)', () => {
  it('goes Idle -> Connect -> OpenSent -> OpenConfirm -> Established with the right actions', () => {
    const seen: string[] = [];
    let state = INITIAL_FSM_STATE;
    for (const e of toEstablished) {
      const r = step(config, state, e);
      state = r.state;
      seen.push(`${state.name}: ${kinds(r.actions).join(',')}`);
    }
    assert.deepEqual(seen, [
      'connect: start-timer:connect-retry,connect',
      'open-sent: stop-timer:connect-retry,send-open,start-timer:hold',
      'open-confirm: stop-timer:connect-retry,send-keepalive,start-timer:hold,start-timer:keepalive',
      'established: start-timer:hold,established',
    ]);
  });

  it('negotiates the smaller hold time and a keepalive of a third (RFC 4271 §4.2)', () => {
    const { state, actions } = run(toEstablished);
    assert.equal(state.holdTimeSeconds, 30);
    assert.equal(state.keepaliveSeconds, 10);
    const hold = actions.filter((a) => a.kind === 'start-timer' && a.timer === 'hold');
    assert.deepEqual(
      hold.map((a) => (a.kind === 'start-timer' ? a.seconds : 0)),
      [240, 30, 30],
      'large hold timer while waiting for OPEN, then the negotiated one',
    );
    assert.deepEqual(negotiateHoldTime(0, 90), { hold: 0, keepalive: 0 });
    assert.deepEqual(negotiateHoldTime(3, 90), { hold: 3, keepalive: 1 });
  });

  it('runs no hold or keepalive timer when hold time 0 is negotiated', () => {
    const { state, actions } = run([
      { type: 'manual-start' },
      { type: 'tcp-connection-confirmed' },
      { type: 'bgp-open', holdTimeSeconds: 0 },
      { type: 'keepalive-received' },
    ]);
    assert.equal(state.name, 'established');
    const after = actions.slice(actions.findIndex((a) => a.kind === 'send-keepalive'));
    assert.ok(
      !after.some((a) => a.kind === 'start-timer' && (a.timer === 'hold' || a.timer === 'keepalive')),
    );
  });

  it('sends a keepalive and re-arms the timer on keepalive-timer expiry in Established', () => {
    const { state } = run(toEstablished);
    const r = step(config, state, { type: 'keepalive-timer-expires' });
    assert.deepEqual(kinds(r.actions), ['send-keepalive', 'start-timer:keepalive']);
    assert.equal(r.state.name, 'established');
  });

  it('hold timer expiry sends NOTIFICATION 4/0, goes Idle, and schedules a retry', () => {
    const { state } = run(toEstablished);
    const r = step(config, state, { type: 'hold-timer-expires' });
    assert.equal(r.state.name, 'idle');
    assert.deepEqual(notifications(r.actions), ['4/0']);
    assert.ok(
      r.actions.some((a) => a.kind === 'down' && a.reason === 'hold-timer-expired' && a.wasEstablished),
    );
    assert.ok(r.actions.some((a) => a.kind === 'start-timer' && a.timer === 'connect-retry'));
    // The retry timer's expiry starts a new attempt.
    assert.equal(step(config, r.state, { type: 'connect-retry-timer-expires' }).state.name, 'connect');
  });

  it('answers unexpected messages with the RFC 6608 subcode for the state', () => {
    const openSent = run(toEstablished.slice(0, 2)).state;
    const openConfirm = run(toEstablished.slice(0, 3)).state;
    const est = run(toEstablished).state;
    assert.deepEqual(notifications(step(config, openSent, { type: 'update-received' }).actions), ['5/1']);
    assert.deepEqual(notifications(step(config, openSent, { type: 'keepalive-received' }).actions), ['5/1']);
    assert.deepEqual(notifications(step(config, openConfirm, { type: 'update-received' }).actions), ['5/2']);
    assert.deepEqual(notifications(step(config, est, { type: 'bgp-open', holdTimeSeconds: 90 }).actions), [
      '5/3',
    ]);
  });

  it('manual stop sends Cease/Administrative Shutdown (6/2) and does not retry', () => {
    const r = step(config, run(toEstablished).state, { type: 'manual-stop' });
    assert.deepEqual(notifications(r.actions), ['6/2']);
    assert.equal(r.state.name, 'idle');
    assert.ok(!r.actions.some((a) => a.kind === 'start-timer'));
  });

  it('a passive session listens in Active and never connects', () => {
    const passive = { ...config, passive: true };
    const r = run([{ type: 'manual-start' }, { type: 'connect-retry-timer-expires' }], passive);
    assert.equal(r.state.name, 'active');
    assert.ok(!r.actions.some((a) => a.kind === 'connect'));
    assert.ok(r.actions.some((a) => a.kind === 'listen'));
  });

  it('backs off the connect retry exponentially up to the maximum', () => {
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6].map((n) => connectRetrySeconds(config, n)),
      [5, 5, 10, 20, 40, 60, 60],
    );
    let state = INITIAL_FSM_STATE;
    state = step(config, state, { type: 'manual-start' }).state;
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = step(config, state, { type: 'tcp-connection-fails' });
      for (const a of r.actions)
        if (a.kind === 'start-timer' && a.timer === 'connect-retry') delays.push(a.seconds);
      state = step(config, r.state, { type: 'connect-retry-timer-expires' }).state;
    }
    assert.deepEqual(delays, [5, 10, 20, 40]);
    // Established resets the counter.
    const est = run(toEstablished.slice(1), config, state).state;
    assert.equal(est.connectRetryCounter, 0);
  });

  it('never leaves the six states and always answers with a list of actions (property)', () => {
    const event = fc.oneof(
      fc.constantFrom<FsmEvent>(
        { type: 'manual-start' },
        { type: 'manual-stop' },
        { type: 'automatic-start' },
        { type: 'connect-retry-timer-expires' },
        { type: 'hold-timer-expires' },
        { type: 'keepalive-timer-expires' },
        { type: 'tcp-connection-confirmed' },
        { type: 'tcp-connection-fails' },
        { type: 'notification-received', versionError: false },
        { type: 'keepalive-received' },
        { type: 'update-received' },
        { type: 'collision-lost' },
        { type: 'update-error', notify: { code: 3, subcode: 1 } },
      ),
      fc.integer({ min: 0, max: 65535 }).map((h): FsmEvent => ({ type: 'bgp-open', holdTimeSeconds: h })),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let state = INITIAL_FSM_STATE;
        for (const e of events) {
          const r = step(config, state, e);
          assert.ok(
            ['idle', 'connect', 'active', 'open-sent', 'open-confirm', 'established'].includes(r.state.name),
          );
          // Whenever we fall back to Idle from a connected state, the connection is closed.
          if (r.state.name === 'idle' && state.name !== 'idle')
            assert.ok(r.actions.some((a) => a.kind === 'close-connection'));
          state = r.state;
        }
      }),
    );
  });
});

describe('collision detection (RFC 4271 §6.8)', () => {
  it('keeps the connection opened by the speaker with the higher BGP identifier', () => {
    assert.equal(resolveCollision('10.0.0.1', '10.0.0.2'), 'incoming');
    assert.equal(resolveCollision('10.0.0.2', '10.0.0.1'), 'outgoing');
    // Compared as unsigned integers, not as strings.
    assert.equal(resolveCollision('9.0.0.0', '10.0.0.0'), 'incoming');
    assert.equal(resolveCollision('200.0.0.0', '100.0.0.0'), 'outgoing');
  });
});
