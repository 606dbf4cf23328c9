/**
 * Every NLRI value: a discriminated union on `kind`. Add a member here and a codec in
 * registry.ts when adding a family.
 */
import type { InetNlri } from './inet.js';
import type { LabeledNlri } from './labeled.js';
import type { RtcNlri } from './rtc.js';
import type { UnknownNlri } from './unknown.js';
import type { VplsNlri } from './vpls.js';
import type { VpnNlri } from './vpn.js';

export type Nlri = InetNlri | LabeledNlri | VpnNlri | RtcNlri | VplsNlri | UnknownNlri;
