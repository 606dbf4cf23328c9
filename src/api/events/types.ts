/**
 * What happens on a session that a helper may be told about, as plain data. The daemon's peer
 * glue produces these; the JSON and text encoders (json.ts, text.ts) print them as ExaBGP
 * 5.0.13 does (reactor/api/response/json.py and text.py).
 */
import type { Negotiated } from '../../fsm/negotiate.js';
import type { Message } from '../../wire/message/types.js';
import type { EventNeighbor } from '../json/envelope.js';

export type ApiEvent =
  | { readonly kind: 'connected' }
  | { readonly kind: 'up' }
  | { readonly kind: 'down'; readonly reason: string }
  | { readonly kind: 'negotiated'; readonly negotiated: Negotiated }
  /** A parsed message (receive/send `parsed` or a per-type switch such as `update`). */
  | {
      readonly kind: 'message';
      readonly direction: 'receive' | 'send';
      readonly message: Message;
      /** Raw bytes, when the binding asks for packets with consolidate. */
      readonly raw?: Buffer;
      readonly negotiated?: Negotiated;
    }
  /** Raw bytes only (receive/send `packets` without consolidate). */
  | {
      readonly kind: 'packets';
      readonly direction: 'receive' | 'send';
      readonly raw: Buffer;
      readonly negotiated?: Negotiated;
    };

/** An event about one neighbor. */
export interface NeighborEvent {
  readonly neighbor: EventNeighbor;
  readonly event: ApiEvent;
}

/** ExaBGP's short name of a message type, as events name it. */
export const MESSAGE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'open',
  2: 'update',
  3: 'notification',
  4: 'keepalive',
  5: 'refresh',
  6: 'operational',
};

export function messageTypeName(type: number): string {
  return MESSAGE_TYPE_NAMES[type] ?? 'unknown';
}
