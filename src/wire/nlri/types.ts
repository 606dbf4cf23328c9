/**
 * Every NLRI value: a discriminated union on `kind`. Add a member here and a codec in
 * registry.ts when adding a family.
 */
import type { BgpLsNlri } from './bgpls/index.js';
import type { UnknownNlri } from './unknown.js';

export type Nlri = UnknownNlri | BgpLsNlri;
