import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AF_INET6, ipv6Bytes, md5SigStruct, sockaddr } from '../../src/transport/sockaddr.js';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('socket structures for FFI (Linux layouts)', () => {
  it('sockaddr_in: family (host order), port and address (network order), 8 zero bytes', () => {
    assert.deepEqual(sockaddr('192.0.2.1', 179), hex('0200 00b3 c0000201 0000000000000000'));
  });

  it('sockaddr_in6: family, port, flowinfo, address, scope id', () => {
    assert.deepEqual(
      sockaddr('2001:db8::1', 179),
      hex('0a00 00b3 00000000 20010db8000000000000000000000001 00000000'),
    );
  });

  it('an IPv4 address on an IPv6 socket is IPv4-mapped', () => {
    assert.deepEqual(
      sockaddr('10.1.2.3', 0, AF_INET6),
      hex('0a00 0000 00000000 00000000000000000000ffff0a010203 00000000'),
    );
  });

  it('IPv6 text forms: leading, trailing and middle ::, embedded IPv4, zone', () => {
    assert.deepEqual(ipv6Bytes('::'), Buffer.alloc(16));
    assert.deepEqual(ipv6Bytes('::1'), hex('00000000000000000000000000000001'));
    assert.deepEqual(ipv6Bytes('fe80::'), hex('fe800000000000000000000000000000'));
    assert.deepEqual(ipv6Bytes('1:2:3:4:5:6:7:8'), hex('00010002000300040005000600070008'));
    assert.deepEqual(ipv6Bytes('::ffff:192.0.2.1'), hex('00000000000000000000ffffc0000201'));
    assert.deepEqual(ipv6Bytes('fe80::1%lo'), hex('fe800000000000000000000000000001'));
  });

  it('tcp_md5sig: 128-byte address, flags, prefix length, key length, ifindex, 80-byte key', () => {
    const s = md5SigStruct('10.0.0.1', Buffer.from('abc'));
    assert.equal(s.length, 216);
    assert.deepEqual(s.subarray(0, 8), hex('0200 0000 0a000001'));
    assert.deepEqual(s.subarray(8, 128), Buffer.alloc(120));
    assert.deepEqual(s.subarray(128, 136), hex('00 00 0300 00000000'));
    assert.deepEqual(s.subarray(136, 139), Buffer.from('abc'));
    assert.deepEqual(s.subarray(139), Buffer.alloc(77));
  });

  it('an empty key (removal) and the 80-byte limit', () => {
    assert.equal(md5SigStruct('::1', Buffer.alloc(0)).readUInt16LE(130), 0);
    assert.equal(md5SigStruct('::1', Buffer.alloc(80, 1)).readUInt16LE(130), 80);
    assert.throws(() => md5SigStruct('::1', Buffer.alloc(81)), /at most 80/);
  });
});
