/**
 * Every NLRI value: a discriminated union on `kind`. Add a member here and a codec in
 * registry.ts when adding a family.
 */
import type { BgpLsNlri } from './bgpls/index.js';
import type { EvpnNlri } from './evpn/types.js';
import type { FlowNlri } from './flowspec/components.js';
import type { InetNlri } from './inet.js';
import type { LabeledNlri } from './labeled.js';
import type { MupNlri } from './mup/types.js';
import type { MvpnNlri } from './mvpn/types.js';
import type { RtcNlri } from './rtc.js';

import type { UnknownNlri } from './unknown.js';
import type { VplsNlri } from './vpls.js';
import type { VpnNlri } from './vpn.js';

export type Nlri =
  | UnknownNlri
  | FlowNlri
  | EvpnNlri
  | MupNlri
  | MvpnNlri
  | BgpLsNlri
  | InetNlri
  | LabeledNlri
  | VpnNlri
  | RtcNlri
  | VplsNlri;
