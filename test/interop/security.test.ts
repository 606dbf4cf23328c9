/**
 * TCP MD5 (RFC 2385) and TTL security (RFC 5082) end to end: `bgpknife run` with md5-password /
 * md5-base64 / incoming-ttl / outgoing-ttl in its configuration, against BIRD, FRR and GoBGP
 * configured with the same key (BIRD and GoBGP accept bgpknife's connection; FRR connects to
 * bgpknife's listening socket). A wrong key or a missing key on either side gives no session
 * within a bounded wait. TTL: two bgpknife daemons, the listener with incoming-ttl 255, the
 * other sending with outgoing-ttl 255 (a session) or 1 (none).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type BgpknifeProcess, neighborConfig, startBgpknife } from '../support/bgpknife-process.js';
import { freePort, loopbackAddress, type Peer, startPeer, waitForRoutes } from '../support/peers/index.js';
import { requireMd5, requireSocketOptions } from '../support/security.js';
import { endpoint, find, need, stopAll, WAIT_MS } from './interop-helpers.js';

const KEY = 'bgpknife-md5-key';
const KEY_BASE64 = Buffer.from(KEY).toString('base64');
/** How long a session that must not come up is given (each peer retries within it). */
const NO_SESSION_WAIT_MS = 8000;
const families = ['ipv4-unicast'] as const;

interface Keys {
  /** The key each peer uses for bgpknife (undefined: none). */
  readonly peers: { bird?: string; frr?: string; gobgp?: string };
  /** bgpknife's md5 lines per neighbor. */
  readonly mine: { bird: string[]; frr: string[]; gobgp: string[] };
}

/** BIRD and GoBGP passive, FRR connecting to bgpknife; bgpknife with the given key lines. */
async function scenario(
  keys: Keys,
  body: (peers: Peer[], me: BgpknifeProcess) => Promise<void>,
): Promise<void> {
  const me = loopbackAddress();
  const listenPort = await freePort(me);
  const [b, f, g] = await Promise.all([endpoint(), endpoint(), endpoint()]);
  const started: Array<Peer | undefined> = [];
  let daemon: BgpknifeProcess | undefined;
  const md5 = (k?: string) => (k === undefined ? {} : { md5Password: k });
  try {
    const specs = [
      {
        kind: 'bird' as const,
        at: b,
        as: 65101,
        neighbor: { address: me, as: 65100, families, ...md5(keys.peers.bird) },
      },
      {
        kind: 'frr' as const,
        at: f,
        as: 65102,
        neighbor: { address: me, as: 65100, port: listenPort, families, ...md5(keys.peers.frr) },
      },
      {
        kind: 'gobgp' as const,
        at: g,
        as: 65103,
        neighbor: { address: me, as: 65100, families, ...md5(keys.peers.gobgp) },
      },
    ];
    started.push(
      ...(await Promise.all(
        specs.map((s, i) =>
          startPeer({
            kind: s.kind,
            localAddress: s.at.address,
            localPort: s.at.port,
            localAs: s.as,
            routerId: `10.255.1.${11 + i}`,
            holdTime: 9,
            neighbors: [s.neighbor],
          }),
        ),
      )),
    );
    const common = { local: me, localAs: 65100, routerId: '10.255.1.10' };
    daemon = startBgpknife(
      [
        neighborConfig({
          ...common,
          peer: b.address,
          peerAs: 65101,
          connect: b.port,
          extra: keys.mine.bird,
          route: '10.61.1.0/24',
        }),
        neighborConfig({
          ...common,
          peer: f.address,
          peerAs: 65102,
          listen: listenPort,
          passive: true,
          extra: keys.mine.frr,
          route: '10.61.2.0/24',
        }),
        neighborConfig({
          ...common,
          peer: g.address,
          peerAs: 65103,
          connect: g.port,
          extra: keys.mine.gobgp,
          route: '10.61.3.0/24',
        }),
      ].join('\n'),
    );
    await body(started as Peer[], daemon);
  } finally {
    await daemon?.stop();
    await stopAll(started);
  }
}

describe('interop: TCP MD5 between bgpknife and BIRD, FRR, GoBGP', () => {
  it('the same key (text, and base64 with md5-base64) brings every session up and routes through', async (t) => {
    if (!need(t, 'bird', 'frr', 'gobgp') || !requireMd5(t)) return;
    const text = [`md5-password "${KEY}";`];
    const base64 = [`md5-password "${KEY_BASE64}";`, 'md5-base64 true;'];
    await scenario(
      { peers: { bird: KEY, frr: KEY, gobgp: KEY }, mine: { bird: text, frr: text, gobgp: base64 } },
      async (peers, me) => {
        await Promise.all(peers.map((p) => p.waitEstablished(WAIT_MS)));
        for (const [i, p] of peers.entries())
          find(await waitForRoutes(p, 'ipv4-unicast', 1, WAIT_MS), `10.61.${i + 1}.0/24`);
        assert.doesNotMatch(me.log(), new RegExp(KEY), 'the key is never logged');
      },
    );
  });

  it('a wrong key, or a key on one side only, gives no session (bounded wait)', async (t) => {
    if (!need(t, 'bird', 'frr', 'gobgp') || !requireMd5(t)) return;
    await scenario(
      {
        // BIRD: keys differ. FRR: only FRR has a key. GoBGP: only bgpknife has a key.
        peers: { bird: KEY, frr: KEY },
        mine: { bird: ['md5-password "not-the-key";'], frr: [], gobgp: [`md5-password "${KEY}";`] },
      },
      async (peers, me) => {
        await new Promise((r) => setTimeout(r, NO_SESSION_WAIT_MS));
        for (const p of peers) assert.notEqual(await p.sessionState(), 'established', p.kind);
        assert.doesNotMatch(me.log(), / up\b/);
      },
    );
  });
});

describe('interop: TTL security (RFC 5082) between two bgpknife daemons', () => {
  it('incoming-ttl 255 accepts outgoing-ttl 255 and drops outgoing-ttl 1', async (t) => {
    if (!requireSocketOptions(t)) return;
    const run = async (outgoingTtl: number): Promise<[BgpknifeProcess, BgpknifeProcess]> => {
      const a = loopbackAddress();
      const b = loopbackAddress();
      const port = await freePort(a);
      const listener = startBgpknife(
        neighborConfig({
          peer: b,
          local: a,
          localAs: 65201,
          peerAs: 65202,
          routerId: '10.255.2.1',
          listen: port,
          passive: true,
          extra: ['incoming-ttl 255;'],
        }),
      );
      await listener.waitForLog(/listening on/, WAIT_MS);
      const dialer = startBgpknife(
        neighborConfig({
          peer: a,
          local: b,
          localAs: 65202,
          peerAs: 65201,
          routerId: '10.255.2.2',
          connect: port,
          extra: [`outgoing-ttl ${outgoingTtl};`],
        }),
      );
      return [listener, dialer];
    };
    const good = await run(255);
    const bad = await run(1);
    try {
      await good[0].waitForLog(/ up\b/, WAIT_MS);
      await new Promise((r) => setTimeout(r, 4000));
      assert.doesNotMatch(bad[0].log(), / up\b/);
      assert.doesNotMatch(bad[1].log(), / up\b/);
    } finally {
      await Promise.all([...good, ...bad].map((p) => p.stop()));
    }
  });
});
