/**
 * The JSON encoder of API events, as ExaBGP 5.0.13 writes them (reactor/api/response/json.py):
 * the envelope (api/json/envelope.ts) around `state`, `negotiated`, `open`, `message` (update
 * or eor), `notification`, `route-refresh`, `operational`, or nothing (keepalive). Built as
 * values and printed by stringifyJson, so peer strings are always escaped.
 */
import type { Negotiated } from '../../fsm/negotiate.js';
import { type JsonDialect, type JsonObject, stringifyJson } from '../../wire/json.js';
import { notificationJson } from '../../wire/message/notification.js';
import { openJson } from '../../wire/message/open.js';
import { operationalJson } from '../../wire/message/operational.js';
import { refreshJson } from '../../wire/message/route-refresh.js';
import type { Message } from '../../wire/message/types.js';
import { updateMessageJson } from '../../wire/message/update-json.js';
import { afiName, type FamilyKey, safiName } from '../../wire/nlri/family.js';
import { type EventNeighbor, type EventPacket, type EventStamp, eventJson } from '../json/envelope.js';
import type { ApiEvent } from './types.js';

/** ExaBGP's long names, used as the type of a `packets` event. */
const PACKET_TYPE: Readonly<Record<number, string>> = {
  1: 'open',
  2: 'update',
  3: 'notification',
  4: 'keepalive',
  5: 'route-refresh',
  6: 'operational',
};

function familyText(f: FamilyKey): string {
  return `${afiName(f >> 8)} ${safiName(f & 0xff)}`;
}

/** ExaBGP's `negotiated` object. */
export function negotiatedJson(n: Negotiated): JsonObject {
  const nexthop: string[] = [];
  for (const [f, afis] of n.encode.extendedNextHop)
    for (const a of afis) nexthop.push(`${familyText(f)} ${afiName(a)}`);
  return {
    message_size: n.encode.extendedMessage ? 65535 : 4096,
    hold_time: n.holdTimeSeconds,
    asn4: n.asn4,
    multisession: false,
    operational: false,
    refresh: n.enhancedRouteRefresh ? 'enhanced' : n.routeRefresh ? 'normal' : 'absent',
    families: n.families.map(familyText),
    nexthop,
    add_path: {
      send: n.families.filter((f) => n.encode.addPath.has(f)).map(familyText),
      receive: n.families.filter((f) => n.decode.addPath.has(f)).map(familyText),
    },
  };
}

/** The type and content of a parsed message event; undefined when ExaBGP reports nothing. */
function messageContent(m: Message, dialect: JsonDialect): [string, JsonObject] | undefined {
  const opts = { dialect };
  switch (m.kind) {
    case 'open':
      return ['open', { open: openJson(m, opts) }];
    case 'update':
      return ['update', { message: updateMessageJson(m, opts) }];
    case 'notification':
      return ['notification', { notification: notificationJson(m) }];
    case 'keepalive':
      return ['keepalive', {}];
    case 'route-refresh':
      return ['refresh', { 'route-refresh': refreshJson(m) }];
    case 'operational': {
      const o = operationalJson(m);
      return o ? ['operational', { operational: o }] : undefined;
    }
    default:
      return undefined;
  }
}

function packetOf(raw: Buffer | undefined): EventPacket {
  if (!raw) return {};
  return {
    header: raw.subarray(0, 19).toString('hex').toUpperCase(),
    body: raw.subarray(19).toString('hex').toUpperCase(),
  };
}

/** One event as a JSON value; undefined when ExaBGP writes nothing for it. */
export function eventValue(
  e: ApiEvent,
  neighbor: EventNeighbor,
  stamp: EventStamp,
  dialect: JsonDialect,
): JsonObject | undefined {
  switch (e.kind) {
    case 'connected':
    case 'up':
      return eventJson(dialect, stamp, 'state', neighbor, undefined, { state: e.kind });
    case 'down':
      return eventJson(dialect, stamp, 'state', neighbor, undefined, { state: 'down', reason: e.reason });
    case 'negotiated':
      return eventJson(dialect, stamp, 'negotiated', neighbor, undefined, {
        negotiated: negotiatedJson(e.negotiated),
      });
    case 'packets': {
      const content: JsonObject = {
        message: {
          category: e.raw[18] ?? 0,
          header: e.raw.subarray(0, 19).toString('hex').toUpperCase(),
          body: e.raw.subarray(19).toString('hex').toUpperCase(),
        },
      };
      if (e.negotiated) content.negotiated = negotiatedJson(e.negotiated);
      return eventJson(
        dialect,
        stamp,
        PACKET_TYPE[e.raw[18] ?? 0] ?? 'unknown',
        neighbor,
        e.direction,
        content,
      );
    }
    case 'message': {
      const found = messageContent(e.message, dialect);
      if (!found) return undefined;
      const [type, content] = found;
      if (e.negotiated && e.message.kind === 'update') content.negotiated = negotiatedJson(e.negotiated);
      return eventJson(dialect, stamp, type, neighbor, e.direction, content, packetOf(e.raw));
    }
  }
}

/** One event as a line of JSON; undefined when ExaBGP writes nothing for it. */
export function eventJsonLine(
  e: ApiEvent,
  neighbor: EventNeighbor,
  stamp: EventStamp,
  dialect: JsonDialect,
): string | undefined {
  const v = eventValue(e, neighbor, stamp, dialect);
  return v === undefined ? undefined : stringifyJson(v);
}

/** ExaBGP's shutdown event (no neighbor). */
export function shutdownJson(stamp: EventStamp, dialect: JsonDialect): string {
  return stringifyJson({
    exabgp: dialect === '4' ? '4.0.1' : '5.0.0',
    time: stamp.timeSeconds,
    host: stamp.host,
    pid: stamp.pid,
    ppid: stamp.ppid,
    type: 'notification',
    notification: 'shutdown',
  });
}
