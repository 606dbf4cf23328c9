/**
 * Every path attribute value: a discriminated union on `kind`. Add a member here and a codec
 * in registry.ts when adding an attribute.
 */
import type { BgpLsAttribute } from './bgpls/index.js';
import type { MpReach } from './mp-reach.js';
import type { MpUnreach } from './mp-unreach.js';
import type { UnknownAttribute } from './unknown.js';

export type Attribute = UnknownAttribute | BgpLsAttribute | MpReach | MpUnreach;
