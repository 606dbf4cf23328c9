import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

const MARKER = 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF';
// End-of-RIB for IPv4 unicast, built by hand: header (23 bytes) + two zero lengths.
const EOR = `${MARKER}:0017:02:00000000`;

describe('bgpknife decode', () => {
  it('prints one JSON document per message, several messages in one string', async () => {
    const r = await runCli(['decode', `${EOR}${EOR.replace(/:/g, '')}`]);
    assert.equal(r.status, 0, r.err);
    const lines = r.out.trim().split('\n');
    assert.equal(lines.length, 2);
    for (const l of lines) {
      const doc = JSON.parse(l);
      assert.equal(doc.exabgp, '5.0.0');
      assert.deepEqual(doc.neighbor.message, { eor: { afi: 'ipv4', safi: 'unicast' } });
    }
  });

  it('takes hex without a header as one UPDATE body, and writes 4.x JSON when asked', async () => {
    const r = await runCli(['decode', '--json-version', '4', '0000', '0000']);
    assert.equal(r.status, 0, r.err);
    assert.equal(JSON.parse(r.out).exabgp, '4.0.1');
  });

  it('names the NOTIFICATION code/subcode and byte offset of a malformed message, exit 1', async () => {
    // Withdrawn Routes Length 5 but the body ends: Malformed Attribute List (3/1).
    const r = await runCli(['decode', `${MARKER}00170200050000`]);
    assert.equal(r.status, 1);
    assert.equal(r.out, '');
    assert.match(r.err, /^bgpknife decode: NOTIFICATION 3\/1 \(\S+\) at byte \d+: .+\n$/);
    assert.match(r.err, /at byte 19:/, 'offset into the whole message, not the body');
    const short = await runCli(['decode', `${MARKER}001204`]);
    assert.equal(short.status, 1);
    assert.match(short.err, /NOTIFICATION 1\/2 .* at byte 16/);
  });

  it('rejects bad hex and bad options with exit 2 and the usage', async () => {
    const bad = await runCli(['decode', 'FFZZ']);
    assert.equal(bad.status, 2);
    assert.match(bad.err, /not hexadecimal at character 3/);
    assert.equal((await runCli(['decode', 'FFF'])).status, 2);
    const fam = await runCli(['decode', '--family', 'ipv9 unicast', '00']);
    assert.equal(fam.status, 2);
    assert.match(fam.err, /--family/);
    assert.equal((await runCli(['decode'])).status, 2);
  });

  it('decodes bare NLRI of a family', async () => {
    const r = await runCli(['decode', '--nlri', '--family', 'ipv4 unicast', '180a0001' + '20c0000201']);
    assert.equal(r.status, 0, r.err);
    assert.deepEqual(
      r.out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l)),
      [{ nlri: '10.0.1.0/24' }, { nlri: '192.0.2.1/32' }],
    );
  });
});

describe('bgpknife', () => {
  it('lists its commands with --help and rejects unknown ones', async () => {
    const help = await runCli(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.out, /decode/);
    const unknown = await runCli(['frobnicate']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.err, /unknown command 'frobnicate'/);
  });
});

describe('bgpknife decode --file', () => {
  it('reads hex lines from a file, skipping comments (the npm start example)', async () => {
    const r = await runCli(['decode', '--file', 'examples/messages.hex']);
    assert.equal(r.status, 0, r.err);
    const docs = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.deepEqual(
      docs.map((d) => d.type),
      ['open', 'update', 'update', 'update'],
    );
    assert.deepEqual(docs[1].neighbor.message.update.announce['ipv4 unicast']['192.0.2.1'], [
      { nlri: '203.0.113.0/24' },
      { nlri: '198.51.100.7/32' },
    ]);
    const flow = docs[2].neighbor.message.update.announce['ipv4 flow']['no-nexthop'][0];
    assert.equal(
      flow.string,
      'flow destination-ipv4 203.0.113.10/32 protocol =udp source-port =53 packet-length >512',
    );
  });
});

describe('bgpknife decode JSON dialects', () => {
  // An UPDATE with ORIGIN igp, AS_PATH sequence [65001 65002] (4-octet), NEXT_HOP 192.0.2.1, 10.0.0.0/8.
  const update =
    `${MARKER}0031 02 0000 0018 40010100 40020A 0202 0000FDE9 0000FDEA 400304C0000201 080A`.replace(/ /g, '');

  it('5.0 writes AS_PATH as segments, 4.x as a flat list', async () => {
    const v5 = JSON.parse((await runCli(['decode', update])).out);
    assert.deepEqual(v5.neighbor.message.update.attribute['as-path'], {
      '0': { element: 'as-sequence', value: [65001, 65002] },
    });
    const v4 = JSON.parse((await runCli(['decode', '--json-version', '4', update])).out);
    assert.equal(v4.exabgp, '4.0.1');
    assert.deepEqual(v4.neighbor.message.update.attribute['as-path'], [65001, 65002]);
  });
});
