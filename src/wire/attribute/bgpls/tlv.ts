/**
 * Shared pieces of the BGP-LS attribute (RFC 9552 §5.3): the TLV value type, the error every
 * malformed TLV raises, and ExaBGP's rendering of flag octets.
 *
 * Each TLV keeps its type and value bytes (`raw`), which is what is written back, beside the
 * decoded fields, so encode(decode(b)) is b whatever the TLV holds.
 */
import { NotifyError } from '../../error.js';
import type { JsonObject, JsonValue } from '../../json.js';

/** At most this many TLVs in one BGP-LS attribute (65535 bytes could hold 16383 empty ones). */
export const MAX_ATTRIBUTE_TLVS = 4096;
/** At most this many sub-TLVs inside one TLV (SRv6 End.X, SR capabilities ranges). */
export const MAX_SUB_TLVS = 64;

export const TLV_HEADER_BYTES = 4;

export interface SidStructure {
  readonly blockLength: number;
  readonly nodeLength: number;
  readonly functionLength: number;
  readonly argumentLength: number;
}

export interface LsSubTlv {
  readonly type: number;
  readonly raw: Buffer;
  /** Decoded when the sub-TLV is an SRv6 SID Structure (1252). */
  readonly structure?: SidStructure;
}

/** The decoded part of one BGP-LS attribute TLV, tagged by `tlv`. */
export type LsAttributeFields =
  /** Node flags 1024, link protection 1093, MPLS mask 1094, IGP flags 1152, prefix attr flags 1170. */
  | { readonly tlv: 'flags'; readonly bits: number }
  /** Admin group 1088, TE metric 1092, IGP metric 1095, prefix metric 1155. */
  | { readonly tlv: 'integer'; readonly value: number }
  /** SR algorithms 1035, SRLG 1096, route tags 1153. */
  | { readonly tlv: 'integers'; readonly values: readonly number[] }
  /** Extended route tags 1154 (64-bit). */
  | { readonly tlv: 'extended-tags'; readonly values: readonly bigint[] }
  /** Bandwidths in bytes per second (IEEE 754 single): 1089, 1090, 1091. */
  | { readonly tlv: 'bandwidth'; readonly values: readonly number[] }
  /** TE router-ids 1028-1031, OSPF forwarding address 1156, source router-id 1171. */
  | { readonly tlv: 'address'; readonly address: string }
  /** Opaque 1025/1097/1157 and names 1026/1098, as UTF-8 text (invalid bytes replaced). */
  | { readonly tlv: 'text'; readonly text: string }
  /** IS-IS area 1027 as a decimal number, as ExaBGP prints it. */
  | { readonly tlv: 'area'; readonly area: string }
  | {
      readonly tlv: 'sr-capabilities';
      readonly flags: number;
      /** [range size, first SID or label] per range. */
      readonly ranges: readonly (readonly [number, number])[];
    }
  | {
      /** Adjacency SID 1099, LAN adjacency SID 1100 (with the neighbor system-id). */
      readonly tlv: 'adjacency-sid';
      readonly flags: number;
      readonly weight: number;
      readonly systemId?: string;
      readonly sids: readonly number[];
      /** What is left when the V and L flags disagree (ExaBGP shows it as hex). */
      readonly undecoded?: Buffer;
    }
  | {
      readonly tlv: 'prefix-sid';
      readonly flags: number;
      readonly algorithm: number;
      readonly sids: readonly number[];
      readonly undecoded?: Buffer;
    }
  | { readonly tlv: 'srv6-capabilities'; readonly flags: number }
  | {
      /** SRv6 End.X 1106, LAN End.X IS-IS 1107 / OSPFv3 1108 (with the neighbor). */
      readonly tlv: 'srv6-end-x';
      readonly behavior: number;
      readonly flags: number;
      readonly algorithm: number;
      readonly weight: number;
      readonly neighborId?: string;
      readonly sid: string;
      readonly subTlvs: readonly LsSubTlv[];
    }
  | {
      readonly tlv: 'srv6-locator';
      readonly flags: number;
      readonly algorithm: number;
      readonly metric: number;
    }
  | {
      readonly tlv: 'srv6-endpoint-behavior';
      readonly behavior: number;
      readonly flags: number;
      readonly algorithm: number;
    }
  | { readonly tlv: 'srv6-sid-structure'; readonly structure: SidStructure }
  | { readonly tlv: 'unknown' };

export type LsAttributeTlv = { readonly type: number; readonly raw: Buffer } & LsAttributeFields;

export type Fields<T extends LsAttributeFields['tlv']> = Extract<LsAttributeFields, { tlv: T }>;

/** How one TLV code is read and shown. */
export interface LsTlvHandler {
  /** Decode the value; throws NotifyError via `attrError`. */
  decode(v: Buffer): LsAttributeFields;
  /** Add ExaBGP's member(s) for this TLV to the "bgp-ls" object. */
  json(t: LsAttributeTlv, out: JsonObject): void;
}

/**
 * RFC 9552 §8.2.2 / RFC 7606: a malformed BGP-LS attribute is discarded; the error carries
 * "Optional Attribute Error" (RFC 4271 §6.3) for logs.
 */
export function attrError(message: string): NotifyError {
  return new NotifyError(3, 9, 'bgp-ls-attribute', message);
}

export function needAtLeast(v: Buffer, n: number, what: string): void {
  if (v.length < n) throw attrError(`${what}: ${v.length} bytes, needs at least ${n}`);
}

export function needExactly(v: Buffer, n: number, what: string): void {
  if (v.length !== n) throw attrError(`${what}: ${v.length} bytes, expected ${n}`);
}

/**
 * ExaBGP's flags object: each name gets its bit of the octet, most significant first; names
 * 'RSV' are always 0 and appear once.
 */
export function flagsJson(bits: number, names: readonly string[]): JsonObject {
  const out: JsonObject = {};
  names.forEach((name, i) => {
    out[name] = name === 'RSV' ? 0 : (bits >> (7 - i)) & 1;
  });
  return out;
}

/** Append to a list member, creating it: how ExaBGP merges repeated TLVs of some codes. */
export function appendTo(out: JsonObject, key: string, items: readonly JsonValue[]): void {
  const list = out[key];
  if (Array.isArray(list)) list.push(...items);
  else out[key] = [...items];
}

/** ExaBGP decodes text with UTF-8, replacing invalid bytes. */
export function utf8(v: Buffer): string {
  return v.toString('utf8');
}
