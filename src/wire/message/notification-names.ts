/**
 * NOTIFICATION error codes and subcodes (IANA "BGP Error (Notification) Codes" and "... Subcodes"),
 * spelled as ExaBGP prints them. Sources: RFC 4271 §4.5 and §6, RFC 4486 (Cease subcodes),
 * RFC 5492 (Unsupported Capability), RFC 6608 (FSM errors), RFC 7313 (ROUTE-REFRESH errors),
 * RFC 8538 (Hard Reset), RFC 9234 (Role Mismatch), RFC 9384 (BFD Down), RFC 9687 (Send Hold Timer).
 */
import { table } from '../lookup.js';

export const NOTIFICATION_CODE = {
  MESSAGE_HEADER: 1,
  OPEN: 2,
  UPDATE: 3,
  HOLD_TIMER_EXPIRED: 4,
  FSM: 5,
  CEASE: 6,
  ROUTE_REFRESH: 7,
  SEND_HOLD_TIMER_EXPIRED: 8,
} as const;

/** RFC 4486 §4 Cease subcodes; 2 and 4 may carry an RFC 9003 shutdown communication. */
export const CEASE = {
  MAX_PREFIXES: 1,
  ADMINISTRATIVE_SHUTDOWN: 2,
  PEER_DECONFIGURED: 3,
  ADMINISTRATIVE_RESET: 4,
  CONNECTION_REJECTED: 5,
  OTHER_CONFIGURATION_CHANGE: 6,
  CONNECTION_COLLISION: 7,
  OUT_OF_RESOURCES: 8,
  HARD_RESET: 9,
  BFD_DOWN: 10,
} as const;

const CODE_NAMES: Readonly<Record<number, string>> = {
  1: 'Message header error',
  2: 'OPEN message error',
  3: 'UPDATE message error',
  4: 'Hold timer expired',
  5: 'State machine error',
  6: 'Cease',
  // Not named by ExaBGP 5.0 (it prints "unknown error"); spelled as RFC 7313 and RFC 9687 do.
  7: 'ROUTE-REFRESH message error',
  8: 'Send hold timer expired',
};

const SUBCODE_NAMES: Readonly<Record<string, string>> = table({
  '1/0': 'Unspecific',
  '1/1': 'Connection Not Synchronized',
  '1/2': 'Bad Message Length',
  '1/3': 'Bad Message Type',
  '2/0': 'Unspecific',
  '2/1': 'Unsupported Version Number',
  '2/2': 'Bad Peer AS',
  '2/3': 'Bad BGP Identifier',
  '2/4': 'Unsupported Optional Parameter',
  '2/5': 'Authentication Notification (Deprecated)',
  '2/6': 'Unacceptable Hold Time',
  '2/7': 'Unsupported Capability',
  '2/8': 'Grouping Conflict',
  '2/9': 'Grouping Required',
  '2/10': 'Capability Value Mismatch',
  '2/11': 'Role Mismatch',
  '3/0': 'Unspecific',
  '3/1': 'Malformed Attribute List',
  '3/2': 'Unrecognized Well-known Attribute',
  '3/3': 'Missing Well-known Attribute',
  '3/4': 'Attribute Flags Error',
  '3/5': 'Attribute Length Error',
  '3/6': 'Invalid ORIGIN Attribute',
  '3/7': 'AS Routing Loop',
  '3/8': 'Invalid NEXT_HOP Attribute',
  '3/9': 'Optional Attribute Error',
  '3/10': 'Invalid Network Field',
  '3/11': 'Malformed AS_PATH',
  '4/0': 'Unspecific',
  '5/0': 'Unspecific',
  '5/1': 'Receive Unexpected Message in OpenSent State',
  '5/2': 'Receive Unexpected Message in OpenConfirm State',
  '5/3': 'Receive Unexpected Message in Established State',
  '6/0': 'Unspecific',
  '6/1': 'Maximum Number of Prefixes Reached',
  '6/2': 'Administrative Shutdown',
  '6/3': 'Peer De-configured',
  '6/4': 'Administrative Reset',
  '6/5': 'Connection Rejected',
  '6/6': 'Other Configuration Change',
  '6/7': 'Connection Collision Resolution',
  '6/8': 'Out of Resources',
  '6/9': 'Hard Reset',
  '6/10': 'BFD Down',
  '7/1': 'Invalid Message Length',
  '7/2': 'Malformed Message Subtype',
  '8/0': 'Unspecific',
});

/** ExaBGP's name of an error code ("Cease"), or "unknown error". */
export function notificationCodeName(code: number): string {
  return CODE_NAMES[code] ?? 'unknown error';
}

/** ExaBGP's name of a subcode ("Administrative Shutdown"), or its "unknow reason" (sic). */
export function notificationSubcodeName(code: number, subcode: number): string {
  return SUBCODE_NAMES[`${code}/${subcode}`] ?? 'unknow reason';
}
