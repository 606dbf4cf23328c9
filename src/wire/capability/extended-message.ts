/**
 * BGP Extended Message capability, code 6 (RFC 8654 §3): an empty value; once both sides send
 * it, messages other than OPEN and KEEPALIVE may be up to 65535 bytes.
 *
 *   +------------------------------+
 *   | Code 6          | Length 0   |
 *   +------------------------------+
 */
import { MAX_EXTENDED_MESSAGE_BYTES } from '../context.js';
import type { JsonObject } from '../json.js';
import type { CapabilityCodec } from './codec.js';

export interface ExtendedMessageCapability {
  readonly kind: 'extended-message';
}

export const extendedMessage: CapabilityCodec<ExtendedMessageCapability> = {
  code: 6,
  kind: 'extended-message',
  name: 'extended-message',
  decode: () => ({ kind: 'extended-message' }),
  encode: () => {},
  json: (): JsonObject => ({ name: 'extended-message', size: MAX_EXTENDED_MESSAGE_BYTES }),
};
