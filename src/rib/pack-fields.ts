/**
 * The fields of the UPDATEs of one group of changes (RFC 4271 §4.3, RFC 4760 §3/§4), split to
 * fit the message size as ExaBGP 5.0 splits them (Update.messages, MPRNLRI/MPURNLRI
 * packed_attributes): the IPv4 Withdrawn Routes and NLRI fields, MP_UNREACH_NLRI and
 * MP_REACH_NLRI after the other attributes, and the message framing.
 */
import { Writer } from '../wire/buf/writer.js';
import { HEADER_BYTES, MARKER_BYTES } from '../wire/frame.js';
import { MESSAGE_TYPE } from '../wire/iana/message-type.js';
import { type FamilyKey, familyOf } from '../wire/nlri/family.js';
import { type Change, isWithdrawal } from './change.js';
import { writeNlriBody } from './keys.js';
import { mpNextHopBytes, type ResolvedNextHop } from './pack-next-hop.js';

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

/** Header, Withdrawn Routes Length, Total Path Attribute Length. */
export const FIXED_BYTES = HEADER_BYTES + 2 + 2;
const MP_REACH = 14;
const MP_UNREACH = 15;
const OPTIONAL = 0x80;
const EXTENDED_LENGTH = 0x10;

/** Changes of one group by field: IPv4 field, MP_REACH_NLRI, MP_UNREACH_NLRI. */
export interface Fields {
  readonly v4: Change[];
  readonly reach: Change[];
  readonly unreach: Change[];
}

