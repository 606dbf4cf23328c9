/**
 * Every NLRI value: a discriminated union on `kind`. Add a member here and a codec in
 * registry.ts when adding a family.
 */

import type { BgpLsNlri } from './bgpls/index.js';
import type { EvpnNlri } from './evpn/types.js';
import type { FlowNlri } from './flowspec/components.js';
import type { MupNlri } from './mup/types.js';
import type { MvpnNlri } from './mvpn/types.js';
import type { UnknownNlri } from './unknown.js';

export type Nlri = UnknownNlri | FlowNlri | EvpnNlri | MupNlri | MvpnNlri | BgpLsNlri;
