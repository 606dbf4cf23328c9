/**
 * Every capability value: a discriminated union on `kind`. Add a member here and a descriptor
 * in registry.ts when adding a capability.
 */
import type { AddPathCapability } from './add-path.js';
import type { Asn4Capability } from './asn4.js';
import type { EnhancedRouteRefreshCapability } from './enhanced-route-refresh.js';
import type { ExtendedMessageCapability } from './extended-message.js';
import type { ExtendedNextHopCapability } from './extended-next-hop.js';
import type { GracefulRestartCapability } from './graceful-restart.js';
import type { HostnameCapability } from './hostname.js';
import type { MultiprotocolCapability } from './multiprotocol.js';
import type { CiscoMultisessionCapability, MultisessionCapability } from './multisession.js';
import type { OperationalCapability } from './operational.js';
import type { CiscoRouteRefreshCapability, RouteRefreshCapability } from './route-refresh.js';
import type { SoftwareVersionCapability } from './software-version.js';
import type { UnknownCapability } from './unknown.js';

export type Capability =
  | MultiprotocolCapability
  | RouteRefreshCapability
  | ExtendedNextHopCapability
  | ExtendedMessageCapability
  | GracefulRestartCapability
  | Asn4Capability
  | MultisessionCapability
  | AddPathCapability
  | EnhancedRouteRefreshCapability
  | HostnameCapability
  | SoftwareVersionCapability
  | CiscoRouteRefreshCapability
  | CiscoMultisessionCapability
  | OperationalCapability
  | UnknownCapability;

export type CapabilityKind = Capability['kind'];