/** The NLRI of some changes as on the wire, back to back: NLRI `i` ends at `ends[i]`. */
export interface PackedNlri {
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

export function* ipv4Messages(
  changes: readonly Change[],
  attr: Buffer,
  budget: number,
  addPath: boolean,
  stats: PackStats,
): Generator<Buffer> {
  if (changes.length === 0) return;
  const withdrawn = Uint8Array.from(changes, (c) => (isWithdrawal(c) ? 1 : 0));
  yield* ipv4FieldMessages(packNlriTable(changes, addPath), withdrawn, attr, budget, stats);
}

/**
 * The UPDATEs carrying NLRI `i` of `nlri` in the Withdrawn Routes field when `withdrawn[i]` is
 * 1, in the NLRI field when 0, in order, each message filled up to `budget` bytes.
 */
export function* ipv4FieldMessages(
  nlri: PackedNlri,
  withdrawn: Uint8Array,
  attr: Buffer,
  budget: number,
  stats: PackStats,
): Generator<Buffer> {
  const { all, ends } = nlri;
  let out = new Runs(all);
  let announced = new Runs(all);
  let used = 0;
  let some = false;
  for (let i = 0; i < ends.length; i++) {
    const start = i === 0 ? 0 : ends[i - 1]!;
    const size = ends[i]! - start;
    if (used > 0 && used + size > budget) {
      yield ipv4Message(out, attr, announced, some);
      out = new Runs(all);
      announced = new Runs(all);
      used = 0;
      some = false;
    }
    if (size > budget) {
      stats.droppedTooLarge++;
      continue;
    }
    if (withdrawn[i] === 1) out.add(start, ends[i]!);
    else {
      announced.add(start, ends[i]!);
      some = true;
    }
    used += size;
  }
  if (used > 0) yield ipv4Message(out, attr, announced, some);
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
  nlri: PackedNlri,
  maximum: number,
  stats: PackStats,
): Generator<Buffer> {
  const { all, ends } = nlri;
  let runs = new Runs(all);
  let len = header.length;
  let some = false;
  for (let i = 0; i < ends.length; i++) {
    const start = i === 0 ? 0 : ends[i - 1]!;
    const size = ends[i]! - start;
    if (attributeBytes(len + size) > maximum) {
      if (!some) {
        stats.droppedTooLarge++;
        continue;
      }
      yield mpAttribute(code, [header, ...runs.close()]);
      runs = new Runs(all);
      len = header.length;
      some = false;
      if (attributeBytes(len + size) > maximum) {
        stats.droppedTooLarge++;
        continue;
      }
    }
    runs.add(start, ends[i]!);
    len += size;
    some = true;
  }
  if (some) yield mpAttribute(code, [header, ...runs.close()]);
}

/** The MP_REACH_NLRI and MP_UNREACH_NLRI UPDATEs of one group's changes (general path). */
export function* mpMessages(
  family: FamilyKey,
  fields: Fields,
  nextHop: ResolvedNextHop | undefined,
  attr: Buffer,
  budget: number,
  addPath: boolean,
  stats: PackStats,
): Generator<Buffer> {
  if (fields.reach.length === 0 && fields.unreach.length === 0) return;
  yield* mpTableMessages(
    family,
    fields.reach.length > 0 ? packNlriTable(fields.reach, addPath) : undefined,
    fields.unreach.length > 0 ? packNlriTable(fields.unreach, addPath) : undefined,
    nextHop,
    attr,
    budget,
    stats,
  );
}

/** The same, from the NLRI as on the wire: announced in `reach`, withdrawn in `unreach`. */
export function* mpTableMessages(
  family: FamilyKey,
  reachNlri: PackedNlri | undefined,
  unreachNlri: PackedNlri | undefined,
  nextHop: ResolvedNextHop | undefined,
  attr: Buffer,
  budget: number,
  stats: PackStats,
): Generator<Buffer> {
  const afiSafi = mpUnreachHeader(family);
  let reach: Buffer | undefined;
  if (reachNlri) {
    const header = mpReachHeader(family, nextHop);
    for (const chunk of mpChunks(header, MP_REACH, reachNlri, budget, stats)) {
      if (reach) yield message([], [attr, reach], []);
      reach = chunk;
    }
  }
  let unreach: Buffer | undefined;
  if (unreachNlri) {
    // ExaBGP sizes every MP_UNREACH_NLRI against the room left beside the last MP_REACH_NLRI.
    const maximum = budget - (reach?.length ?? 0);
    for (const chunk of mpChunks(afiSafi, MP_UNREACH, unreachNlri, maximum, stats)) {
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

/** What MP_UNREACH_NLRI's value starts with: AFI and SAFI. */
export function mpUnreachHeader(family: FamilyKey): Buffer {
  const { afi, safi } = familyOf(family);
  return Buffer.from([afi >> 8, afi & 0xff, safi]);
}

/** What MP_REACH_NLRI's value starts with: AFI, SAFI, next hop length and address, reserved. */
export function mpReachHeader(family: FamilyKey, nextHop: ResolvedNextHop | undefined): Buffer {
  const nh = mpNextHopBytes(nextHop, familyOf(family).safi);
  return Buffer.concat([mpUnreachHeader(family), Buffer.from([nh.length]), nh, Buffer.from([0])]);
}

/**
 * The UPDATE mpTableMessages gives for a single NLRI, `nlri[start..end)`, in one allocation:
 * `attr`, then MP_REACH_NLRI (`reach`) or MP_UNREACH_NLRI with `header` and the NLRI. The NLRI
 * must fit: mpFits(header, end - start, budget).
 */
export function mpSingleMessage(
  reach: boolean,
  header: Buffer,
  attr: Buffer,
  nlri: Buffer,
  start: number,
  end: number,
): Buffer {
  const len = header.length + end - start;
  const extended = len > 255;
  const mp = attributeBytes(len);
  const total = FIXED_BYTES + attr.length + mp;
  const out = Buffer.allocUnsafe(total);
  out.fill(0xff, 0, MARKER_BYTES);
  out.writeUInt16BE(total, MARKER_BYTES);
  out[MARKER_BYTES + 2] = MESSAGE_TYPE.UPDATE;
  let at = HEADER_BYTES;
  out.writeUInt16BE(0, at);
  out.writeUInt16BE(attr.length + mp, at + 2);
  at += 4 + attr.copy(out, at + 4);
  out[at++] = extended ? OPTIONAL | EXTENDED_LENGTH : OPTIONAL;
  out[at++] = reach ? MP_REACH : MP_UNREACH;
  if (extended) {
    out.writeUInt16BE(len, at);
    at += 2;
  } else out[at++] = len;
  at += header.copy(out, at);
  nlri.copy(out, at, start, end);
  return out;
}

/** Whether an NLRI of `size` octets fits an MP attribute with `header` within `budget`. */
export function mpFits(header: Buffer, size: number, budget: number): boolean {
  return attributeBytes(header.length + size) <= budget;
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
