/**
 * KEEPALIVE (RFC 4271 §4.4): the header alone, 19 bytes. The framer already rejects any other
 * length with "Bad Message Length".
 */
import { frameMessage } from '../frame.js';
import { MESSAGE_TYPE } from '../iana/message-type.js';

export interface Keepalive {
  readonly kind: 'keepalive';
}

export const KEEPALIVE: Keepalive = Object.freeze({ kind: 'keepalive' });

const KEEPALIVE_BYTES = frameMessage(MESSAGE_TYPE.KEEPALIVE, () => {});

export function encodeKeepalive(): Buffer {
  return KEEPALIVE_BYTES;
}
