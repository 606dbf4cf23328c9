/**
 * The messages API commands send at once (outside the Adj-RIB-Out): End-of-RIB markers
 * (RFC 4724 §2), ROUTE-REFRESH (RFC 2918 §3), OPERATIONAL (ExaBGP's draft), and ExaBGP 6's
 * attribute-only UPDATE:
 *
 *   +-----------------------------------------------------+
 *   |   Withdrawn Routes Length (2 octets) = 0            |
 *   |   Total Path Attribute Length (2 octets)            |
 *   |   Path Attributes (variable)                        |
 *   +-----------------------------------------------------+   (no NLRI)
 */
import type { Command } from '../command/types.js';
import { endOfRibMessages, type PackContext } from '../rib/pack.js';
import { packAttributes } from '../rib/pack-attributes.js';
import type { Attribute } from '../wire/attribute/types.js';
import { maxMessageBytes } from '../wire/context.js';
import { frameMessage } from '../wire/frame.js';
import { MESSAGE_TYPE } from '../wire/iana/message-type.js';
import { encodeOperational, OPERATIONAL_TYPE, type Operational } from '../wire/message/operational.js';
import { encodeRouteRefresh, makeRouteRefresh } from '../wire/message/route-refresh.js';
import { encodeUpdate, endOfRib } from '../wire/message/update.js';
import { type FamilyKey, familyOf } from '../wire/nlri/family.js';

/** `announce eor [AFI SAFI]`: that family's marker, or every negotiated family's. */
export function eorMessages(ctx: PackContext, family?: FamilyKey): Buffer[] {
  if (family === undefined) return endOfRibMessages(ctx);
  return [encodeUpdate(endOfRib(family), ctx.codec)];
}

export function refreshMessage(family: FamilyKey): Buffer {
  const { afi, safi } = familyOf(family);
  return encodeRouteRefresh(makeRouteRefresh(afi, safi));
}

type OperationalCommand = Extract<Command, { kind: 'operational' }>;

/** `announce operational MSG afi A safi S [advisory T] [sequence N] [counter N]`. */
export function operationalMessage(c: OperationalCommand, ctx: PackContext): Buffer {
  const code = OPERATIONAL_TYPE[c.message.toUpperCase() as keyof typeof OPERATIONAL_TYPE];
  const { afi, safi } = familyOf(c.family);
  const base = { kind: 'operational' as const, code, afi, safi };
  let m: Operational;
  if (c.message === 'asm' || c.message === 'adm')
    m = { ...base, category: 'advisory', advisory: Buffer.from(c.advisory ?? '', 'utf8').subarray(0, 2048) };
  else if (c.message.endsWith('q'))
    m = { ...base, category: 'query', routerId: ctx.routerId, sequence: c.sequence ?? 0 };
  else
    m = {
      ...base,
      category: 'counter',
      routerId: ctx.routerId,
      sequence: c.sequence ?? 0,
      counter: c.counter ?? 0,
    };
  return encodeOperational(m);
}

/** An UPDATE with these path attributes (and the session's defaults) and no NLRI. */
export function attributesUpdate(attributes: readonly Attribute[], ctx: PackContext): Buffer {
  const bytes = packAttributes(attributes, ctx, undefined, 1, true);
  return frameMessage(
    MESSAGE_TYPE.UPDATE,
    (w) => {
      w.u16(0);
      w.u16(bytes.length);
      w.bytes(bytes);
    },
    maxMessageBytes(ctx.codec),
  );
}
