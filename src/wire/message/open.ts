/**
 * OPEN (RFC 4271 §4.2), with the extended optional parameters of RFC 9072 and the capabilities
 * parameter of RFC 5492. Semantic checks that need the session's configuration (peer AS, router
 * id, hold time) live in open-check.ts; this module only rejects what is malformed.
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+
 *   |    Version    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |     My Autonomous System      |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |           Hold Time           |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |                         BGP Identifier                        |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Opt Parm Len  |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   |             Optional Parameters (variable)                    |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 9072 §2: when "Non-Ext OP Len" and "Non-Ext OP Type" are both 255, a 2-octet length
 * follows, and every parameter then has a 2-octet length:
 *
 *   | Non-Ext OP Len (255) | Non-Ext OP Type (255) | Extended Opt. Parm. Length (2) |
 *   | Parm. Type (1) | Parameter Length (2) | Parameter Value (variable) | ...
 */
import { Reader, SHORT_OPEN, type ShortRead } from '../buf/reader.js';
import { Writer } from '../buf/writer.js';
import { AS_TRANS } from '../capability/asn4.js';
import { capabilitiesJson, decodeCapability, encodeCapability } from '../capability/registry.js';
import type { Capability, CapabilityKind } from '../capability/types.js';
import { MAX_MESSAGE_BYTES } from '../context.js';
import { EncodeError, NotifyError } from '../error.js';
import { frameMessage, HEADER_BYTES } from '../frame.js';
import { MESSAGE_TYPE } from '../iana/message-type.js';
import { DEFAULT_JSON_OPTIONS, type JsonObject, type JsonOptions } from '../json.js';
import { formatIPv4, parseIPv4 } from '../nlri/prefix.js';

export interface Open {
  readonly kind: 'open';
  readonly version: number;
  /** The 2-octet "My Autonomous System" field: AS_TRANS when the ASN needs 4 octets (RFC 6793). */
  readonly asn: number;
  readonly holdTimeSeconds: number;
  /** BGP Identifier as a dotted quad. */
  readonly routerId: string;
  /** Optional parameters of type 2 (RFC 5492), each holding its capabilities, in wire order. */
  readonly parameters: readonly (readonly Capability[])[];
  /** RFC 9072: the parameters were received, or are to be sent, in the extended format. */
  readonly extendedParameters: boolean;
}

export const BGP_VERSION = 4;
/** RFC 4271 §4.2: version, AS, hold time, identifier and parameter length. */
export const OPEN_FIXED_BYTES = 10;
/** RFC 5492 §4: the optional parameter type that carries capabilities. */
export const PARAMETER_CAPABILITIES = 2;
/** RFC 9072 §2: the value of both "Non-Ext OP Len" and "Non-Ext OP Type" in the extended format. */
const EXTENDED_MARKER = 255;
/** Lengths that disagree with each other: OPEN Message Error, unspecific (2/0). */
const OPEN_LENGTH: ShortRead = { code: 2, subcode: 0, errorCode: 'open-length' };

/**
 * Decode an OPEN body (after the 19-byte header). Throws NotifyError: 1/2 when shorter than the
 * fixed part, 2/1 for a version other than 4, 2/4 for a parameter other than capabilities,
 * 2/0 for inconsistent lengths or a malformed capability.
 */
export function decodeOpen(body: Buffer): Open {
  if (body.length < OPEN_FIXED_BYTES) {
    // RFC 4271 §6.1: "The Data field MUST contain the erroneous Length field."
    const length = Buffer.alloc(2);
    length.writeUInt16BE(HEADER_BYTES + body.length);
    throw new NotifyError(1, 2, 'open-length', `OPEN body of ${body.length} bytes`, length);
  }
  const r = new Reader(body, 0, body.length, SHORT_OPEN);
  const version = r.u8();
  if (version !== BGP_VERSION) {
    // RFC 4271 §6.2: the data is "a 2-octet unsigned integer, which indicates the largest,
    // locally-supported version number less than the version the remote BGP peer bid ... or
    // ... the smallest, locally-supported version number": 4 either way.
    const data = Buffer.from([0, BGP_VERSION]);
    throw new NotifyError(2, 1, 'open-version', `unsupported BGP version ${version}`, data, 0);
  }
  const asn = r.u16();
  const holdTimeSeconds = r.u16();
  const routerId = formatIPv4(r.bytes(4));
  const { parameters, extendedParameters } = decodeParameters(r);
  if (!r.done) r.fail(`${r.remaining} byte(s) after the optional parameters`, OPEN_LENGTH);
  return { kind: 'open', version, asn, holdTimeSeconds, routerId, parameters, extendedParameters };
}

