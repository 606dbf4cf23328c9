/**
 * The NLRI registry: one explicit list of family codecs, checked for duplicates at load.
 * A family with no codec decodes its whole NLRI field to one UnknownNlri.
 */
import { bgplsNlriCodec } from './bgpls/index.js';
import type { NlriCodec } from './codec.js';
import { evpnCodec } from './evpn/index.js';
import { type FamilyKey, familyName, familyOf } from './family.js';
import { FLOW_CODEC } from './flowspec/codec.js';
import { inetCodec } from './inet.js';
import { labeledCodec } from './labeled.js';
import { mupCodec } from './mup/index.js';
import { mvpnCodec } from './mvpn/index.js';
import { rtcCodec } from './rtc.js';
import { vplsCodec } from './vpls.js';
import { vpnCodec } from './vpn.js';

// biome-ignore lint/suspicious/noExplicitAny: a heterogeneous list of codecs, each typed on its own
type AnyCodec = NlriCodec<any>;

/** Every NLRI codec bgpknife has. */
const CODECS: readonly AnyCodec[] = [
  FLOW_CODEC,
  evpnCodec,
  mupCodec,
  mvpnCodec,
  bgplsNlriCodec,
  inetCodec,
  labeledCodec,
  vpnCodec,
  rtcCodec,
  vplsCodec,
];

const BY_FAMILY = new Map<FamilyKey, AnyCodec>();
const BY_KIND = new Map<string, AnyCodec>();
for (const c of CODECS) {
  for (const f of c.families) {
    if (BY_FAMILY.has(f)) {
      const { afi, safi } = familyOf(f);
      throw new Error(`two NLRI codecs for ${familyName(afi, safi)}`);
    }
    BY_FAMILY.set(f, c);
  }
  if (BY_KIND.has(c.kind)) throw new Error(`duplicate NLRI kind ${c.kind}`);
  BY_KIND.set(c.kind, c);
}

export function nlriCodec(family: FamilyKey): AnyCodec | undefined {
  return BY_FAMILY.get(family);
}

export function nlriCodecByKind(kind: string): AnyCodec | undefined {
  return BY_KIND.get(kind);
}

/** Families with a codec. */
export function knownFamilies(): FamilyKey[] {
  return [...BY_FAMILY.keys()];
}
