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
 * `packUpdates` is a generator: the caller pulls as many messages as it wants per turn of the
 * event loop, so a million routes never block it.
 */
import type { Attribute } from '../wire/attribute/types.js';
import { Writer } from '../wire/buf/writer.js';
import { maxMessageBytes } from '../wire/context.js';
import { HEADER_BYTES, MARKER_BYTES } from '../wire/frame.js';
import { AFI } from '../wire/iana/afi.js';
import { MESSAGE_TYPE } from '../wire/iana/message-type.js';
import { SAFI } from '../wire/iana/safi.js';
import { encodeKeepalive } from '../wire/message/keepalive.js';
import { encodeRouteRefresh, makeRouteRefresh } from '../wire/message/route-refresh.js';
import { encodeUpdate, endOfRib } from '../wire/message/update.js';
import { type FamilyKey, familyKey, familyOf } from '../wire/nlri/family.js';
import { type Change, type ChangeGroup, isWithdrawal, type Outgoing } from './change.js';
import { ipv4OrderNumber, nlriOrder, writeNlriBody } from './keys.js';
import { type AttributeContext, packAttributes } from './pack-attributes.js';
import {
  isIpv4,
  mpNextHopBytes,
  type ResolvedNextHop,
  resolveNextHop,
  type SelfAddresses,
} from './pack-next-hop.js';

/** What a neighbor contributes to the bytes of its UPDATEs. */
export interface PackContext extends AttributeContext, SelfAddresses {
  /** Negotiated families: nothing else is ever sent. */
  readonly families: readonly FamilyKey[];
  /** ExaBGP's `group-updates` (on by default). */
  readonly groupUpdates: boolean;
}

export interface PackStats {
  /** Changes of a family the peer did not negotiate. */
  droppedFamily: number;
  /** Changes whose attributes leave no room for the NLRI in a message. */
  droppedTooLarge: number;
  /** Announcements without a next hop (or with a `self` that has no address of its family). */
  droppedNoNextHop: number;
}

export function newPackStats(): PackStats {
  return { droppedFamily: 0, droppedTooLarge: 0, droppedNoNextHop: 0 };
}

