/**
 * Every BGP message value: a discriminated union on `kind`. Add a member here and a line in
 * registry.ts's MESSAGES table when adding a message type.
 */

import type { Keepalive } from './keepalive.js';
import type { Notification } from './notification.js';
import type { Open } from './open.js';
import type { Operational } from './operational.js';
import type { RouteRefresh } from './route-refresh.js';
import type { Update } from './update.js';

/** A message of a type bgpknife does not know, kept raw (only when the caller asks for it). */
export interface UnknownMessage {
  readonly kind: 'unknown-message';
  readonly type: number;
  readonly body: Buffer;
}

export type Message = Open | Update | Notification | Keepalive | RouteRefresh | Operational | UnknownMessage;

export type MessageKind = Message['kind'];
