/**
 * The UPDATE packer: turns the Adj-RIB-Out's pending work into UPDATE messages (RFC 4271 §4.3,
 * RFC 4760), byte for byte as ExaBGP 5.0 (Update.messages, MPRNLRI/MPURNLRI.packed_attributes):
 *
 * - With group-updates, the changes of one attribute group go together for IPv4 unicast and
 *   MCAST-VPN; every other family (and every route when group-updates is off) gets one UPDATE
 *   per route. Within an UPDATE the NLRI are sorted as ExaBGP sorts them (keys.ts nlriOrder).
 * - IPv4 unicast withdrawals, and announcements with an IPv4 next hop, use the Withdrawn Routes
 *   and NLRI fields; everything else goes in MP_UNREACH_NLRI / MP_REACH_NLRI, written after
 *   the other attributes (unreach first). An UPDATE with only withdrawals in the IPv4 field has
 *   no attributes; one with only MP_UNREACH_NLRI of a unicast/multicast family has nothing else.
 * - Messages are filled up to the negotiated size (4096, or 65535 with RFC 8654), then split.
 * - Families the peer did not negotiate are dropped and counted, as are changes whose
 *   attributes leave no room for one NLRI, and announcements without a usable next hop.
 *
 * INTEROP, deliberate differences from ExaBGP 5.0: IPv4 multicast goes in MP_REACH_NLRI (RFC
 * 4760 §5; ExaBGP puts it in the IPv4 NLRI field, where it reads as unicast); an UPDATE mixing
 * IPv4-field and MP NLRI does not repeat the IPv4 NLRI in the MP message as ExaBGP's does.
 *
 * What depends on the configuration, not on the routes alone (for whoever lowers it):
 * - Message order: routes go out in the order they reach the Adj-RIB-Out (by attribute group,
 *   then family, then route). ExaBGP loads a neighbor's routes section by section: `static`,
 *   `l2vpn`, `flow`, then the `announce` blocks, each in file order; feed them in that order.
 * - Two configured routes with the same NLRI both go out (adj-rib-out.ts explains when).
 * - NEXT_HOP: ExaBGP adds it for an IPv4 next hop of every family except VPLS and FlowSpec,
 *   whose `next-hop` / `redirect` only fill MP_REACH_NLRI (pack-attributes.ts).
 * - `next-hop self`: the neighbor's local-address for routes of its address family, its
 *   router-id for IPv4 routes over IPv6 (pack-next-hop.ts).
 * - End-of-RIB: the session sends `endOfRibMessages` after the first flush, unless the
 *   neighbor has `manual-eor`.
 *
 * `packUpdates` is a generator: the caller pulls as many messages as it wants per turn of the
 * event loop, so a million routes never block it. The only step that is not incremental is the
 * sort of one group's NLRI before its first message (1M IPv4 prefixes: about 0.3 s).
 */
import type { Attribute } from '../wire/attribute/types.js';
import { maxMessageBytes } from '../wire/context.js';
import { AFI } from '../wire/iana/afi.js';
import { SAFI } from '../wire/iana/safi.js';
import { encodeKeepalive } from '../wire/message/keepalive.js';
import { encodeRouteRefresh, makeRouteRefresh } from '../wire/message/route-refresh.js';
import { encodeUpdate, endOfRib } from '../wire/message/update.js';
import { type FamilyKey, familyKey, familyOf } from '../wire/nlri/family.js';
import { type Change, type ChangeGroup, isWithdrawal, type Outgoing } from './change.js';
import { ipv4OrderNumber, nlriOrder } from './keys.js';
import { type AttributeContext, packAttributes } from './pack-attributes.js';
import {
  FIXED_BYTES,
  type Fields,
  ipv4FieldMessages,
  ipv4Messages,
  mpFits,
  mpMessages,
  mpReachHeader,
  mpSingleMessage,
  mpTableMessages,
  mpUnreachHeader,
  newPackStats,
  type PackedNlri,
  type PackStats,
} from './pack-fields.js';
import { ipv4Order, packedNlri } from './pack-ipv4.js';
import { ipv6Order, v6Nlri, v6Prefixes } from './pack-ipv6.js';
import { isIpv4, type ResolvedNextHop, resolveNextHop, type SelfAddresses } from './pack-next-hop.js';
import type { PackedChanges, PackedV6Changes } from './route-store.js';

