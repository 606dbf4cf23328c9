import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

describe('bgpknife demo (npm start)', () => {
  it('announces examples/demo.conf to the in-process collector: JSON events, then the table', async () => {
    const r = await runCli(['demo', '--exit']);
    assert.equal(r.status, 0, r.err);
    const lines = r.out.split('\n');
    const events = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.ok(events.every((e) => e.exabgp === '5.0.0' && e.type === 'update'));
    const announced = events.flatMap((e) => Object.keys(e.neighbor.message.update?.announce ?? {}));
    assert.deepEqual([...new Set(announced)].sort(), [
      'ipv4 flow',
      'ipv4 unicast',
      'ipv6 flow',
      'ipv6 unicast',
    ]);
    const eors = events
      .filter((e) => e.neighbor.message.eor)
      .map((e) => `${e.neighbor.message.eor.afi} ${e.neighbor.message.eor.safi}`);
    assert.deepEqual(eors.sort(), ['ipv4 flow', 'ipv4 unicast', 'ipv6 flow', 'ipv6 unicast']);
    // The table: the blackhole route with its communities, and the NTP filter.
    assert.match(
      r.out,
      /ipv4 unicast\s+203\.0\.113\.66\/32\s+192\.0\.2\.1\s+.*community \[ 65001:666 blackhole no-export \]/,
    );
    assert.match(
      r.out,
      /ipv4 flow\s+flow destination-ipv4 203\.0\.113\.0\/24 protocol =udp source-port =123 packet-length >468/,
    );
    assert.match(r.out, /8 routes and rules received\./);
  });

  it('reports configuration errors with file:line:col and exits 1', async () => {
    const r = await runCli(['demo', '--exit', 'bad.conf'], {
      files: { 'bad.conf': 'neighbor 10.0.0.300 {\n}\n' },
    });
    assert.equal(r.status, 1);
    assert.match(r.err, /^bad\.conf:1:\d+: error:/m);
  });
});
