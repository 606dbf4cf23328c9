import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lowerConfig } from '../../src/config/lower/index.js';
import type { NeighborConfig } from '../../src/config/lower/model.js';
import { parseConfig } from '../../src/config/parser.js';
import {
  acceptSecurity,
  connectSecurity,
  dialNeighbor,
  listenSecurity,
  md5Key,
  sessionLocalAddress,
} from '../../src/daemon/tcp-security.js';
import { CHANNELS, type LogEvent } from '../../src/observe/channels.js';

function neighbors(body: string): NeighborConfig[] {
  const parsed = parseConfig(body, 't.conf');
  assert.deepEqual(
    parsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  return [...lowerConfig(parsed.config).config.neighbors];
}

function one(settings: string, peer = '192.0.2.1'): NeighborConfig {
  return neighbors(`neighbor ${peer} { local-as 1; peer-as 2; router-id 1.1.1.1; ${settings} }`)[0]!;
}

describe('neighbor TCP security settings', () => {
  it('md5-password is the UTF-8 bytes of the text; md5-base64 decodes it', () => {
    assert.deepEqual(md5Key(one('md5-password "s3cret";')), Buffer.from('s3cret'));
    assert.deepEqual(md5Key(one('md5-password "AAEC/w=="; md5-base64 true;')), Buffer.from([0, 1, 2, 255]));
    assert.equal(md5Key(one('')), undefined);
  });

  it('bad keys are refused without quoting them', () => {
    assert.throws(
      () => md5Key(one('md5-password "not base64!"; md5-base64 true;')),
      (e: Error) => /not valid base64/.test(e.message) && !e.message.includes('not base64!'),
    );
    const long = Buffer.alloc(81, 0x41).toString('base64');
    assert.throws(() => md5Key(one(`md5-password "${long}"; md5-base64 true;`)), /81 bytes/);
  });

  it('md5-ip is the local address of the sessions (ExaBGP), else local-address', () => {
    assert.equal(sessionLocalAddress(one('local-address 10.0.0.1; md5-ip 10.0.0.9;')), '10.0.0.9');
    assert.equal(sessionLocalAddress(one('local-address 10.0.0.1;')), '10.0.0.1');
  });

  it('TTL settings map to the socket options; none gives no security', () => {
    assert.deepEqual(connectSecurity(one('outgoing-ttl 255; incoming-ttl 254;')), {
      outgoingTtl: 255,
      minimumTtl: 254,
    });
    assert.deepEqual(acceptSecurity(one('incoming-ttl 200;')), { minimumTtl: 200 });
    assert.equal(connectSecurity(one('')), undefined);
    assert.deepEqual(connectSecurity(one('md5-password "k";'))?.md5Key, Buffer.from('k'));
  });

  it('a listener carries every key, the lowest minimum TTL only when all neighbors have one, the highest TTL', () => {
    const ns = neighbors(`
      neighbor 192.0.2.1 { local-as 1; peer-as 2; router-id 1.1.1.1; md5-password "a"; incoming-ttl 250; outgoing-ttl 255; }
      neighbor 192.0.2.2 { local-as 1; peer-as 3; router-id 1.1.1.1; md5-password "b"; incoming-ttl 254; }
      neighbor 192.0.2.3 { local-as 1; peer-as 4; router-id 1.1.1.1; local-address 10.0.0.3; md5-password "c"; }
    `);
    const wildcard = listenSecurity(ns, '::');
    assert.deepEqual(
      [...(wildcard.md5Keys ?? [])].map(([a, k]) => [a, k.toString()]),
      [
        ['192.0.2.1', 'a'],
        ['192.0.2.2', 'b'],
        ['192.0.2.3', 'c'],
      ],
    );
    assert.equal(wildcard.minimumTtl, undefined, '192.0.2.3 has no incoming-ttl');
    assert.equal(wildcard.outgoingTtl, 255);
    const specific = listenSecurity(ns, '10.0.0.1');
    assert.deepEqual([...(specific.md5Keys?.keys() ?? [])], ['192.0.2.1', '192.0.2.2']);
    assert.equal(specific.minimumTtl, 250);
  });

  it('dialing with a bad key fails with a logged error that does not quote the key', async () => {
    const logged: LogEvent[] = [];
    const onLog = (e: unknown) => logged.push(e as LogEvent);
    CHANNELS.log.subscribe(onLog);
    try {
      await assert.rejects(
        dialNeighbor(one('md5-password "bad key!"; md5-base64 true;'), 1),
        /not valid base64/,
      );
    } finally {
      CHANNELS.log.unsubscribe(onLog);
    }
    assert.equal(logged.length, 1);
    assert.equal(logged[0]?.level, 'error');
    assert.doesNotMatch(logged[0]?.message ?? '', /bad key!/);
  });
});
