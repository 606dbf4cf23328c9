/**
 * A neighbor's TCP security settings, as the transport wants them:
 *   md5-password   RFC 2385 key, as text (bytes of its UTF-8), or base64 with md5-base64 true;
 *   md5-ip         the local address used for the MD5 session (ExaBGP: the address bgpknife
 *                  binds and listens on for this neighbor; defaults to local-address);
 *   outgoing-ttl   RFC 5082: TTL of the packets sent to the neighbor (also `ttl-security`);
 *   incoming-ttl   RFC 5082: packets from the neighbor with a lower TTL are dropped.
 * A listening socket is shared by every neighbor that may connect to it, so it carries each
 * of their keys, the lowest of their minimum TTLs (none when one of them has none), and the
 * highest outgoing TTL (its SYN-ACKs must pass every GTSM peer); each accepted connection then
 * gets its own neighbor's TTL options. Keys never appear in an error message.
 */
import type { NeighborConfig } from '../config/lower/model.js';
import { publishLog } from '../observe/channels.js';
import { SocketOptionError } from '../transport/native-socket.js';
import { TCP_MD5SIG_MAXKEYLEN as TCP_MD5_MAX_KEY_BYTES } from '../transport/sockaddr.js';
import { type ListenSecurity, type TcpSecurity, tcpConnect } from '../transport/tcp.js';
import type { Connection } from '../transport/transport.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The neighbor's RFC 2385 key bytes; undefined without md5-password. Throws on a bad key (never quoting it). */
export function md5Key(n: NeighborConfig): Buffer | undefined {
  if (!n.md5Password) return undefined;
  const text = n.md5Password;
  if (n.md5Base64 && (!BASE64.test(text) || text.length % 4 === 1))
    throw new Error(`md5-password of neighbor ${n.peerAddress} is not valid base64 (md5-base64 true)`);
  const key = n.md5Base64 ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  if (key.length === 0 || key.length > TCP_MD5_MAX_KEY_BYTES)
    throw new Error(
      `md5-password of neighbor ${n.peerAddress} is ${key.length} bytes; RFC 2385 keys are 1 to ${TCP_MD5_MAX_KEY_BYTES}`,
    );
  return key;
}

/** The local address of the neighbor's sessions: md5-ip when given (ExaBGP), else local-address. */
export function sessionLocalAddress(n: NeighborConfig): string | undefined {
  return n.md5Ip ?? n.localAddress;
}

/** TTL options of a connection accepted from this neighbor. */
export function acceptSecurity(n: NeighborConfig): TcpSecurity | undefined {
  if (!n.outgoingTtl && !n.incomingTtl) return undefined;
  return {
    ...(n.outgoingTtl ? { outgoingTtl: n.outgoingTtl } : {}),
    ...(n.incomingTtl ? { minimumTtl: n.incomingTtl } : {}),
  };
}

/** Key and TTL options of an outgoing connection to this neighbor. */
export function connectSecurity(n: NeighborConfig): TcpSecurity | undefined {
  const key = md5Key(n);
  const ttl = acceptSecurity(n);
  if (!key && !ttl) return undefined;
  return { ...ttl, ...(key ? { md5Key: key } : {}) };
}

/**
 * Open the TCP connection of a session with this neighbor. A bad key or a socket option the
 * system refuses (no TCP_MD5SIG, koffi missing) is logged as an error, since the session only
 * sees a failed connection.
 */
export async function dialNeighbor(n: NeighborConfig, port: number): Promise<Connection> {
  let security: TcpSecurity | undefined;
  try {
    security = connectSecurity(n);
  } catch (e) {
    publishLog({ level: 'error', source: 'peer', message: (e as Error).message });
    throw e;
  }
  try {
    const localAddress = sessionLocalAddress(n);
    return await tcpConnect({
      host: n.peerAddress,
      port,
      ...(localAddress ? { localAddress } : {}),
      ...(security ? { security } : {}),
    });
  } catch (e) {
    if (e instanceof SocketOptionError)
      publishLog({ level: 'error', source: 'peer', message: `${n.peerAddress}: ${(e as Error).message}` });
    throw e;
  }
}

function isWildcard(address: string): boolean {
  return address === '::' || address === '0.0.0.0' || address === '';
}

/** Whether this neighbor's connections may arrive on a socket listening on `address`. */
function arrivesOn(n: NeighborConfig, address: string): boolean {
  const local = sessionLocalAddress(n);
  return isWildcard(address) || !local || local === address;
}

/** Keys and TTL options of a listening socket on `address`, for every neighbor that may use it. */
export function listenSecurity(neighbors: readonly NeighborConfig[], address: string): ListenSecurity {
  const md5Keys = new Map<string, Buffer>();
  let minimumTtl: number | undefined = Number.POSITIVE_INFINITY;
  let outgoingTtl = 0;
  for (const n of neighbors) {
    if (!arrivesOn(n, address)) continue;
    const key = md5Key(n);
    if (key) md5Keys.set(n.peerAddress, key);
    minimumTtl = n.incomingTtl && minimumTtl ? Math.min(minimumTtl, n.incomingTtl) : undefined;
    outgoingTtl = Math.max(outgoingTtl, n.outgoingTtl ?? 0);
  }
  return {
    md5Keys,
    ...(minimumTtl && Number.isFinite(minimumTtl) ? { minimumTtl } : {}),
    ...(outgoingTtl ? { outgoingTtl } : {}),
  };
}
