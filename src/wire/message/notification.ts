/**
 * NOTIFICATION (RFC 4271 §4.5), with the shutdown communication of RFC 9003 (which obsoletes
 * RFC 8203) for Cease / Administrative Shutdown (6/2) and Administrative Reset (6/4).
 *
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *   | Error code    | Error subcode |   Data (variable)             |
 *   +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * RFC 9003 §2, the data of 6/2 and 6/4:
 *
 *   | Length (1 octet) | Shutdown Communication (Length octets of UTF-8) ...
 *
 * A received NOTIFICATION keeps its data raw: the shutdown text is read on demand and a
 * malformed one is described, never thrown.
 */
import { isUtf8 } from 'node:buffer';
import type { Writer } from '../buf/writer.js';
import { MAX_MESSAGE_BYTES } from '../context.js';
import { EncodeError, NotifyError } from '../error.js';
import { frameMessage, HEADER_BYTES } from '../frame.js';
import { MESSAGE_TYPE } from '../iana/message-type.js';
import { hex0x, type JsonObject } from '../json.js';
import {
  CEASE,
  NOTIFICATION_CODE,
  notificationCodeName,
  notificationSubcodeName,
} from './notification-names.js';

export interface Notification {
  readonly kind: 'notification';
  readonly code: number;
  readonly subcode: number;
  readonly data: Buffer;
}

/** RFC 9003 §2: the shutdown communication is at most 255 octets (its length is one octet). */
export const MAX_SHUTDOWN_COMMUNICATION_BYTES = 255;

/**
 * Decode a NOTIFICATION body. RFC 4271 §6.5 says an error in a NOTIFICATION closes the session
 * without answering; the NotifyError (1/2 for a body without code and subcode) tells the session
 * what was wrong, and it must not send it.
 */
export function decodeNotification(body: Buffer): Notification {
  if (body.length < 2) {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(HEADER_BYTES + body.length);
    throw new NotifyError(1, 2, 'notification-length', `NOTIFICATION body of ${body.length} bytes`, length);
  }
  return { kind: 'notification', code: body[0]!, subcode: body[1]!, data: Buffer.from(body.subarray(2)) };
}

export function encodeNotificationBody(w: Writer, n: Notification): void {
  w.u8(n.code).u8(n.subcode).bytes(n.data);
}

/** A whole NOTIFICATION with its header; EncodeError when the data makes it too long. */
export function encodeNotification(n: Notification, maxBytes = MAX_MESSAGE_BYTES): Buffer {
  return frameMessage(MESSAGE_TYPE.NOTIFICATION, (w) => encodeNotificationBody(w, n), maxBytes);
}

export function makeNotification(
  code: number,
  subcode: number,
  data: Uint8Array = Buffer.alloc(0),
): Notification {
  return { kind: 'notification', code, subcode, data: Buffer.from(data) };
}

/** The NOTIFICATION a decoder's NotifyError asks for. */
export function notificationFromError(e: NotifyError): Notification {
  return makeNotification(e.code, e.subcode, e.data);
}

/** True for the Cease subcodes whose data is an RFC 9003 shutdown communication. */
export function hasShutdownCommunication(code: number, subcode: number): boolean {
  return (
    code === NOTIFICATION_CODE.CEASE &&
    (subcode === CEASE.ADMINISTRATIVE_SHUTDOWN || subcode === CEASE.ADMINISTRATIVE_RESET)
  );
}

/**
 * Cease 6/2 or 6/4 with a shutdown communication (RFC 9003 §2). EncodeError when the UTF-8 text
 * is longer than 255 bytes: it is never cut.
 */
export function makeShutdownNotification(subcode: 2 | 4, text: string): Notification {
  const utf8 = Buffer.from(text, 'utf8');
  if (utf8.length > MAX_SHUTDOWN_COMMUNICATION_BYTES) {
    throw new EncodeError('shutdown-communication', `shutdown communication of ${utf8.length} bytes`);
  }
  return makeNotification(
    NOTIFICATION_CODE.CEASE,
    subcode,
    Buffer.concat([Buffer.from([utf8.length]), utf8]),
  );
}

/** What the data of a 6/2 or 6/4 NOTIFICATION says. */
export type ShutdownCommunication =
  /** No data at all: a shutdown the old way. */
  | { readonly kind: 'absent' }
  /** A length of zero. */
  | { readonly kind: 'empty' }
  /** Valid text; bytes after it are kept as `trailing`. */
  | { readonly kind: 'text'; readonly text: string; readonly trailing: Buffer }
  /** The length runs past the data, or the text is not UTF-8; `raw` is the data after the length. */
  | {
      readonly kind: 'malformed';
      readonly reason: 'buffer underrun' | 'invalid UTF-8';
      readonly length: number;
      readonly raw: Buffer;
    };

/** The shutdown communication of a 6/2 or 6/4 NOTIFICATION; undefined for other codes. */
export function shutdownCommunication(n: Notification): ShutdownCommunication | undefined {
  if (!hasShutdownCommunication(n.code, n.subcode)) return undefined;
  if (n.data.length === 0) return { kind: 'absent' };
  const length = n.data[0]!;
  const rest = n.data.subarray(1);
  if (length === 0) return { kind: 'empty' };
  if (rest.length < length) return { kind: 'malformed', reason: 'buffer underrun', length, raw: rest };
  const text = rest.subarray(0, length);
  if (!isUtf8(text)) return { kind: 'malformed', reason: 'invalid UTF-8', length, raw: rest };
  return { kind: 'text', text: text.toString('utf8'), trailing: rest.subarray(length) };
}

/**
 * The data as ExaBGP reports it: the raw bytes, except for 6/2 and 6/4 where it is ExaBGP's
 * sentence about the shutdown communication (line breaks in the text become spaces).
 * INTEROP: ExaBGP 5.0 calls a text longer than 128 bytes "too large" (the RFC 8203 limit);
 * RFC 9003 allows 255 and so do we.
 */
export function notificationReportBytes(n: Notification): Buffer {
  const s = shutdownCommunication(n);
  if (s === undefined) return n.data;
  switch (s.kind) {
    case 'absent':
      return Buffer.alloc(0);
    case 'empty':
      return Buffer.from('empty Shutdown Communication.');
    case 'malformed':
      return Buffer.from(
        `invalid Shutdown Communication (${s.reason}) length : ${s.length} [${hex0x(s.raw)}]`,
        'utf8',
      );
    case 'text': {
      let out = `Shutdown Communication: "${s.text.replace(/[\r\n]/g, ' ')}"`;
      if (s.trailing.length > 0) out += `, trailing data: ${hex0x(s.trailing)}`;
      return Buffer.from(out, 'utf8');
    }
  }
}

/** ExaBGP's `notification` object: `{ code, subcode, data, message }`. */
export function notificationJson(n: Notification): JsonObject {
  const report = notificationReportBytes(n);
  return {
    code: n.code,
    subcode: n.subcode,
    data: hex0x(report),
    // A lossy view for people: invalid UTF-8 becomes U+FFFD, as Python's 'replace' does.
    message: report.toString('utf8'),
  };
}

/** ExaBGP's one-line text: "Cease / Administrative Shutdown / Shutdown Communication: ...". */
export function notificationText(n: Notification): string {
  const head = `${notificationCodeName(n.code)} / ${notificationSubcodeName(n.code, n.subcode)}`;
  const report = notificationReportBytes(n);
  if (report.length === 0) return head;
  const ascii = report.every((b) => b < 0x80);
  return `${head} / ${ascii ? report.toString('latin1') : hex0x(report)}`;
}
