/**
 * TCP MD5 (RFC 2385) and TTL security (RFC 5082) on loopback, through tcpConnect/tcpListen:
 * the same key connects, a wrong or missing key on either side gives no connection within a
 * bounded wait; a listener with a minimum TTL accepts a sender with TTL 255 and drops one with
 * TTL 1 (on loopback packets arrive with the sender's TTL).
 */
import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { describe, it } from 'node:test';
import { AF_INET, SocketOptionError, setMd5Key } from '../../src/transport/native-socket.js';
import { type ListenSecurity, type TcpSecurity, tcpConnect, tcpListen } from '../../src/transport/tcp.js';
import type { Connection } from '../../src/transport/transport.js';
import { loopbackAddress } from '../support/peers/index.js';
import { requireMd5, requireSocketOptions } from '../support/security.js';

/** Bounded wait for a connection that must not come up. */
const REFUSED_WAIT_MS = 1500;

interface Trial {
  readonly server?: ListenSecurity;
  readonly client?: TcpSecurity;
  readonly host?: string;
  readonly accepted?: TcpSecurity;
}

/** Listen, connect once, exchange a few bytes; true when the bytes arrived. */
async function trial(opts: Trial): Promise<boolean> {
  const server = opts.host ?? loopbackAddress();
  const client = opts.host ?? loopbackAddress();
  let accepted: Connection | undefined;
  let got!: (text: string) => void;
  const received = new Promise<string>((r) => (got = r));
  const listener = await tcpListen(
    server,
    0,
    (c) => {
      accepted = c;
      const chunks: Buffer[] = [];
      c.attach({
        data: (b) => chunks.push(b),
        close: () => got(Buffer.concat(chunks).toString()),
        drain: () => {},
      });
    },
    { ...(opts.server ? { security: opts.server } : {}), accepted: () => opts.accepted },
  );
  try {
    const out = await tcpConnect({
      host: server,
      port: listener.address.port,
      localAddress: client,
      timeoutMs: REFUSED_WAIT_MS,
      ...(opts.client ? { security: opts.client } : {}),
    });
    out.attach({ data: () => {}, close: () => {}, drain: () => {} });
    assert.equal(out.info.localAddress, client);
    out.write(Buffer.from('open'));
    out.close();
    assert.equal(await received, 'open');
    return true;
  } catch (e) {
    assert.match((e as Error).message, /timed out/);
    return false;
  } finally {
    accepted?.close();
    await listener.close();
  }
}

/** Read until the peer closes, and close our side: the socket lets the listener close. */
function drop(c: Connection): void {
  c.attach({ data: () => {}, close: () => {}, drain: () => {} });
  c.close();
}

function keys(...pairs: Array<[string, string]>): Map<string, Buffer> {
  return new Map(pairs.map(([a, k]) => [a, Buffer.from(k)]));
}

