/**
 * The API over fake helpers and peers: commands are executed and answered as ExaBGP does
 * (`done` / `error`, ack switches), bad input changes nothing, a flood is served in batches,
 * and events reach the helpers that asked for them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Api, COMMANDS_PER_TURN, MAX_QUEUED_CHARS, ROUTES_PER_TURN } from '../../src/api/api.js';
import { ManualClock } from '../../src/session/clock.js';
import { FakeChild } from './fake-child.js';
import { CONFIG, FakeHost, FakePeer, neighbor } from './support.js';

function setup(encoder: 'json' | 'text' = 'json') {
  const peer = new FakePeer(neighbor(CONFIG));
  const host = new FakeHost([peer]);
  const children: FakeChild[] = [];
  let turns = 0;
  const api = new Api({
    host,
    spawn: () => {
      const c = new FakeChild();
      children.push(c);
      return c;
    },
    clock: new ManualClock(),
    defer: (fn) =>
      setImmediate(() => {
        turns++;
        fn();
      }),
    lineMaxBytes: 4096,
    queueMaxBytes: 1 << 20,
    ack: true,
    respawn: true,
    dialect: '5.0',
    stamp: () => ({ timeSeconds: 1, host: 'h', pid: 2, ppid: 3 }),
    report: () => {},
    gaveUp: () => {},
  });
  api.configure([{ name: 'helper', run: ['/bin/true'], encoder, respawn: true }]);
  const child = children[0]!;
  const settle = async () => {
    for (let i = 0; i < 200; i++) await new Promise((r) => setImmediate(r));
  };
  return { api, peer, host, child, settle, turns: () => turns };
}

describe('Api commands', () => {
  it('announces and withdraws routes, answering done', async () => {
    const t = setup();
    t.child.say('announce route 10.0.0.0/8 next-hop 192.0.2.254\n');
    await t.settle();
    assert.deepEqual(t.child.written, ['done']);
    assert.equal(t.peer.adjRibOut.size, 1);
    assert.ok(t.peer.flushes > 0);
    t.child.say('withdraw route 10.0.0.0/8\n');
    await t.settle();
    assert.equal(t.peer.adjRibOut.size, 0);
  });

  it('answers error to invalid commands and binary garbage, and changes nothing', async () => {
    const t = setup();
    t.child.say('announce route 10.0.0.0/33 next-hop 1.2.3.4\nfrobnicate\n');
    t.child.say(Buffer.from([0, 1, 2, 0xff, 0x0a]));
    t.child.say('neighbor 198.51.100.1 announce route 10.0.0.0/8 next-hop 1.2.3.4\n');
    await t.settle();
    assert.deepEqual(t.child.written, ['error', 'error', 'error', 'error']);
    assert.equal(t.peer.adjRibOut.size, 0);
  });

  it('follows the ack switches as ExaBGP: disable answers done once, silence answers nothing', async () => {
    const t = setup();
    t.child.say('disable-ack\nversion\nenable-ack\nsilence-ack\nversion\n');
    await t.settle();
    assert.deepEqual(t.child.written, ['done', 'exabgp 5.0.0-test', 'done', 'exabgp 5.0.0-test']);
  });

  it('shows the neighbor summary in ExaBGP format', async () => {
    const t = setup();
    t.child.say('show neighbor summary\n');
    await t.settle();
    assert.deepEqual(t.child.written, [
      'Peer            AS        up/down state       |     #sent     #recvd',
      '192.0.2.1       65001     0:00:05 established           0          0',
      'done',
    ]);
  });

  it('reactor commands reach the host', async () => {
    const t = setup();
    t.child.say('reload\nshutdown\nneighbor 192.0.2.1 teardown 2\n');
    await t.settle();
    assert.deepEqual(t.host.calls, ['reload', 'shutdown']);
    assert.deepEqual(t.peer.torn, [2]);
  });

  it('serves a flood of one-route lines in batches, all applied', async () => {
    const t = setup();
    const lines: string[] = [];
    for (let i = 0; i < 3 * COMMANDS_PER_TURN + 5; i++)
      lines.push(`announce route 10.${(i >> 8) & 255}.${i & 255}.0/24 next-hop 192.0.2.254`);
    t.child.say(`${lines.join('\n')}\n`);
    await t.settle();
    assert.equal(t.peer.adjRibOut.size, lines.length);
    assert.ok(t.turns() >= 4, `yielded ${t.turns()} times`);
    assert.equal(t.child.written.filter((l) => l === 'done').length, lines.length);
  });

  it('serves long nlri lines at most ROUTES_PER_TURN routes a turn, pausing the helper past MAX_QUEUED_CHARS', async () => {
    const t = setup();
    const lines: string[] = [];
    let text = 0;
    for (let l = 0; text <= MAX_QUEUED_CHARS; l++) {
      const prefixes = Array.from({ length: 250 }, (_, i) => `10.${l >> 8}.${l & 255}.${i}/32`);
      lines.push(`announce attributes next-hop 192.0.2.254 nlri ${prefixes.join(' ')}`);
      text += lines.at(-1)!.length;
    }
    assert.ok(lines[0]!.length < 4096, 'within the line limit of setup()');
    t.child.say(`${lines.join('\n')}\n`);
    assert.equal(t.child.pauses, 1, 'paused once the queued text passed the bound');
    for (let i = 0; i < 100 && t.child.resumes === 0; i++) await t.settle();
    assert.equal(t.peer.adjRibOut.size, lines.length * 250);
    assert.ok(t.turns() >= (lines.length * 250) / ROUTES_PER_TURN, `yielded ${t.turns()} times`);
    assert.equal(t.child.resumes, 1, 'resumed once the queue was empty');
    assert.equal(t.child.written.filter((l) => l === 'done').length, lines.length);
  });
});

describe('Api events', () => {
  it('writes state events as JSON to helpers with neighbor-changes', () => {
    const t = setup('json');
    const n = {
      localAddress: '192.0.2.2',
      peerAddress: '192.0.2.1',
      localAs: 65000,
      peerAs: 65001,
      routerId: '10.0.0.1',
    };
    t.api.state(t.peer, n, { kind: 'up' });
    assert.deepEqual(JSON.parse(t.child.written[0]!), {
      exabgp: '5.0.0',
      time: 1,
      host: 'h',
      pid: 2,
      ppid: 3,
      counter: 1,
      type: 'state',
      neighbor: {
        address: { local: '192.0.2.2', peer: '192.0.2.1' },
        asn: { local: 65000, peer: 65001 },
        'router-id': '10.0.0.1',
        state: 'up',
      },
    });
  });

  it('writes text events to text helpers', () => {
    const t = setup('text');
    const n = { localAddress: '192.0.2.2', peerAddress: '192.0.2.1', localAs: 65000, peerAs: 65001 };
    t.api.state(t.peer, n, { kind: 'down', reason: 'bad\npeer' });
    assert.deepEqual(t.child.written, ['neighbor 192.0.2.1 down - bad\\x0apeer']);
  });
});
