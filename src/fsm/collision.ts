/**
 * Connection collision detection (RFC 4271 §6.8): when both speakers open a connection at the
 * same time, "the value of the local BGP Identifier and the remote BGP Identifier ... are
 * compared ... If the value of the local BGP Identifier is less than the remote one, the local
 * system closes the BGP connection that already exists (the one that is already in the
 * OpenConfirm state), and accepts the BGP connection initiated by the remote system."
 * Otherwise the local system keeps its own connection and closes the remote's.
 */

/** A BGP Identifier as an unsigned 32-bit integer, from dotted-quad text. */
export function routerIdNumber(routerId: string): number {
  const parts = routerId.split('.');
  if (parts.length !== 4) throw new TypeError(`'${routerId}' is not a BGP identifier`);
  let n = 0;
  for (const p of parts) {
    const v = Number(p);
    if (!Number.isInteger(v) || v < 0 || v > 255 || p === '')
      throw new TypeError(`'${routerId}' is not a BGP identifier`);
    n = n * 256 + v;
  }
  return n;
}

/** Which of the two colliding connections survives. */
export type CollisionWinner = 'outgoing' | 'incoming';

export function resolveCollision(localRouterId: string, remoteRouterId: string): CollisionWinner {
  return routerIdNumber(localRouterId) < routerIdNumber(remoteRouterId) ? 'incoming' : 'outgoing';
}
