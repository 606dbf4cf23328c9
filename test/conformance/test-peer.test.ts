import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { Framer } from '../../src/wire/frame.js';
import { parseExpectations } from './expectations.js';
import { echoOpen, TestPeer } from './test-peer.js';

// An OPEN built by hand: version 4, AS 65533, hold 180, router-id 10.0.0.2, one capability
// parameter with 4-octet AS (65, len 4, 65533).
const OPEN = Buffer.from(
  `${'ff'.repeat(16)}0025` + '01' + '04fffd00b40a000002' + '08' + '0206410400' + '00fffd',
  'hex',
);
const UPDATE_A = `${'F'.repeat(32)}:0017:02:00000000`;
const UPDATE_B = `${'F'.repeat(32)}:001B:02:0004180200000000`;

async function drive(expect: string, send: Buffer[]): Promise<{ ok: boolean; reason: string; open: Buffer }> {
  const peer = new TestPeer(parseExpectations('t', expect), { host: '127.0.0.1', onSignal: () => {} });
  const port = await peer.listen();
  const socket = net.connect({ host: '127.0.0.1', port });
  const framer = new Framer(true);
  const got: Buffer[] = [];
  socket.on('data', (c) => got.push(...framer.push(c).map((f) => Buffer.from(f.raw))));
  await new Promise((r) => socket.once('connect', r));
  socket.write(OPEN);
  for (const m of send) socket.write(m);
  const outcome = await Promise.race([
    peer.outcome,
    new Promise<{ ok: boolean; reason: string }>((r) =>
      setTimeout(() => r({ ok: false, reason: 'timeout' }), 3000),
    ),
  ]);
  for (let i = 0; i < 100 && got.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
  socket.destroy();
  await peer.close();
  return { ...outcome, open: got[0] ?? Buffer.alloc(0) };
}

const hex = (s: string) => Buffer.from(s.replace(/:/g, ''), 'hex');

describe('conformance test peer', () => {
  it('echoes the OPEN with router-id + 1 and passes when every group arrives', async () => {
    const r = await drive(`1:raw:${UPDATE_B}\n2:raw:${UPDATE_A}\n`, [hex(UPDATE_B), hex(UPDATE_A)]);
    assert.equal(r.reason, 'all expected messages received');
    assert.ok(r.ok);
    assert.equal(r.open.subarray(19 + 5, 19 + 9).join('.'), '10.0.0.3');
  });

  it('fails on a message that is not in the current group', async () => {
    const r = await drive(`1:raw:${UPDATE_B}\n2:raw:${UPDATE_A}\n`, [hex(UPDATE_A)]);
    assert.equal(r.ok, false);
    assert.match(r.reason, /unexpected message/);
  });

  it('rewrites the ASN in the OPEN and the 4-octet AS capability', () => {
    const out = echoOpen(OPEN, 65000);
    assert.equal(out.readUInt16BE(20), 65000);
    assert.equal(out.readUInt32BE(out.length - 4), 65000);
  });

  it('reads connection letters, sequence groups, options and skips comments', () => {
    const t = parseExpectations(
      'x',
      `option:file:a.conf\n# comment\nA1:raw:${UPDATE_A}\nA2:signal:SIGUSR1\nB1:raw:${UPDATE_B}\n1:json:{}\n`,
    );
    assert.deepEqual(t.configs, ['a.conf']);
    assert.deepEqual(
      t.groups.map((g) => `${g.conn}${g.seq}:${g.steps.map((s) => s.kind).join(',')}`),
      ['A1:raw', 'A2:signal', 'B1:raw'],
    );
  });
});