/** What a neighbor contributes to the bytes of its UPDATEs. */
export interface PackContext extends AttributeContext, SelfAddresses {
  /** Negotiated families: nothing else is ever sent. */
  readonly families: readonly FamilyKey[];
  /** ExaBGP's `group-updates` (on by default). */
  readonly groupUpdates: boolean;
  /**
   * bgpknife.update.group-all-families: with groupUpdates, group the changes of every family
   * (MP_REACH_NLRI / MP_UNREACH_NLRI filled up to the message size), not only IPv4 unicast
   * and MCAST-VPN as ExaBGP does. Off by default: ExaBGP's bytes.
   */
  readonly groupAllFamilies?: boolean;
}

const IPV4_UNICAST = familyKey(AFI.IPV4, SAFI.UNICAST);
const IPV6_UNICAST = familyKey(AFI.IPV6, SAFI.UNICAST);
/** Families ExaBGP packs many NLRI per UPDATE for (the others: one route per UPDATE). */
const GROUPED = new Set([
  IPV4_UNICAST,
  familyKey(AFI.IPV4, SAFI.MCAST_VPN),
  familyKey(AFI.IPV6, SAFI.MCAST_VPN),
]);
const EMPTY = Buffer.alloc(0);

export { newPackStats, type PackStats } from './pack-fields.js';

/** Every message for `work`, in order. Prefer `packUpdates` for large tables. */
export function pack(work: Iterable<Outgoing>, ctx: PackContext, stats = newPackStats()): Buffer[] {
  return [...packUpdates(work, ctx, stats)];
}

/** The messages for `work`, one at a time. */
export function* packUpdates(
  work: Iterable<Outgoing>,
  ctx: PackContext,
  stats = newPackStats(),
): Generator<Buffer> {
  const families = new Set(ctx.families);
  const packer = new AttributeMemo(ctx);
  for (const item of work) {
    if (!families.has(item.family)) {
      if (item.kind === 'changes') stats.droppedFamily += changeCount(item);
      continue;
    }
    if (item.kind === 'route-refresh') {
      const { afi, safi } = familyOf(item.family);
      yield encodeRouteRefresh(makeRouteRefresh(afi, safi, item.subtype));
    } else if (item.packedV6 && v6Ready(item, item.packedV6, ctx)) {
      const grouped =
        !item.single && changeCount(item) > 1 && ctx.groupUpdates && (ctx.groupAllFamilies ?? false);
      yield* packedV6Messages(item, item.packedV6, grouped, ctx, packer, stats);
    } else if (
      item.single ||
      changeCount(item) === 1 ||
      !ctx.groupUpdates ||
      !(ctx.groupAllFamilies || GROUPED.has(item.family))
    ) {
      for (const c of item.changes) yield* updateMessages(item, [c], ctx, packer, stats);
    } else if (item.packed) {
      yield* packedMessages(item, item.packed, ctx, packer, stats);
    } else {
      yield* updateMessages(item, item.changes, ctx, packer, stats);
    }
  }
}

/**
 * The End-of-RIB markers (RFC 4724 §2) of the negotiated families, in their order; ExaBGP sends
 * a KEEPALIVE instead when no family was negotiated. A session with `manual-eor` calls this
 * only when told to.
 */
export function endOfRibMessages(ctx: PackContext): Buffer[] {
  if (ctx.families.length === 0) return [encodeKeepalive()];
  return ctx.families.map((f) => encodeUpdate(endOfRib(f), ctx.codec));
}

/** The attribute bytes of consecutive UPDATEs of one group are computed once. */
class AttributeMemo {
  private attributes: readonly Attribute[] | undefined;
  private key = '';
  private bytes: Buffer = EMPTY;
  constructor(private readonly ctx: PackContext) {}

  get(
    attributes: readonly Attribute[],
    nextHop: string | undefined,
    safi: number,
    withDefaults: boolean,
  ): Buffer {
    const key = `${nextHop}|${safi}|${withDefaults}`;
    if (attributes !== this.attributes || key !== this.key) {
      this.bytes = packAttributes(attributes, this.ctx, nextHop, safi, withDefaults);
      this.attributes = attributes;
      this.key = key;
    }
    return this.bytes;
  }
}

