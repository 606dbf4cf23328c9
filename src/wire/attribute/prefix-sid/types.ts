/**
 * BGP Prefix-SID attribute values (RFC 8669, SRv6 services RFC 9252). Every level keeps the
 * fields it does not interpret (flags, reserved octets) and unknown TLVs keep their bytes, so a
 * received attribute re-encodes exactly.
 */

/** RFC 8669 §3.1: Label-Index TLV (type 1). */
export interface LabelIndexTlv {
  readonly kind: 'label-index';
  readonly reserved: number;
  readonly flags: number;
  readonly labelIndex: number;
}

export interface SrgbRange {
  readonly base: number;
  readonly range: number;
}

/** RFC 8669 §3.2: Originator SRGB TLV (type 3). */
export interface OriginatorSrgbTlv {
  readonly kind: 'originator-srgb';
  readonly flags: number;
  readonly ranges: readonly SrgbRange[];
}

/** RFC 9252 §3.2.1: SRv6 SID Structure Sub-Sub-TLV (type 1), lengths in bits. */
export interface SidStructure {
  readonly kind: 'sid-structure';
  readonly locatorBlockLength: number;
  readonly locatorNodeLength: number;
  readonly functionLength: number;
  readonly argumentLength: number;
  readonly transpositionLength: number;
  readonly transpositionOffset: number;
}

export interface UnknownSubTlv {
  readonly kind: 'unknown';
  readonly type: number;
  readonly value: Buffer;
}

export type SidSubSubTlv = SidStructure | UnknownSubTlv;

/** RFC 9252 §3.1: SRv6 SID Information Sub-TLV (type 1). */
export interface SidInformation {
  readonly kind: 'sid-information';
  readonly reserved1: number;
  /** The SRv6 SID, RFC 5952 text. */
  readonly sid: string;
  readonly flags: number;
  readonly behavior: number;
  readonly reserved2: number;
  readonly subSubTlvs: readonly SidSubSubTlv[];
}

export type ServiceSubTlv = SidInformation | UnknownSubTlv;

/** RFC 9252 §2: SRv6 L3 Service TLV (type 5) and SRv6 L2 Service TLV (type 6). */
export interface Srv6ServiceTlv {
  readonly kind: 'srv6-l3-service' | 'srv6-l2-service';
  readonly reserved: number;
  readonly subTlvs: readonly ServiceSubTlv[];
}

export type PrefixSidTlv = LabelIndexTlv | OriginatorSrgbTlv | Srv6ServiceTlv | UnknownSubTlv;