function decodeParameters(r: Reader): Pick<Open, 'parameters' | 'extendedParameters'> {
  const shortLength = r.u8();
  const extended = shortLength === EXTENDED_MARKER && r.remaining > 0 && r.peekU8() === EXTENDED_MARKER;
  let params: Reader;
  if (extended) {
    r.skip(1);
    params = r.sub(r.u16(), SHORT_OPEN, 'extended optional parameters');
  } else {
    params = r.sub(shortLength, SHORT_OPEN, 'optional parameters');
  }
  const parameters: Capability[][] = [];
  // Bounded by the message: every parameter takes at least 2 bytes.
  while (!params.done) {
    const type = params.u8();
    const length = extended ? params.u16() : params.u8();
    const value = params.sub(length, SHORT_OPEN, 'optional parameter');
    if (type !== PARAMETER_CAPABILITIES) {
      // RFC 4271 §6.2: "If one of the Optional Parameters in the OPEN message is not
      // recognized, then the Error Subcode MUST be set to Unsupported Optional Parameters."
      // INTEROP: ExaBGP answers type 1 (deprecated authentication) with 2/5 and others with 2/0.
      throw new NotifyError(2, 4, 'open-parameter', `unsupported optional parameter ${type}`);
    }
    const caps: Capability[] = [];
    while (!value.done) caps.push(decodeCapability(value));
    parameters.push(caps);
  }
  return { parameters, extendedParameters: extended };
}

/** Write an OPEN body. Uses the RFC 9072 format when asked or when the parameters need it. */
export function encodeOpenBody(w: Writer, open: Open): void {
  w.u8(open.version).u16(open.asn).u16(open.holdTimeSeconds);
  const id = parseIPv4(open.routerId);
  if (!id) throw new EncodeError('router-id', `router id ${open.routerId} is not a dotted quad`);
  w.bytes(id);
  const values = open.parameters.map((caps) => {
    const pw = new Writer(64);
    for (const c of caps) encodeCapability(pw, c);
    return pw.toBuffer();
  });
  const shortTotal = values.reduce((n, v) => n + 2 + v.length, 0);
  // RFC 9072 §2: the extended format is needed once the parameters exceed 255 octets.
  const extended = open.extendedParameters || shortTotal > 255 || values.some((v) => v.length > 255);
  if (extended) {
    w.u8(EXTENDED_MARKER)
      .u8(EXTENDED_MARKER)
      .u16(values.reduce((n, v) => n + 3 + v.length, 0));
    for (const v of values) w.u8(PARAMETER_CAPABILITIES).u16(v.length).bytes(v);
  } else {
    w.u8(shortTotal);
    for (const v of values) w.u8(PARAMETER_CAPABILITIES).u8(v.length).bytes(v);
  }
}

/** A whole OPEN message with its header. RFC 8654 §4: an OPEN never exceeds 4096 bytes. */
export function encodeOpen(open: Open): Buffer {
  return frameMessage(MESSAGE_TYPE.OPEN, (w) => encodeOpenBody(w, open), MAX_MESSAGE_BYTES);
}

export interface OpenFields {
  /** The value of the 2-octet field; see `twoOctetAsn`. */
  readonly asn: number;
  readonly holdTimeSeconds: number;
  readonly routerId: string;
  readonly capabilities: readonly Capability[];
  readonly extendedParameters?: boolean;
}

/** Build an OPEN with one capability per optional parameter, as ExaBGP sends it. */
export function makeOpen(f: OpenFields): Open {
  return {
    kind: 'open',
    version: BGP_VERSION,
    asn: f.asn,
    holdTimeSeconds: f.holdTimeSeconds,
    routerId: f.routerId,
    parameters: f.capabilities.map((c) => [c]),
    extendedParameters: f.extendedParameters ?? false,
  };
}

/** RFC 6793 §4.1: the 2-octet "My Autonomous System" for an ASN (AS_TRANS above 65535). */
export function twoOctetAsn(asn: number): number {
  return asn <= 0xffff ? asn : AS_TRANS;
}

/** Every capability of an OPEN, flattened across its optional parameters, in wire order. */
export function capabilitiesOf(open: Open): Capability[] {
  return open.parameters.flat();
}

/** The capabilities of one kind, in wire order. */
export function capabilitiesOfKind<K extends CapabilityKind>(
  open: Open,
  kind: K,
): Extract<Capability, { kind: K }>[] {
  return capabilitiesOf(open).filter((c): c is Extract<Capability, { kind: K }> => c.kind === kind);
}

/** The ASN of the 4-octet AS capability (the last one if repeated), if the OPEN has it. */
export function asn4Of(open: Open): number | undefined {
  return capabilitiesOfKind(open, 'asn4').at(-1)?.asn;
}

/** The speaker's ASN: the 4-octet AS capability when present, else the 2-octet field. */
export function speakerAsn(open: Open): number {
  return asn4Of(open) ?? open.asn;
}

/** ExaBGP's `open` object: `{ version, asn, hold_time, router_id, capabilities }`. */
export function openJson(open: Open, opts: JsonOptions = DEFAULT_JSON_OPTIONS): JsonObject {
  return {
    version: open.version,
    asn: open.asn,
    hold_time: open.holdTimeSeconds,
    router_id: open.routerId,
    capabilities: capabilitiesJson(capabilitiesOf(open), opts),
  };
}
