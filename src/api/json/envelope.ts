/**
 * The envelope of every ExaBGP JSON event: version, time, host, pid, ppid, counter, type, and
 * the neighbor block with addresses, ASNs, router-id and direction. The message-specific content
 * (open, message.update, notification, state ...) goes inside `neighbor`, as ExaBGP writes it.
 */
import type { JsonDialect, JsonObject } from '../../wire/json.js';

/** Who the event is about, as the neighbor block prints it. */
export interface EventNeighbor {
  readonly localAddress: string;
  readonly peerAddress: string;
  readonly localAs: number;
  readonly peerAs: number;
  readonly routerId?: string;
}

/** Process facts stamped on each event; injected so tests and tools can fix them. */
export interface EventStamp {
  readonly timeSeconds: number;
  readonly host: string;
  readonly pid: number;
  readonly ppid: number;
  /** Per-neighbor message counter; omitted when undefined. */
  readonly counter?: number;
}

/** The version string ExaBGP writes for each dialect. */
export function dialectVersion(dialect: JsonDialect): string {
  return dialect === '4' ? '4.0.1' : '5.0.0';
}

/** 'in' as `decode` writes it; 'receive' / 'send' as ExaBGP 5.0 writes live events. */
export type EventDirection = 'in' | 'out' | 'receive' | 'send';

/** Optional raw bytes of the message, when the API asks for packets. */
export interface EventPacket {
  readonly header?: string;
  readonly body?: string;
}

export function eventJson(
  dialect: JsonDialect,
  stamp: EventStamp,
  type: string,
  neighbor: EventNeighbor,
  direction: EventDirection | undefined,
  content: JsonObject,
  packet: EventPacket = {},
): JsonObject {
  const n: JsonObject = {
    address: { local: neighbor.localAddress, peer: neighbor.peerAddress },
    asn: { local: neighbor.localAs, peer: neighbor.peerAs },
  };
  if (neighbor.routerId) n['router-id'] = neighbor.routerId;
  if (direction) n.direction = direction;
  Object.assign(n, content);
  const event: JsonObject = {
    exabgp: dialectVersion(dialect),
    time: stamp.timeSeconds,
    host: stamp.host,
    pid: stamp.pid,
    ppid: stamp.ppid,
  };
  if (stamp.counter !== undefined) event.counter = stamp.counter;
  event.type = type;
  if (packet.header) event.header = packet.header;
  if (packet.body) event.body = packet.body;
  event.neighbor = n;
  return event;
}
