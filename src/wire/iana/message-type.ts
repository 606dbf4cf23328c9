/** BGP message types (IANA "BGP Message Types"). */
export const MESSAGE_TYPE = {
  OPEN: 1, // RFC 4271
  UPDATE: 2, // RFC 4271
  NOTIFICATION: 3, // RFC 4271
  KEEPALIVE: 4, // RFC 4271
  ROUTE_REFRESH: 5, // RFC 2918
  OPERATIONAL: 6, // draft-ietf-idr-operational-message (as ExaBGP uses it)
} as const;
export type MessageType = (typeof MESSAGE_TYPE)[keyof typeof MESSAGE_TYPE];

export const MESSAGE_TYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'open',
  2: 'update',
  3: 'notification',
  4: 'keepalive',
  5: 'route-refresh',
  6: 'operational',
};
