/**
 * Labeled unicast NLRI, SAFI 4 "nlri-mpls" (RFC 8277 §2): a label stack, then the prefix. The
 * length octet counts the label bits too. The decoding steps are shared with the VPN families
 * (vpn.ts), which put a route distinguisher between the labels and the prefix (RFC 4364 §4.3.4).
 *
 *   +---------------------------+
 *   |   Length (1 octet)        |   24 * labels (+ 64 for an RD) + prefix bits
 *   +---------------------------+
 *   |   Label (3 octets) ...    |   until the bottom-of-stack bit
 *   +---------------------------+
 *   |   Prefix (variable)       |
 *   +---------------------------+
 *
 * ExaBGP 5.0 JSON: { "nlri": "10.0.0.0/24", "path-information"?, "label": [ [20012] ] }.
 * INTEROP: ExaBGP 5.0 shows label values only (not the raw stack entry, which 6.0 adds), and
 * refuses a stack that has neither bottom-of-stack bit nor terminator; so do we.
 */
import type { Reader } from '../buf/reader.js';
import type { Writer } from '../buf/writer.js';
import { EncodeError, NotifyError } from '../error.js';
import { AFI } from '../iana/afi.js';
import { SAFI } from '../iana/safi.js';
import type { JsonObject, JsonValue } from '../json.js';
import type { NlriBase, NlriCodec } from './codec.js';
import { type Family, familyKey } from './family.js';
import { badPrefixLength, maxPrefixBits, readPrefixText, writePrefixBytes } from './inet.js';
import {
  decodeLabels,
  encodeLabels,
  type LabelStack,
  labelsText,
  WITHDRAW_LABEL,
} from './qualifier/labels.js';
import { addPathIdJson, pathIdSuffix } from './qualifier/path-id.js';

export interface LabeledNlri extends NlriBase {
  readonly kind: 'labeled';
  /** Raw 24-bit stack entries (label << 4 | TC << 1 | S), as received. */
  readonly labels: LabelStack;
  readonly ip: string;
  readonly length: number;
}

/** The parts between the length octet and the end of a labeled or VPN NLRI. */
export interface LabeledParts {
  readonly labels: number[];
  /** The prefix length that is left for the address, in bits. */
  readonly bits: number;
}

const LABEL_BITS = 24;

/**
 * Read the length octet and the label stack; `rdBits` is 64 when a route distinguisher follows.
 * RFC 8277 §2: the stack ends at the entry with the bottom-of-stack bit (or the 0x800000/0
 * whole-stack conventions of RFC 3107); an unterminated stack is "Invalid Network Field".
 */
export function readLabeledHead(r: Reader, afi: number, rdBits: number): LabeledParts {
  const at = r.pos;
  const total = r.u8();
  const labels = decodeLabels(r, total - rdBits);
  if (labels.length > 0) {
    const last = labels[labels.length - 1]!;
    if ((last & 1) === 0 && last !== WITHDRAW_LABEL && last !== 0) {
      throw new NotifyError(3, 10, 'nlri-label-stack', 'label stack without bottom of stack', undefined, at);
    }
  }
  const bits = total - LABEL_BITS * labels.length - rdBits;
  if (bits < 0 || bits > maxPrefixBits(afi)) throw badPrefixLength(at, bits, afi);
  return { labels, bits };
}

/** Write the length octet (labels + RD + prefix bits) and the label stack. */
export function writeLabeledHead(w: Writer, labels: LabelStack, rdBits: number, length: number): void {
  const total = LABEL_BITS * labels.length + rdBits + length;
  if (total > 255) throw new EncodeError('nlri-length', `labeled NLRI of ${total} bits does not fit`);
  w.u8(total);
  encodeLabels(w, labels);
}

/** ExaBGP 5.0's "label" JSON for a stack decoded from an NLRI: the label values only. */
export function labelValuesJson(labels: LabelStack): JsonValue {
  return labels.map((raw) => [raw >>> 4]);
}

/** " label 16" / " label [ 16 17 ]" or ''. */
export function labelsSuffix(labels: LabelStack): string {
  return labels.length === 0 ? '' : ` ${labelsText(labels)}`;
}

function decodeLabeled(r: Reader, family: Family, pathId: number | undefined): LabeledNlri {
  const { labels, bits } = readLabeledHead(r, family.afi, 0);
  const ip = readPrefixText(r, family.afi, bits);
  const key = familyKey(family.afi, family.safi);
  return pathId === undefined
    ? { kind: 'labeled', family: key, labels, ip, length: bits }
    : { kind: 'labeled', family: key, pathId, labels, ip, length: bits };
}

export const labeledCodec: NlriCodec<LabeledNlri> = {
  kind: 'labeled',
  families: [familyKey(AFI.IPV4, SAFI.NLRI_MPLS), familyKey(AFI.IPV6, SAFI.NLRI_MPLS)],
  decode: decodeLabeled,
  encode(w: Writer, nlri: LabeledNlri): void {
    writeLabeledHead(w, nlri.labels, 0, nlri.length);
    writePrefixBytes(w, nlri.family >> 8, nlri.ip, nlri.length);
  },
  json(nlri: LabeledNlri): JsonObject {
    const out: JsonObject = { nlri: `${nlri.ip}/${nlri.length}` };
    addPathIdJson(out, nlri.pathId);
    if (nlri.labels.length > 0) out.label = labelValuesJson(nlri.labels);
    return out;
  },
  text(nlri: LabeledNlri): string {
    return `${nlri.ip}/${nlri.length}${pathIdSuffix(nlri.pathId)}${labelsSuffix(nlri.labels)}`;
  },
  key(nlri: LabeledNlri): string {
    return `${nlri.ip}/${nlri.length}`;
  },
};