function changeCount(group: ChangeGroup): number {
  if (group.packed) return group.packed.keys.length;
  return group.packedV6 ? group.packedV6.withdrawn.length : group.changes.length;
}

/** Can the IPv6 path take this group (no ADD-PATH, a next hop for the announcements)? */
function v6Ready(group: ChangeGroup, packed: PackedV6Changes, ctx: PackContext): boolean {
  if (group.family !== IPV6_UNICAST || ctx.codec.addPath.has(group.family)) return false;
  return !packed.withdrawn.includes(0) || resolveNextHop(group.nextHop, AFI.IPV6, ctx) !== undefined;
}

/**
 * Plain IPv6 unicast changes (pack-ipv6.ts): grouped, sorted and split into MP_REACH_NLRI /
 * MP_UNREACH_NLRI as the general path does; otherwise one UPDATE per change, in order.
 */
function* packedV6Messages(
  group: ChangeGroup,
  packed: PackedV6Changes,
  grouped: boolean,
  ctx: PackContext,
  memo: AttributeMemo,
  stats: PackStats,
): Generator<Buffer> {
  const nextHop = resolveNextHop(group.nextHop, AFI.IPV6, ctx);
  const prefixes = v6Prefixes(packed);
  const { withdrawn } = packed;
  if (!grouped) {
    yield* singleV6Messages(
      group,
      withdrawn,
      v6Nlri(
        prefixes,
        Uint32Array.from(withdrawn, (_, i) => i),
      ),
      nextHop,
      ctx,
      memo,
      stats,
    );
    return;
  }
  const order = ipv6Order(prefixes);
  const reach = order.filter((i) => withdrawn[i] === 0);
  const attr = memo.get(group.attributes, nextHop?.ip, SAFI.UNICAST, reach.length > 0);
  const budget = maxMessageBytes(ctx.codec) - FIXED_BYTES - attr.length;
  if (budget <= 0) {
    stats.droppedTooLarge += order.length;
    return;
  }
  const unreach = order.filter((i) => withdrawn[i] === 1);
  yield* mpTableMessages(
    group.family,
    reach.length > 0 ? v6Nlri(prefixes, reach) : undefined,
    unreach.length > 0 ? v6Nlri(prefixes, unreach) : undefined,
    nextHop,
    attr,
    budget,
    stats,
  );
}

/** One UPDATE per change, in order, each built in one piece (mpSingleMessage). */
function* singleV6Messages(
  group: ChangeGroup,
  withdrawn: Uint8Array,
  nlri: PackedNlri,
  nextHop: ResolvedNextHop | undefined,
  ctx: PackContext,
  memo: AttributeMemo,
  stats: PackStats,
): Generator<Buffer> {
  // Announcements carry the default attributes, withdrawals of a unicast family do not.
  const some = [withdrawn.includes(0), withdrawn.includes(1)];
  const attrs = some.map((yes, w) =>
    yes ? memo.get(group.attributes, nextHop?.ip, SAFI.UNICAST, w === 0) : EMPTY,
  );
  const headers = [some[0] ? mpReachHeader(group.family, nextHop) : EMPTY, mpUnreachHeader(group.family)];
  const { all, ends } = nlri;
  for (let i = 0; i < ends.length; i++) {
    const w = withdrawn[i]!;
    const attr = attrs[w]!;
    const header = headers[w]!;
    const start = i === 0 ? 0 : ends[i - 1]!;
    const budget = maxMessageBytes(ctx.codec) - FIXED_BYTES - attr.length;
    if (budget <= 0 || !mpFits(header, ends[i]! - start, budget)) stats.droppedTooLarge++;
    else yield mpSingleMessage(w === 0, header, attr, all, start, ends[i]!);
  }
}

/**
 * A grouped IPv4 unicast group of plain routes (pack-ipv4.ts). What it does not cover — ADD-PATH,
 * a next hop that is not IPv4 — takes the general path with the Route values.
 */
