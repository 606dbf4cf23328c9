/**
 * Enhanced Route Refresh capability, code 70 (RFC 7313 §3.2): an empty value saying the
 * speaker brackets a refresh with BoRR/EoRR route-refresh messages.
 *
 *   +------------------------------+
 *   | Code 70         | Length 0   |
 *   +------------------------------+
 */
import type { JsonObject } from '../json.js';
import type { CapabilityCodec } from './codec.js';

export interface EnhancedRouteRefreshCapability {
  readonly kind: 'enhanced-route-refresh';
}

export const enhancedRouteRefresh: CapabilityCodec<EnhancedRouteRefreshCapability> = {
  code: 70,
  kind: 'enhanced-route-refresh',
  name: 'enhanced-route-refresh',
  decode: () => ({ kind: 'enhanced-route-refresh' }),
  encode: () => {},
  json: (): JsonObject => ({ name: 'enhanced-route-refresh' }),
};
