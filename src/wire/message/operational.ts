/**
 * OPERATIONAL (message type 6), as ExaBGP implements draft-ietf-idr-operational-message-00:
 * advisories (ADM, ASM), prefix count queries (RPCQ, APCQ, LPCQ) and their counter replies
 * (RPCP, APCP, LPCP). Sent only to peers that announced ExaBGP's operational capability (185).
 *
 *   +-------------------------------+-------------------------------+
 *   |         Type (2 octets)       |        Length (2 octets)      |
 *   +-------------------------------+---------------+---------------+
 *   |          AFI (2 octets)       | SAFI (1 octet)|  ...
 *   +-------------------------------+---------------+
 *   advisory: UTF-8 text
 *   query:    Router ID (4) | Sequence (4)
 *   counter:  Router ID (4) | Sequence (4) | Counter (4)
 *
 * Length counts the octets after itself. Other types are kept raw; ExaBGP ignores them.
 */
import { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError } from '../error.js';
import { frameMessage } from '../frame.js';
import { MESSAGE_TYPE } from '../iana/message-type.js';
import type { JsonObject } from '../json.js';
import { afiName, safiName } from '../nlri/family.js';
import { formatIPv4, parseIPv4 } from '../nlri/prefix.js';

export const OPERATIONAL_TYPE = {
  ADM: 1, // Advisory Demand Message
  ASM: 2, // Advisory Static Message
  RPCQ: 3, // Reachable Prefix Count Request
  RPCP: 4, // Reachable Prefix Count Reply
  APCQ: 5, // Adj-Rib-Out Prefix Count Request
  APCP: 6, // Adj-Rib-Out Prefix Count Reply
  LPCQ: 7, // Loc-Rib Prefix Count Request
  LPCP: 8, // Loc-Rib Prefix Count Reply
} as const;

/** ExaBGP cuts an advisory given by an API command at 2048 bytes; the codec itself never cuts. */
export const MAX_ADVISORY_BYTES = 2048;

interface OperationalFamilyFields {
  readonly kind: 'operational';
  readonly code: number;
  readonly afi: number;
  readonly safi: number;
}

export interface OperationalAdvisory extends OperationalFamilyFields {
  readonly category: 'advisory';
  /** The text as sent (possibly not UTF-8: it comes from the peer). */
  readonly advisory: Buffer;
}

export interface OperationalQuery extends OperationalFamilyFields {
  readonly category: 'query';
  readonly routerId: string;
  readonly sequence: number;
}

export interface OperationalCounter extends OperationalFamilyFields {
  readonly category: 'counter';
  readonly routerId: string;
  readonly sequence: number;
  readonly counter: number;
}

export interface OperationalUnknown {
  readonly kind: 'operational';
  readonly category: 'unknown';
  readonly code: number;
  /** The octets covered by the Length field. */
  readonly raw: Buffer;
}

export type Operational = OperationalAdvisory | OperationalQuery | OperationalCounter | OperationalUnknown;
export type OperationalCategory = Operational['category'];

const NAMES: Readonly<Record<number, string>> = {
  1: 'ADM',
  2: 'ASM',
  3: 'RPCQ',
  4: 'RPCP',
  5: 'APCQ',
  6: 'APCP',
  7: 'LPCQ',
  8: 'LPCP',
};

/** ExaBGP's category of an operational type. */
export function operationalCategory(code: number): OperationalCategory {
  if (code === OPERATIONAL_TYPE.ADM || code === OPERATIONAL_TYPE.ASM) return 'advisory';
  if (code >= OPERATIONAL_TYPE.RPCQ && code <= OPERATIONAL_TYPE.LPCP) return code % 2 ? 'query' : 'counter';
  return 'unknown';
}

export function operationalName(code: number): string {
  return NAMES[code] ?? `unknown-${code}`;
}

// INTEROP: ExaBGP reports a short OPERATIONAL as an FSM error, unspecific (5/0); so do we.
const SHORT_OPERATIONAL = { code: 5, subcode: 0, errorCode: 'operational-truncated' } as const;

/**
 * Decode an OPERATIONAL body. INTEROP: as ExaBGP, a Length beyond the body reads what is there
 * and octets after Length are ignored. Throws NotifyError 5/0 when a fixed field is missing.
 */
export function decodeOperational(body: Buffer): Operational {
  const head = new Reader(body, 0, body.length, SHORT_OPERATIONAL);
  const code = head.u16();
  const length = head.u16();
  const r = new Reader(body, 4, Math.min(body.length, 4 + length), SHORT_OPERATIONAL);
  const category = operationalCategory(code);
  if (category === 'unknown') return { kind: 'operational', category, code, raw: Buffer.from(r.rest()) };
  const afi = r.u16();
  const safi = r.u8();
  if (category === 'advisory') {
    return { kind: 'operational', category, code, afi, safi, advisory: Buffer.from(r.rest()) };
  }
  const routerId = formatIPv4(r.bytes(4));
  const sequence = r.u32();
  if (category === 'query') return { kind: 'operational', category, code, afi, safi, routerId, sequence };
  return { kind: 'operational', category, code, afi, safi, routerId, sequence, counter: r.u32() };
}

export function encodeOperationalBody(w: Writer, m: Operational): void {
  if (operationalCategory(m.code) !== m.category) {
    throw new EncodeError('operational', `operational type ${m.code} is not a ${m.category} message`);
  }
  w.u16(m.code);
  const lenAt = w.reserve(2);
  if (m.category === 'unknown') {
    w.bytes(m.raw);
  } else {
    w.u16(m.afi).u8(m.safi);
    if (m.category === 'advisory') {
      w.bytes(m.advisory);
    } else {
      const id = parseIPv4(m.routerId);
      if (!id) throw new EncodeError('router-id', `router id ${m.routerId} is not a dotted quad`);
      w.bytes(id).u32(m.sequence);
      if (m.category === 'counter') w.u32(m.counter);
    }
  }
  w.patchLength(lenAt, 2);
}

export function encodeOperational(m: Operational, maxBytes?: number): Buffer {
  return frameMessage(MESSAGE_TYPE.OPERATIONAL, (w) => encodeOperationalBody(w, m), maxBytes);
}

/**
 * ExaBGP's `operational` object; undefined for a type ExaBGP does not know (it reports nothing).
 * Advisory text is shown with invalid UTF-8 replaced by U+FFFD, as ExaBGP does.
 */
export function operationalJson(m: Operational): JsonObject | undefined {
  if (m.category === 'unknown') return undefined;
  const out: JsonObject = { name: operationalName(m.code), afi: afiName(m.afi), safi: safiName(m.safi) };
  if (m.category === 'advisory') out.advisory = m.advisory.toString('utf8');
  if (m.category === 'counter') {
    out['router-id'] = m.routerId;
    out.sequence = m.sequence;
    out.counter = m.counter;
  }
  return out;
}