function* packedMessages(
  group: ChangeGroup,
  packed: PackedChanges,
  ctx: PackContext,
  memo: AttributeMemo,
  stats: PackStats,
): Generator<Buffer> {
  const nextHop = resolveNextHop(group.nextHop, AFI.IPV4, ctx);
  const announces = packed.withdrawn.includes(0);
  if (ctx.codec.addPath.has(group.family) || (announces && !(nextHop && isIpv4(nextHop.ip)))) {
    yield* updateMessages(group, group.changes, ctx, memo, stats);
    return;
  }
  const attr = memo.get(group.attributes, nextHop?.ip, SAFI.UNICAST, true);
  const budget = maxMessageBytes(ctx.codec) - FIXED_BYTES - attr.length;
  if (budget <= 0) {
    stats.droppedTooLarge += packed.keys.length;
    return;
  }
  const { nlri, withdrawn } = packedNlri(packed, ipv4Order(packed.keys));
  yield* ipv4FieldMessages(nlri, withdrawn, attr, budget, stats);
}

/** The changes in ExaBGP's NLRI order (stable: equal keys keep their order). */
function sortChanges(changes: readonly Change[]): readonly Change[] {
  if (changes.length < 2) return changes;
  return sortIpv4(changes) ?? sortByOrder(changes);
}

/** Fast path for IPv4 prefixes: numeric keys, an index sort, no string per NLRI. */
function sortIpv4(changes: readonly Change[]): Change[] | undefined {
  const keys = new Float64Array(changes.length);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const key = ipv4OrderNumber(isWithdrawal(c) ? c.withdraw.nlri : c.nlri);
    if (key < 0) return undefined;
    keys[i] = key;
  }
  const index = new Uint32Array(changes.length);
  for (let i = 0; i < index.length; i++) index[i] = i;
  index.sort((a, b) => keys[a]! - keys[b]! || a - b);
  return Array.from(index, (i) => changes[i]!);
}

function sortByOrder(changes: readonly Change[]): Change[] {
  const keyed = changes.map((c) => ({ c, k: nlriOrder((isWithdrawal(c) ? c.withdraw : c).nlri) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return keyed.map((x) => x.c);
}

/** Which field each change goes in. */
function split(changes: readonly Change[], family: FamilyKey, nextHop: ResolvedNextHop | undefined): Fields {
  const out: Fields = { v4: [], reach: [], unreach: [] };
  const v4Field = family === IPV4_UNICAST;
  for (const c of changes) {
    if (isWithdrawal(c)) (v4Field ? out.v4 : out.unreach).push(c);
    else if (v4Field && nextHop && isIpv4(nextHop.ip)) out.v4.push(c);
    else out.reach.push(c);
  }
  return out;
}

function isFlow(safi: number): boolean {
  return safi === SAFI.FLOW || safi === SAFI.FLOW_VPN;
}

function* updateMessages(
  group: ChangeGroup,
  changes: readonly Change[],
  ctx: PackContext,
  memo: AttributeMemo,
  stats: PackStats,
): Generator<Buffer> {
  const { afi, safi } = familyOf(group.family);
  const nextHop = resolveNextHop(group.nextHop, afi, ctx);
  const fields = split(sortChanges(changes), group.family, nextHop);
  if (fields.reach.length > 0 && !nextHop && !isFlow(safi)) {
    stats.droppedNoNextHop += fields.reach.length;
    fields.reach.length = 0;
  }
  if (fields.v4.length + fields.reach.length + fields.unreach.length === 0) return;
  const unicast = safi === SAFI.UNICAST || safi === SAFI.MULTICAST;
  const withDefaults = fields.v4.length > 0 || fields.reach.length > 0 || !unicast;
  const attr = memo.get(group.attributes, nextHop?.ip, safi, withDefaults);
  const budget = maxMessageBytes(ctx.codec) - FIXED_BYTES - attr.length;
  if (budget <= 0) {
    stats.droppedTooLarge += changes.length;
    return;
  }
  const addPath = ctx.codec.addPath.has(group.family);
  yield* ipv4Messages(fields.v4, attr, budget, addPath, stats);
  yield* mpMessages(group.family, fields, nextHop, attr, budget, addPath, stats);
}
