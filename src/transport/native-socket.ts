/**
 * The few socket calls node:net cannot make, through the koffi FFI package (prebuilt binaries
 * shipped in its npm packages): socket(2), bind(2), listen(2), close(2) and setsockopt(2) for
 * TCP_MD5SIG (RFC 2385), IP_TTL / IPV6_UNICAST_HOPS and IP_MINTTL / IPV6_MINHOPCOUNT (RFC 5082
 * GTSM). Linux only: the option numbers are Linux's. koffi is loaded on first use, so a
 * configuration without MD5 or TTL security never needs it; when it cannot load, or the kernel
 * refuses an option, a SocketOptionError says which and why. Errors never contain a key.
 */
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { AF_INET, AF_INET6, addressFamily, md5SigStruct, sockaddr } from './sockaddr.js';

const SOCK_STREAM = 1;
const SOCK_NONBLOCK = 0o4000;
const SOCK_CLOEXEC = 0o2000000;
const SOL_SOCKET = 1;
const SO_REUSEADDR = 2;
const IPPROTO_IP = 0;
const IPPROTO_TCP = 6;
const IPPROTO_IPV6 = 41;
const TCP_MD5SIG = 14;
const IP_TTL = 2;
const IP_MINTTL = 21;
const IPV6_UNICAST_HOPS = 16;
const IPV6_MINHOPCOUNT = 73;
/** Pending connections the kernel queues on a listening socket (Node's own default). */
export const LISTEN_BACKLOG = 511;

/** A socket option could not be set, or the FFI layer is not available. */
export class SocketOptionError extends Error {
  constructor(
    message: string,
    /** errno name (ENOPROTOOPT, EINVAL, ...) when a system call failed. */
    readonly errno?: string,
  ) {
    super(message);
    this.name = 'SocketOptionError';
  }
}

interface Libc {
  socket(domain: number, type: number, protocol: number): number;
  bind(fd: number, addr: Buffer, len: number): number;
  listen(fd: number, backlog: number): number;
  close(fd: number): number;
  setsockopt(fd: number, level: number, name: number, value: Buffer, len: number): number;
  errno(): number;
}

let libc: Libc | undefined;
let loadError: SocketOptionError | undefined;

/** Load koffi and bind the C functions once; throws SocketOptionError when it cannot. */
function native(): Libc {
  if (libc) return libc;
  if (loadError) throw loadError;
  if (process.platform !== 'linux') {
    loadError = new SocketOptionError(
      `TCP MD5 and TTL security need Linux socket options; this is ${process.platform}`,
    );
    throw loadError;
  }
  try {
    const koffi = createRequire(import.meta.url)('koffi') as typeof import('koffi');
    const lib = koffi.load(null);
    libc = {
      socket: lib.func('int socket(int, int, int)') as Libc['socket'],
      bind: lib.func('int bind(int, const void *, uint32_t)') as Libc['bind'],
      listen: lib.func('int listen(int, int)') as Libc['listen'],
      close: lib.func('int close(int)') as Libc['close'],
      setsockopt: lib.func('int setsockopt(int, int, int, const void *, uint32_t)') as Libc['setsockopt'],
      errno: () => koffi.errno(),
    };
    return libc;
  } catch (e) {
    loadError = new SocketOptionError(
      `TCP MD5 / TTL security need the koffi FFI package, which did not load (${(e as Error).message}); reinstall bgpknife's dependencies`,
    );
    throw loadError;
  }
}

/** Whether the FFI layer loads here (tests use it to skip or fail loudly). */
export function nativeAvailable(): boolean {
  try {
    native();
    return true;
  } catch {
    return false;
  }
}

function errnoName(n: number): string {
  for (const [name, value] of Object.entries(constants.errno)) if (value === n) return name;
  return `errno ${n}`;
}

function check(result: number, what: string, hint = ''): number {
  if (result >= 0) return result;
  const name = errnoName(native().errno());
  throw new SocketOptionError(`${what} failed: ${name}${hint}`, name);
}

function setInt(fd: number, level: number, name: number, value: number, what: string): void {
  const b = Buffer.alloc(4);
  b.writeInt32LE(value, 0);
  check(native().setsockopt(fd, level, name, b, 4), what);
}

/** A new non-blocking, close-on-exec TCP socket for this family. */
export function openTcpSocket(family: number): number {
  return check(native().socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), 'socket()');
}

export function closeFd(fd: number): void {
  native().close(fd);
}

export function bindSocket(fd: number, family: number, address: string, port: number): void {
  const addr = sockaddr(address, port, family);
  check(native().bind(fd, addr, addr.length), `bind to ${address} port ${port}`);
}

export function listenSocket(fd: number): void {
  check(native().listen(fd, LISTEN_BACKLOG), 'listen()');
}

export function setReuseAddress(fd: number): void {
  setInt(fd, SOL_SOCKET, SO_REUSEADDR, 1, 'SO_REUSEADDR');
}

/**
 * RFC 2385: sign (and require signatures on) every segment exchanged with `peer`; an empty key
 * removes the peer's key. ENOPROTOOPT / EINVAL mean a kernel built without CONFIG_TCP_MD5SIG.
 */
export function setMd5Key(fd: number, family: number, peer: string, key: Buffer): void {
  const arg = md5SigStruct(peer, key, family);
  const result = native().setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, arg, arg.length);
  if (result >= 0) return;
  const name = errnoName(native().errno());
  // Removing a key the socket does not have is not an error worth reporting.
  if (key.length === 0 && name === 'ENOENT') return;
  const unsupported = name === 'ENOPROTOOPT' || name === 'EINVAL' || name === 'EOPNOTSUPP';
  throw new SocketOptionError(
    unsupported
      ? `TCP MD5 (RFC 2385) for ${peer}: this kernel does not support TCP_MD5SIG (${name}); it needs CONFIG_TCP_MD5SIG`
      : `TCP MD5 (RFC 2385) for ${peer}: setsockopt(TCP_MD5SIG) failed: ${name}`,
    name,
  );
}

/** RFC 5082: the TTL (IPv6 hop limit) of every packet sent on this socket. */
export function setOutgoingTtl(fd: number, family: number, ttl: number): void {
  if (family === AF_INET6) setInt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, ttl, 'IPV6_UNICAST_HOPS');
  // A dual-stack IPv6 socket carrying IPv4 uses the IPv4 option; on a v6-only peer it is harmless.
  setInt(fd, IPPROTO_IP, IP_TTL, ttl, 'IP_TTL');
}

/** RFC 5082: the kernel drops packets arriving with a TTL (hop limit) below `ttl`. */
export function setMinimumTtl(fd: number, family: number, ttl: number): void {
  if (family === AF_INET6) setInt(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, ttl, 'IPV6_MINHOPCOUNT');
  setInt(fd, IPPROTO_IP, IP_MINTTL, ttl, 'IP_MINTTL');
}

export { AF_INET, AF_INET6, addressFamily };