describe('TCP MD5 (RFC 2385) on loopback', () => {
  it('the same key on both sides connects', async (t) => {
    if (!requireMd5(t)) return;
    const client = loopbackAddress();
    const server = loopbackAddress();
    const listener = await tcpListen(server, 0, drop, {
      security: { md5Keys: keys([client, 'same-secret']) },
    });
    try {
      const c = await tcpConnect({
        host: server,
        port: listener.address.port,
        localAddress: client,
        timeoutMs: 3000,
        security: { md5Key: Buffer.from('same-secret') },
      });
      assert.equal(c.info.remoteAddress, server);
      drop(c);
    } finally {
      await listener.close();
    }
  });

  it('exchanges data with a key over IPv4 and IPv6', async (t) => {
    if (!requireMd5(t)) return;
    const v4 = loopbackAddress();
    assert.ok(
      await trial({ server: { md5Keys: keys([v4, 'k1']) }, client: { md5Key: Buffer.from('k1') }, host: v4 }),
    );
    assert.ok(
      await trial({
        server: { md5Keys: keys(['::1', 'k6']) },
        client: { md5Key: Buffer.from('k6') },
        host: '::1',
      }),
    );
  });

  it('a wrong key, a key on one side only, gives no connection', async (t) => {
    if (!requireMd5(t)) return;
    const a = loopbackAddress();
    const wrong = trial({
      server: { md5Keys: keys([a, 'right']) },
      client: { md5Key: Buffer.from('wrong') },
      host: a,
    });
    const b = loopbackAddress();
    const serverOnly = trial({ server: { md5Keys: keys([b, 'right']) }, host: b });
    const c = loopbackAddress();
    const clientOnly = trial({ client: { md5Key: Buffer.from('right') }, host: c });
    assert.deepEqual(await Promise.all([wrong, serverOnly, clientOnly]), [false, false, false]);
  });

  it('a key for another peer does not protect this one; a dual-stack listener takes IPv4 keys', async (t) => {
    if (!requireMd5(t)) return;
    const other = loopbackAddress();
    const me = loopbackAddress();
    const listener = await tcpListen('::', 0, drop, {
      security: { md5Keys: keys([me, 'mine'], [other, 'theirs']) },
    });
    try {
      const c = await tcpConnect({
        host: '127.0.0.1',
        port: listener.address.port,
        localAddress: me,
        timeoutMs: 3000,
        security: { md5Key: Buffer.from('mine') },
      });
      drop(c);
      await assert.rejects(
        tcpConnect({
          host: '127.0.0.1',
          port: listener.address.port,
          localAddress: me,
          timeoutMs: REFUSED_WAIT_MS,
        }),
        /timed out/,
      );
    } finally {
      await listener.close();
    }
  });

  it('setSecurity removes and installs keys on a running listener', async (t) => {
    if (!requireMd5(t)) return;
    const me = loopbackAddress();
    const server = loopbackAddress();
    const listener = await tcpListen(server, 0, drop, { security: { md5Keys: keys([me, 'old']) } });
    const dial = (key?: string) =>
      tcpConnect({
        host: server,
        port: listener.address.port,
        localAddress: me,
        timeoutMs: REFUSED_WAIT_MS,
        ...(key ? { security: { md5Key: Buffer.from(key) } } : {}),
      }).then(
        (c) => {
          drop(c);
          return true;
        },
        () => false,
      );
    try {
      assert.equal(await dial('old'), true);
      listener.setSecurity({ md5Keys: keys([me, 'new']) });
      assert.equal(await dial('old'), false);
      assert.equal(await dial('new'), true);
      listener.setSecurity({});
      assert.equal(await dial(), true);
    } finally {
      await listener.close();
    }
  });
});

describe('TCP MD5 errors', () => {
  it('a socket refusing TCP_MD5SIG (ENOPROTOOPT, as a kernel without it) gives a clear error without the key', async (t) => {
    if (!requireSocketOptions(t)) return;
    // A UDP socket has no TCP options: the kernel answers ENOPROTOOPT, like one built without MD5.
    const udp = dgram.createSocket('udp4');
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', r));
    try {
      const fd = (udp as unknown as { _handle: { fd: number } })._handle.fd;
      assert.throws(
        () => setMd5Key(fd, AF_INET, '127.0.0.1', Buffer.from('top-secret')),
        (e: unknown) =>
          e instanceof SocketOptionError &&
          e.errno === 'ENOPROTOOPT' &&
          /does not support TCP_MD5SIG/.test(e.message) &&
          !e.message.includes('top-secret'),
      );
    } finally {
      udp.close();
    }
  });
});

describe('TTL security (RFC 5082) on loopback', () => {
  it('incoming-ttl 255 accepts a sender with TTL 255 and drops one with TTL 1', async (t) => {
    if (!requireSocketOptions(t)) return;
    const server = { minimumTtl: 255 };
    assert.equal(await trial({ server, client: { outgoingTtl: 255 } }), true);
    assert.equal(await trial({ server, client: { outgoingTtl: 1 } }), false);
    assert.equal(await trial({ server }), false, 'the default TTL (64) is below 255');
  });

  it('a connecting side with a minimum TTL needs the listener to send with TTL 255', async (t) => {
    if (!requireSocketOptions(t)) return;
    const client = { outgoingTtl: 255, minimumTtl: 255 };
    const server = { minimumTtl: 255, outgoingTtl: 255 };
    assert.equal(await trial({ server, client, accepted: { outgoingTtl: 255, minimumTtl: 255 } }), true);
    assert.equal(await trial({ server: { minimumTtl: 255 }, client }), false);
  });

  it('IPv6 hop limits work the same way', async (t) => {
    if (!requireSocketOptions(t)) return;
    const server = { minimumTtl: 255 };
    assert.equal(await trial({ server, client: { outgoingTtl: 255 }, host: '::1' }), true);
    assert.equal(await trial({ server, client: { outgoingTtl: 1 }, host: '::1' }), false);
  });
});
