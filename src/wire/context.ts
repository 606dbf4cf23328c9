/**
 * Codec context: the few facts from the two OPENs that change how bytes are read and written.
 * Plain immutable data, built once per session by `negotiate` — never a pointer back to config.
 */
import type { FamilyKey } from './nlri/family.js';

export interface CodecContext {
  /** RFC 6793: both sides sent the 4-octet AS capability; AS_PATH carries 4-byte ASNs. */
  readonly asn4: boolean;
  /** RFC 7911: families whose NLRI carry a path identifier in this direction. */
  readonly addPath: ReadonlySet<FamilyKey>;
  /** RFC 8654: messages up to 65535 bytes (otherwise 4096). */
  readonly extendedMessage: boolean;
  /** RFC 8950: (NLRI family) -> allowed next-hop AFIs. */
  readonly extendedNextHop: ReadonlyMap<FamilyKey, readonly number[]>;
}

/** Decoding uses what we receive, encoding what we send; both have the same shape. */
export type DecodeContext = CodecContext;
export type EncodeContext = CodecContext;

export const MAX_MESSAGE_BYTES = 4096; // RFC 4271 §4.1
export const MAX_EXTENDED_MESSAGE_BYTES = 65535; // RFC 8654

/** What `decode` uses when no session tells otherwise: as ExaBGP's decoder, 4-octet AS on. */
export const DEFAULT_CONTEXT: CodecContext = Object.freeze({
  asn4: true,
  addPath: new Set<FamilyKey>(),
  extendedMessage: true,
  extendedNextHop: new Map<FamilyKey, readonly number[]>(),
});

export function makeContext(partial: Partial<CodecContext> = {}): CodecContext {
  return Object.freeze({ ...DEFAULT_CONTEXT, ...partial });
}

export function maxMessageBytes(ctx: CodecContext): number {
  return ctx.extendedMessage ? MAX_EXTENDED_MESSAGE_BYTES : MAX_MESSAGE_BYTES;
}
