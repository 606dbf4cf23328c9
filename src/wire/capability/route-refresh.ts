/**
 * Route Refresh capability, code 2 (RFC 2918 §2), and the pre-standard code 128 that Cisco
 * routers still send. Both have an empty value.
 *
 *   +------------------------------+
 *   | Code 2 (or 128) | Length 0   |
 *   +------------------------------+
 */
import type { JsonObject } from '../json.js';
import type { CapabilityCodec } from './codec.js';

export interface RouteRefreshCapability {
  readonly kind: 'route-refresh';
}

export interface CiscoRouteRefreshCapability {
  readonly kind: 'cisco-route-refresh';
}

// INTEROP: ExaBGP ignores any value bytes of an empty capability; so do we (the value is not
// kept, so such a capability re-encodes with length 0).
export const routeRefresh: CapabilityCodec<RouteRefreshCapability> = {
  code: 2,
  kind: 'route-refresh',
  name: 'route-refresh',
  decode: () => ({ kind: 'route-refresh' }),
  encode: () => {},
  json: (): JsonObject => ({ name: 'route-refresh', variant: 'RFC' }),
};

export const ciscoRouteRefresh: CapabilityCodec<CiscoRouteRefreshCapability> = {
  code: 128,
  kind: 'cisco-route-refresh',
  name: 'cisco-route-refresh',
  decode: () => ({ kind: 'cisco-route-refresh' }),
  encode: () => {},
  json: (): JsonObject => ({ name: 'route-refresh', variant: 'Cisco' }),
};
