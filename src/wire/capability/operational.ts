/**
 * ExaBGP's Operational capability, code 185 (private use; draft-ietf-idr-operational-message):
 * an empty value saying the speaker understands OPERATIONAL messages (type 6).
 *
 *   +------------------------------+
 *   | Code 185        | Length 0   |
 *   +------------------------------+
 */
import type { JsonObject } from '../json.js';
import type { CapabilityCodec } from './codec.js';

export interface OperationalCapability {
  readonly kind: 'operational';
}

export const operational: CapabilityCodec<OperationalCapability> = {
  code: 185,
  kind: 'operational',
  name: 'operational',
  decode: () => ({ kind: 'operational' }),
  encode: () => {},
  json: (): JsonObject => ({ name: 'operational' }),
};
