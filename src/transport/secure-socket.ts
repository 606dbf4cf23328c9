/**
 * TCP sockets with RFC 2385 MD5 signatures and RFC 5082 TTL security, for node:net.
 *
 * Both options must be on the socket before the first SYN leaves or arrives: a key added after
 * connect() is too late for the handshake, and a listening socket without the key answers
 * unsigned SYNs. node:net creates its file descriptor inside connect()/listen(), so the socket
 * is made here through FFI (native-socket.ts): socket(2), the options, bind(2), then
 *   - outgoing: `new net.Socket({ fd })` adopts the unconnected descriptor, and the caller's
 *     socket.connect() makes libuv call connect(2) on that same descriptor (non-blocking, with
 *     the usual 'connect' / 'error' events);
 *   - listening: listen(2) here, then `server.listen({ fd })` adopts the listening descriptor.
 * Accepted connections inherit the listener's keys and minimum TTL (Linux copies both into
 * the child socket); per-peer TTL options are set on the accepted descriptor as well.
 * Proven on loopback against BIRD, FRR and GoBGP in test/interop/security.test.ts.
 */
import net from 'node:net';
import {
  AF_INET,
  AF_INET6,
  addressFamily,
  bindSocket,
  closeFd,
  listenSocket,
  openTcpSocket,
  setMd5Key,
  setMinimumTtl,
  setOutgoingTtl,
  setReuseAddress,
} from './native-socket.js';

/** Security options for one connection (outgoing, or accepted from one peer). */
export interface TcpSecurity {
  /** RFC 2385 key (1 to 80 bytes), used with the remote address. */
  readonly md5Key?: Buffer;
  /** RFC 5082: TTL / hop limit of the packets sent (e.g. 255). */
  readonly outgoingTtl?: number;
  /** RFC 5082: packets arriving with a lower TTL / hop limit are dropped. */
  readonly minimumTtl?: number;
}

/** Security options of a listening socket, shared by every peer that connects to it. */
export interface ListenSecurity {
  /** RFC 2385 keys by peer address; a SYN from one of these without the right signature is dropped. */
  readonly md5Keys?: ReadonlyMap<string, Buffer>;
  /** RFC 5082: SYNs (and later packets) arriving with a lower TTL are dropped. */
  readonly minimumTtl?: number;
  /** RFC 5082: TTL of what the listener sends (the SYN-ACK, inherited by accepted sockets). */
  readonly outgoingTtl?: number;
}

export function hasConnectSecurity(s: TcpSecurity | undefined): s is TcpSecurity {
  return !!s && (!!s.md5Key?.length || !!s.outgoingTtl || !!s.minimumTtl);
}

export function hasListenSecurity(s: ListenSecurity | undefined): s is ListenSecurity {
  return !!s && ((s.md5Keys?.size ?? 0) > 0 || !!s.minimumTtl || !!s.outgoingTtl);
}

/** The file descriptor under a node:net socket or server (Unix), if it has one yet. */
export function descriptorOf(handleOwner: net.Socket | net.Server): number | undefined {
  const fd = (handleOwner as unknown as { _handle?: { fd?: number } })._handle?.fd;
  return typeof fd === 'number' && fd >= 0 ? fd : undefined;
}

/** Set the TTL options on a descriptor (MD5 is per peer and set separately). */
function applyTtl(fd: number, family: number, s: TcpSecurity): void {
  if (s.outgoingTtl) setOutgoingTtl(fd, family, s.outgoingTtl);
  if (s.minimumTtl) setMinimumTtl(fd, family, s.minimumTtl);
}

/** Run `setup` on a fresh socket; close it if anything fails. */
function withNewSocket(family: number, setup: (fd: number) => void): number {
  const fd = openTcpSocket(family);
  try {
    setup(fd);
    return fd;
  } catch (e) {
    closeFd(fd);
    throw e;
  }
}

/**
 * An unconnected net.Socket for `host` whose descriptor already carries the key and TTL
 * options and is bound to the local address/port when given. Call socket.connect({ host, port }).
 */
export function secureSocket(
  host: string,
  security: TcpSecurity,
  localAddress?: string,
  localPort?: number,
): net.Socket {
  const family = addressFamily(host);
  const fd = withNewSocket(family, (fd) => {
    if (security.md5Key?.length) setMd5Key(fd, family, host, security.md5Key);
    applyTtl(fd, family, security);
    if (localAddress || localPort) {
      bindSocket(fd, family, localAddress ?? (family === AF_INET ? '0.0.0.0' : '::'), localPort ?? 0);
    }
  });
  // pauseOnCreate: no read on the descriptor before connect(2) has even been called.
  const options = { fd, pauseOnCreate: true } as net.SocketConstructorOpts;
  return new net.Socket(options);
}

/** Whether a key for `peer` can live on a socket of `family` (IPv6 peers need an IPv6 socket). */
function keyFits(family: number, peer: string): boolean {
  return family === AF_INET6 || addressFamily(peer) === AF_INET;
}

/** Install, change or remove keys so the socket holds exactly `next` (keys of `previous` go). */
export function updateListenKeys(
  fd: number,
  family: number,
  previous: ReadonlyMap<string, Buffer> | undefined,
  next: ReadonlyMap<string, Buffer> | undefined,
): void {
  for (const peer of previous?.keys() ?? [])
    if (!next?.has(peer) && keyFits(family, peer)) setMd5Key(fd, family, peer, Buffer.alloc(0));
  for (const [peer, key] of next ?? [])
    if (keyFits(family, peer) && !key.equals(previous?.get(peer) ?? Buffer.alloc(0)))
      setMd5Key(fd, family, peer, key);
}

/** A bound, listening descriptor carrying the keys and minimum TTL; hand it to server.listen({ fd }). */
export function secureListenDescriptor(host: string, port: number, security: ListenSecurity): number {
  const family = addressFamily(host);
  return withNewSocket(family, (fd) => {
    setReuseAddress(fd);
    updateListenKeys(fd, family, undefined, security.md5Keys);
    applyTtl(fd, family, security);
    bindSocket(fd, family, host, port);
    listenSocket(fd);
  });
}

/** Apply a peer's TTL options to an accepted connection. */
export function secureAccepted(socket: net.Socket, security: TcpSecurity): void {
  const fd = descriptorOf(socket);
  if (fd === undefined || !(security.outgoingTtl || security.minimumTtl)) return;
  applyTtl(fd, socket.remoteFamily === 'IPv6' ? AF_INET6 : AF_INET, security);
}

export { addressFamily };
