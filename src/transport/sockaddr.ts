/**
 * Byte layouts of the Linux socket structures that bgpknife hands to setsockopt(2) and
 * bind(2)/connect(2) through FFI (native-socket.ts): sockaddr_in, sockaddr_in6 and the
 * TCP_MD5SIG argument of RFC 2385 ("Protection of BGP Sessions via the TCP MD5 Signature
 * Option"). Pure: builds Buffers, touches no socket. Host byte order is little-endian on every
 * platform koffi ships for Linux that we run on (x64, arm64); ports and addresses are network
 * order.
 *
 *   struct sockaddr_in  { u16 family (AF_INET=2); be16 port; u8 addr[4]; u8 zero[8]; }      16 bytes
 *   struct sockaddr_in6 { u16 family (AF_INET6=10); be16 port; be32 flowinfo; u8 addr[16];
 *                         u32 scope_id; }                                                    28 bytes
 *
 *   struct tcp_md5sig {                                   (linux/tcp.h)
 *     struct __kernel_sockaddr_storage tcpm_addr;  128   peer address (port ignored)
 *     u8  tcpm_flags;                                 1   0: the exact address (no prefix)
 *     u8  tcpm_prefixlen;                             1
 *     u16 tcpm_keylen;                                2   0 deletes the key
 *     int tcpm_ifindex;                               4
 *     u8  tcpm_key[TCP_MD5SIG_MAXKEYLEN = 80];       80
 *   };                                                  216 bytes
 */
import { isIPv4, isIPv6 } from 'node:net';

export const AF_INET = 2;
export const AF_INET6 = 10;
export const SOCKADDR_IN_BYTES = 16;
export const SOCKADDR_IN6_BYTES = 28;
export const SOCKADDR_STORAGE_BYTES = 128;
/** RFC 2385 keys are at most 80 bytes on Linux (TCP_MD5SIG_MAXKEYLEN). */
export const TCP_MD5SIG_MAXKEYLEN = 80;
export const TCP_MD5SIG_BYTES = SOCKADDR_STORAGE_BYTES + 8 + TCP_MD5SIG_MAXKEYLEN;

/** The address family a socket needs for this textual address. */
export function addressFamily(address: string): typeof AF_INET | typeof AF_INET6 {
  if (isIPv4(address)) return AF_INET;
  if (isIPv6(address)) return AF_INET6;
  throw new Error(`not an IP address: ${address}`);
}

function ipv4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** 16 bytes of an IPv6 address (with '::' and an embedded dotted IPv4 tail). */
export function ipv6Bytes(address: string): Buffer {
  const out = Buffer.alloc(16);
  let text = address.split('%')[0]!;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail.push(...ipv4Bytes(text.slice(lastColon + 1)));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const groups = [...left, ...new Array(8 - left.length - right.length).fill('0'), ...right];
  groups.forEach((g, i) => {
    out.writeUInt16BE(Number.parseInt(g, 16), i * 2);
  });
  if (tail.length === 4) Buffer.from(tail).copy(out, 12);
  return out;
}

/**
 * A sockaddr for `address` and `port`. With `family` AF_INET6 an IPv4 address is written as
 * IPv4-mapped (::ffff:a.b.c.d), which is how a dual-stack IPv6 socket names an IPv4 peer.
 */
export function sockaddr(address: string, port: number, family: number = addressFamily(address)): Buffer {
  if (family === AF_INET) {
    const b = Buffer.alloc(SOCKADDR_IN_BYTES);
    b.writeUInt16LE(AF_INET, 0);
    b.writeUInt16BE(port, 2);
    Buffer.from(ipv4Bytes(address)).copy(b, 4);
    return b;
  }
  const b = Buffer.alloc(SOCKADDR_IN6_BYTES);
  b.writeUInt16LE(AF_INET6, 0);
  b.writeUInt16BE(port, 2);
  const v6 = isIPv4(address) ? `::ffff:${address}` : address;
  ipv6Bytes(v6).copy(b, 8);
  return b;
}

/**
 * The TCP_MD5SIG argument installing `key` for `peer` (an empty key removes it). `family` is
 * the socket's own family: an IPv4 peer on an IPv6 socket is named IPv4-mapped, and Linux then
 * files the key as an IPv4 one.
 */
export function md5SigStruct(peer: string, key: Buffer, family: number = addressFamily(peer)): Buffer {
  if (key.length > TCP_MD5SIG_MAXKEYLEN)
    throw new Error(`TCP MD5 key is ${key.length} bytes, at most ${TCP_MD5SIG_MAXKEYLEN} are allowed`);
  const b = Buffer.alloc(TCP_MD5SIG_BYTES);
  sockaddr(peer, 0, family).copy(b, 0);
  b.writeUInt16LE(key.length, SOCKADDR_STORAGE_BYTES + 2);
  key.copy(b, SOCKADDR_STORAGE_BYTES + 8);
  return b;
}
