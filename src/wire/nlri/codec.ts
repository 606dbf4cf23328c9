/**
 * The contract every NLRI family implements. One codec decodes one NLRI at a time from a
 * reader positioned at its start (after the RFC 7911 path identifier, which the caller reads),
 * so MP_REACH, MP_UNREACH and the IPv4 fields of an UPDATE share one loop.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import type { JsonObject, JsonOptions } from '../json.js';
import type { Family, FamilyKey } from './family.js';

/** Fields every NLRI value has. */
export interface NlriBase {
  readonly kind: string;
  /** `afi << 8 | safi` of the family it was decoded from or will be sent in. */
  readonly family: FamilyKey;
  /** RFC 7911 path identifier, present only when add-path is on for the family. */
  readonly pathId?: number;
}

export interface NlriCodec<T extends NlriBase = NlriBase> {
  /** The `kind` tag of the values this codec makes. */
  readonly kind: T['kind'];
  /** The families it decodes. */
  readonly families: readonly FamilyKey[];
  /**
   * Decode one NLRI. `family` is where it was found; `pathId` was already read by the caller.
   * Throws only NotifyError.
   */
  decode(r: Reader, family: Family, pathId: number | undefined): T;
  /** Encode one NLRI (without the path identifier, which the caller writes). */
  encode(w: Writer, nlri: T): void;
  /**
   * ExaBGP's JSON object for one NLRI, as in `announce`/`withdraw` lists. `nextHop` is the
   * announcement's next hop, for the families whose JSON embeds it (FlowSpec, BGP-LS).
   */
  json(nlri: T, opts: JsonOptions, nextHop?: string): JsonObject;
  /** ExaBGP's text form of the NLRI, as the text encoder and API commands write it. */
  text(nlri: T, nextHop?: string): string;
  /** A stable key identifying the route within its family (without path id): for RIBs and diffs. */
  key(nlri: T): string;
}