const IPV4_UNICAST = familyKey(AFI.IPV4, SAFI.UNICAST);
/** Families ExaBGP packs many NLRI per UPDATE for (the others: one route per UPDATE). */
const GROUPED = new Set([
  IPV4_UNICAST,
  familyKey(AFI.IPV4, SAFI.MCAST_VPN),
  familyKey(AFI.IPV6, SAFI.MCAST_VPN),
]);
/** Header, Withdrawn Routes Length, Total Path Attribute Length. */
const FIXED_BYTES = HEADER_BYTES + 2 + 2;
const MP_REACH = 14;
const MP_UNREACH = 15;
const OPTIONAL = 0x80;
const EXTENDED_LENGTH = 0x10;
const EMPTY = Buffer.alloc(0);

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
      if (item.kind === 'changes') stats.droppedFamily += item.changes.length;
      continue;
    }
    if (item.kind === 'route-refresh') {
      const { afi, safi } = familyOf(item.family);
      yield encodeRouteRefresh(makeRouteRefresh(afi, safi, item.subtype));
    } else if (item.single || item.changes.length === 1 || !ctx.groupUpdates || !GROUPED.has(item.family)) {
      for (const c of item.changes) yield* updateMessages(item, [c], ctx, packer, stats);
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

interface Sorted {
  readonly v4: Change[];
  readonly reach: Change[];
  readonly unreach: Change[];
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
function split(changes: readonly Change[], family: FamilyKey, nextHop: ResolvedNextHop | undefined): Sorted {
  const out: Sorted = { v4: [], reach: [], unreach: [] };
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

/** The NLRI of some changes as on the wire, back to back: NLRI `i` ends at `ends[i]`. */
interface PackedNlri {
  readonly all: Buffer;
  readonly ends: Uint32Array;
}

/** Each change's NLRI as on the wire (with a path identifier under ADD-PATH). */
function packNlriTable(changes: readonly Change[], addPath: boolean): PackedNlri {
  const w = new Writer(changes.length * 8 + 16);
  const ends = new Uint32Array(changes.length);
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    const nlri = isWithdrawal(c) ? c.withdraw.nlri : c.nlri;
    if (addPath) w.u32(nlri.pathId ?? 0);
    writeNlriBody(w, nlri);
    ends[i] = w.pos;
  }
  return { all: w.toBuffer(), ends };
}

function packNlri(changes: readonly Change[], addPath: boolean): Buffer[] {
  const { all, ends } = packNlriTable(changes, addPath);
  return Array.from(ends, (end, i) => all.subarray(i === 0 ? 0 : ends[i - 1], end));
}

/**
 * Byte ranges of `all` going into one field, adjacent ranges merged: a run of announcements
 * becomes one slice, not one Buffer per NLRI.
 */
class Runs {
  readonly slices: Buffer[] = [];
  private start = -1;
  private end = -1;
  constructor(private readonly all: Buffer) {}

  add(start: number, end: number): void {
    if (start === this.end) {
      this.end = end;
      return;
    }
    this.close();
    this.start = start;
    this.end = end;
  }

  close(): Buffer[] {
    if (this.start >= 0) this.slices.push(this.all.subarray(this.start, this.end));
    this.start = -1;
    this.end = -1;
    return this.slices;
  }
}

function* ipv4Messages(
  changes: readonly Change[],
  attr: Buffer,
  budget: number,
  addPath: boolean,
  stats: PackStats,
): Generator<Buffer> {
  if (changes.length === 0) return;
  const { all, ends } = packNlriTable(changes, addPath);
  let withdrawn = new Runs(all);
  let announced = new Runs(all);
  let used = 0;
  let some = false;
  for (let i = 0; i < changes.length; i++) {
    const start = i === 0 ? 0 : ends[i - 1]!;
    const size = ends[i]! - start;
    if (used > 0 && used + size > budget) {
      yield ipv4Message(withdrawn, attr, announced, some);
      withdrawn = new Runs(all);
      announced = new Runs(all);
      used = 0;
      some = false;
    }
    if (size > budget) {
      stats.droppedTooLarge++;
      continue;
    }
    if (isWithdrawal(changes[i]!)) withdrawn.add(start, ends[i]!);
    else {
      announced.add(start, ends[i]!);
      some = true;
    }
    used += size;
  }
  if (used > 0) yield ipv4Message(withdrawn, attr, announced, some);
}

/** Attributes only when something is announced (a withdrawal-only UPDATE has none). */
function ipv4Message(withdrawn: Runs, attr: Buffer, announced: Runs, some: boolean): Buffer {
  return message(withdrawn.close(), some ? [attr] : [], announced.close());
}

/** Attribute header + value (RFC 4271 §4.3), extended length only when needed. */
function mpAttribute(code: number, value: Buffer[]): Buffer {
  const len = value.reduce((n, b) => n + b.length, 0);
  const head =
    len > 255
      ? Buffer.from([OPTIONAL | EXTENDED_LENGTH, code, len >> 8, len & 0xff])
      : Buffer.from([OPTIONAL, code, len]);
  return Buffer.concat([head, ...value]);
}

function attributeBytes(valueBytes: number): number {
  return valueBytes + (valueBytes > 255 ? 4 : 3);
}

/** MP_REACH_NLRI / MP_UNREACH_NLRI values, each at most `maximum` bytes with its header. */
function* mpChunks(
  header: Buffer,
  code: number,
  nlri: readonly Buffer[],
  maximum: number,
  stats: PackStats,
): Generator<Buffer> {
  let parts: Buffer[] = [header];
  let len = header.length;
  for (const p of nlri) {
    if (attributeBytes(len + p.length) > maximum) {
      if (parts.length === 1) {
        stats.droppedTooLarge++;
        continue;
      }
      yield mpAttribute(code, parts);
      parts = [header];
      len = header.length;
      if (attributeBytes(len + p.length) > maximum) {
        stats.droppedTooLarge++;
        continue;
      }
    }
    parts.push(p);
    len += p.length;
  }
  if (parts.length > 1) yield mpAttribute(code, parts);
}

function* mpMessages(
  family: FamilyKey,
  fields: Sorted,
  nextHop: ResolvedNextHop | undefined,
  attr: Buffer,
  budget: number,
  addPath: boolean,
  stats: PackStats,
): Generator<Buffer> {
  if (fields.reach.length === 0 && fields.unreach.length === 0) return;
  const { afi, safi } = familyOf(family);
  const afiSafi = Buffer.from([afi >> 8, afi & 0xff, safi]);
  let reach: Buffer | undefined;
  if (fields.reach.length > 0) {
    const nh = mpNextHopBytes(nextHop, safi);
    const header = Buffer.concat([afiSafi, Buffer.from([nh.length]), nh, Buffer.from([0])]);
    for (const chunk of mpChunks(header, MP_REACH, packNlri(fields.reach, addPath), budget, stats)) {
      if (reach) yield message([], [attr, reach], []);
      reach = chunk;
    }
  }
  let unreach: Buffer | undefined;
  if (fields.unreach.length > 0) {
    // ExaBGP sizes every MP_UNREACH_NLRI against the room left beside the last MP_REACH_NLRI.
    const maximum = budget - (reach?.length ?? 0);
    for (const chunk of mpChunks(afiSafi, MP_UNREACH, packNlri(fields.unreach, addPath), maximum, stats)) {
      if (unreach) {
        yield message([], reach ? [attr, unreach, reach] : [attr, unreach], []);
        reach = undefined;
      }
      unreach = chunk;
    }
  }
  const parts = [attr];
  if (unreach) parts.push(unreach);
  if (reach) parts.push(reach);
  if (parts.length > 1) yield message([], parts, []);
}

/** One UPDATE: header, withdrawn routes, attributes, NLRI. */
function message(
  withdrawn: readonly Buffer[],
  attributes: readonly Buffer[],
  announced: readonly Buffer[],
): Buffer {
  const wLen = withdrawn.reduce((n, b) => n + b.length, 0);
  const aLen = attributes.reduce((n, b) => n + b.length, 0);
  const nLen = announced.reduce((n, b) => n + b.length, 0);
  const total = FIXED_BYTES + wLen + aLen + nLen;
  const out = Buffer.allocUnsafe(total);
  out.fill(0xff, 0, MARKER_BYTES);
  out.writeUInt16BE(total, MARKER_BYTES);
  out[MARKER_BYTES + 2] = MESSAGE_TYPE.UPDATE;
  let at = HEADER_BYTES;
  out.writeUInt16BE(wLen, at);
  at += 2;
  for (const b of withdrawn) at += b.copy(out, at);
  out.writeUInt16BE(aLen, at);
  at += 2;
  for (const b of attributes) at += b.copy(out, at);
  for (const b of announced) at += b.copy(out, at);
  return out;
}
