/**
 * Every path attribute value: a discriminated union on `kind`. Add a member here and a codec
 * in registry.ts when adding an attribute.
 */

import type { AggregatorAttribute } from './aggregator.js';
import type { AigpAttribute } from './aigp.js';
import type { AsPathAttribute } from './as-path.js';
import type { As4AggregatorAttribute } from './as4-aggregator.js';
import type { As4PathAttribute } from './as4-path.js';
import type { AtomicAggregateAttribute } from './atomic-aggregate.js';
import type { BgpLsAttribute } from './bgpls/index.js';
import type { ClusterListAttribute } from './cluster-list.js';
import type { CommunityAttribute } from './community.js';
import type { ExtendedCommunityAttribute } from './extended-community.js';
import type { Ipv6ExtendedCommunityAttribute } from './ipv6-extended-community.js';
import type { LargeCommunityAttribute } from './large-community.js';
import type { LocalPrefAttribute } from './local-pref.js';
import type { MedAttribute } from './med.js';
import type { MpReach } from './mp-reach.js';
import type { MpUnreach } from './mp-unreach.js';
import type { NextHopAttribute } from './next-hop.js';
import type { OriginAttribute } from './origin.js';
import type { OriginatorIdAttribute } from './originator-id.js';
import type { PmsiTunnelAttribute } from './pmsi-tunnel.js';
import type { PrefixSidAttribute } from './prefix-sid.js';
import type { UnknownAttribute } from './unknown.js';

export type Attribute =
  | UnknownAttribute
  | OriginAttribute
  | AsPathAttribute
  | NextHopAttribute
  | MedAttribute
  | LocalPrefAttribute
  | AtomicAggregateAttribute
  | AggregatorAttribute
  | CommunityAttribute
  | OriginatorIdAttribute
  | ClusterListAttribute
  | ExtendedCommunityAttribute
  | As4PathAttribute
  | As4AggregatorAttribute
  | PmsiTunnelAttribute
  | Ipv6ExtendedCommunityAttribute
  | AigpAttribute
  | LargeCommunityAttribute
  | PrefixSidAttribute
  | BgpLsAttribute
  | MpReach
  | MpUnreach;
