/**
 * The README's examples, run against a real router (BIRD): the DDoS detector's RTBH and
 * FlowSpec commands (examples/rtbh.conf with examples/send-commands.mjs and
 * examples/rtbh-announce.txt, then examples/rtbh-withdraw.txt through `bgpknife cli`), the
 * anycast health check (examples/anycast-healthcheck.conf, ExaBGP's healthcheck run line served
 * by bgpknife's), and the 2013 talk's API helper (seeds/2013-api.conf with api-add-remove.run).
 * Only addresses and file paths are changed, to run on loopback.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { corpusPath, REPO_ROOT } from '../support/corpus.js';
import { rewriteConfig, startDaemon } from '../support/daemon.js';
import {
  freePort,
  loopbackAddress,
  type Peer,
  requirePeer,
  startPeer,
  waitFor,
  waitForFlows,
} from '../support/peers/index.js';

const WAIT_MS = 20_000;
const example = (name: string) => readFileSync(join(REPO_ROOT, 'examples', name), 'utf8');
const run = promisify(execFile);

async function bird(
  me: string,
  myAs: number,
  peerAs: number,
  families: ('ipv4-unicast' | 'ipv4-flowspec')[],
) {
  const address = loopbackAddress();
  const port = await freePort(address);
  const peer = await startPeer({
    kind: 'bird',
    localAddress: address,
    localPort: port,
    localAs: peerAs,
    routerId: address,
    neighbors: [{ address: me, as: myAs, families }],
  });
  return { peer, address, port };
}

/** waitFor polls until its check returns something other than undefined: a boolean as such. */
const until = (check: () => Promise<boolean>) => async () => ((await check()) ? true : undefined);

async function prefixes(peer: Peer): Promise<string[]> {
  return (await peer.routes('ipv4-unicast')).map((r) => r.prefix).sort();
}

describe('README examples against BIRD', () => {
  it('RTBH and FlowSpec from a detector helper, lifted through bgpknife cli', async (t) => {
    if (!requirePeer('bird', t)) return;
    const me = loopbackAddress();
    const { peer, address, port } = await bird(me, 65001, 65000, ['ipv4-unicast', 'ipv4-flowspec']);
    const socket = join(mkdtempSync(join(tmpdir(), 'bgpknife-cli-')), 'control.sock');
    const config = rewriteConfig(example('rtbh.conf'), { '192.0.2.254': address, '192.0.2.1': me }, port);
    const daemon = startDaemon(
      config,
      {
        exabgp_api_cli: 'true',
        exabgp_api_pipename: `bgpknife-test-${process.pid}`,
        bgpknife_api_socket: socket,
      },
      {
        'send-commands.mjs': example('send-commands.mjs'),
        'rtbh-announce.txt': example('rtbh-announce.txt'),
      },
    );
    try {
      await waitFor(
        'the blackhole route at BIRD',
        until(async () => (await prefixes(peer)).includes('203.0.113.66/32')),
        { timeoutMs: WAIT_MS },
      );
      const route = (await peer.routes('ipv4-unicast')).find((r) => r.prefix === '203.0.113.66/32')!;
      assert.deepEqual([...route.communities].sort(), ['65001:666', '65535:666']);
      const [rule] = await waitForFlows(peer, 4, 1, WAIT_MS);
      assert.ok(rule, daemon.log());
      assert.equal(rule.components.destination, '203.0.113.66/32');
      assert.deepEqual(rule.actions, ['discard']);
      // The operator lifts both from the command line, with the commands of rtbh-withdraw.txt.
      for (const line of example('rtbh-withdraw.txt')
        .split('\n')
        .filter((l) => l && !l.startsWith('#'))) {
        // Exit status 0 is the daemon's 'done' (execFile rejects on any other).
        await run(process.execPath, [join(REPO_ROOT, 'bin', 'bgpknife.js'), 'cli', '--socket', socket, line]);
      }
      await waitFor(
        'the blackhole and the rule lifted',
        until(async () => (await prefixes(peer)).length === 0 && (await peer.flowRoutes(4)).length === 0),
        { timeoutMs: WAIT_MS },
      );
    } finally {
      await daemon.stop();
      await peer.stop();
      rmSync(join(socket, '..'), { recursive: true, force: true });
    }
  });

  it('anycast health check: announced while the service is healthy, withdrawn when it fails', async (t) => {
    if (!requirePeer('bird', t)) return;
    const me = loopbackAddress();
    const { peer, address, port } = await bird(me, 65001, 65000, ['ipv4-unicast']);
    const flagDir = mkdtempSync(join(tmpdir(), 'bgpknife-service-'));
    const flag = join(flagDir, 'healthy');
    writeFileSync(flag, '');
    const config = rewriteConfig(
      example('anycast-healthcheck.conf'),
      { '192.0.2.254': address, '192.0.2.1': me },
      port,
    ).replace('/tmp/service-is-healthy', flag);
    const daemon = startDaemon(config);
    try {
      const announced = async () => (await prefixes(peer)).includes('198.51.100.53/32');
      await waitFor('the service address announced', until(announced), { timeoutMs: WAIT_MS });
      const r = (await peer.routes('ipv4-unicast')).find((x) => x.prefix === '198.51.100.53/32')!;
      assert.equal(r.med, 100);
      assert.deepEqual(r.communities, ['65001:53']);
      rmSync(flag);
      await waitFor(
        'the service address withdrawn',
        until(async () => !(await announced())),
        {
          timeoutMs: WAIT_MS,
        },
      );
      writeFileSync(flag, '');
      await waitFor('the service address back', until(announced), { timeoutMs: WAIT_MS });
      assert.ok(existsSync(flag));
    } finally {
      await daemon.stop();
      await peer.stop();
      rmSync(flagDir, { recursive: true, force: true });
    }
  });

  it('seeds/2013-api.conf with api-add-remove.run: the peer ends with 1.1.0.0/25 only', async (t) => {
    const conf = corpusPath('seeds', '2013-api.conf');
    const script = corpusPath('seeds', 'api-add-remove.run');
    if (!conf || !script || !requirePeer('bird', t)) return;
    const me = loopbackAddress();
    const { peer, address, port } = await bird(me, 1, 1, ['ipv4-unicast']);
    // The neighbor and local addresses are both 127.0.0.1 in the seed: the neighbor line first.
    const text = readFileSync(conf, 'utf8')
      .replace('neighbor 127.0.0.1', `neighbor ${address}`)
      .replace('local-address 127.0.0.1', `local-address ${me}`);
    const daemon = startDaemon(
      rewriteConfig(text, {}, port),
      {},
      { 'api-add-remove.run': readFileSync(script, 'utf8') },
    );
    try {
      await waitFor(
        '1.1.0.0/25 only',
        until(async () => (await prefixes(peer)).join() === '1.1.0.0/25'),
        {
          timeoutMs: WAIT_MS,
        },
      );
      // And it stays so: the /24 was withdrawn, not left behind.
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(await prefixes(peer), ['1.1.0.0/25'], daemon.log());
    } finally {
      await daemon.stop();
      await peer.stop();
    }
  });
});
