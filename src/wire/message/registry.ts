/**
 * The message registry: one table from message kind to its type code, body decoder and body
 * encoder; `decodeMessage` dispatches a frame by type, `encodeMessage` writes a whole message
 * with its header (RFC 4271 §4.1). Adding a message type is one line in MESSAGES (and one member
 * of the Message union in types.ts).
 */
import type { Writer } from '../buf/writer.js';
import { type DecodeContext, type EncodeContext, MAX_MESSAGE_BYTES, maxMessageBytes } from '../context.js';
import { NotifyError } from '../error.js';
import { type Frame, frameMessage, HEADER_BYTES } from '../frame.js';
import { MESSAGE_TYPE } from '../iana/message-type.js';
import { KEEPALIVE } from './keepalive.js';
import { decodeNotification, encodeNotificationBody } from './notification.js';
import { decodeOpen, encodeOpenBody } from './open.js';
import { decodeOperational, encodeOperationalBody } from './operational.js';
import { decodeRouteRefresh, encodeRouteRefreshBody } from './route-refresh.js';
import type { Message, MessageKind, UnknownMessage } from './types.js';
import { decodeUpdate, writeUpdateBody } from './update.js';

interface MessageCodec<M extends Message> {
  readonly type: number;
  decode(frame: Frame, ctx: DecodeContext): M;
  encode(w: Writer, m: M, ctx: EncodeContext): void;
}

type KnownKind = Exclude<MessageKind, 'unknown-message'>;

/** Every message type bgpknife understands, keyed by kind (the compiler wants one per kind). */
const MESSAGES: { readonly [K in KnownKind]: MessageCodec<Extract<Message, { kind: K }>> } = {
  open: { type: MESSAGE_TYPE.OPEN, decode: (f) => decodeOpen(f.body), encode: encodeOpenBody },
  update: {
    type: MESSAGE_TYPE.UPDATE,
    decode: (f, ctx) => decodeUpdate(f.body, ctx),
    encode: writeUpdateBody,
  },
  notification: {
    type: MESSAGE_TYPE.NOTIFICATION,
    decode: (f) => decodeNotification(f.body),
    encode: encodeNotificationBody,
  },
  keepalive: { type: MESSAGE_TYPE.KEEPALIVE, decode: decodeKeepalive, encode: () => {} },
  'route-refresh': {
    type: MESSAGE_TYPE.ROUTE_REFRESH,
    decode: (f) => decodeRouteRefresh(f.body, f.raw),
    encode: encodeRouteRefreshBody,
  },
  operational: {
    type: MESSAGE_TYPE.OPERATIONAL,
    decode: (f) => decodeOperational(f.body),
    encode: encodeOperationalBody,
  },
};

type AnyMessageCodec = MessageCodec<Message>;

const BY_TYPE = new Map<number, AnyMessageCodec>();
for (const codec of Object.values(MESSAGES) as AnyMessageCodec[]) {
  if (BY_TYPE.has(codec.type)) throw new Error(`duplicate message type ${codec.type}`);
  BY_TYPE.set(codec.type, codec);
}

function decodeKeepalive(f: Frame): typeof KEEPALIVE {
  if (f.body.length !== 0) {
    const length = Buffer.alloc(2);
    length.writeUInt16BE(HEADER_BYTES + f.body.length);
    throw new NotifyError(1, 2, 'keepalive-length', `KEEPALIVE with a ${f.body.length}-byte body`, length);
  }
  return KEEPALIVE;
}

/**
 * What to do with a message type nobody knows.
 * - 'notify': RFC 4271 §6.1 Bad Message Type (1/3), "The Data field MUST contain the erroneous
 *   Type field" — one octet.
 * - 'notify-exabgp': 1/3 with ExaBGP 5.0's data, the ASCII text `can not decode message of
 *   type "N"` (what ExaBGP's unknown-message conformance test expects on the wire).
 * - 'keep': return an UnknownMessage and let the caller decide.
 */
export type UnknownTypePolicy = 'notify' | 'notify-exabgp' | 'keep';

export interface DecodeMessageOptions {
  readonly unknownType: UnknownTypePolicy;
}

export const DEFAULT_DECODE_MESSAGE_OPTIONS: DecodeMessageOptions = Object.freeze({ unknownType: 'notify' });

/** Decode a framed message. Throws only NotifyError. */
export function decodeMessage(
  frame: Frame,
  ctx: DecodeContext,
  opts: DecodeMessageOptions = DEFAULT_DECODE_MESSAGE_OPTIONS,
): Message {
  const codec = BY_TYPE.get(frame.type);
  if (codec) return codec.decode(frame, ctx);
  return unknownType(frame, opts.unknownType);
}

function unknownType(frame: Frame, policy: UnknownTypePolicy): UnknownMessage {
  if (policy === 'keep') return { kind: 'unknown-message', type: frame.type, body: Buffer.from(frame.body) };
  const data =
    policy === 'notify-exabgp'
      ? Buffer.from(`can not decode message of type "${frame.type}"`, 'ascii')
      : Buffer.from([frame.type]);
  throw new NotifyError(1, 3, 'message-type', `unknown message type ${frame.type}`, data, 18);
}

/** The type code a message is sent with. */
export function messageType(m: Message): number {
  return m.kind === 'unknown-message' ? m.type : MESSAGES[m.kind].type;
}

/**
 * A whole message with its header. RFC 8654 §4: OPEN and KEEPALIVE never exceed 4096 bytes;
 * others may reach 65535 once extended messages are negotiated. EncodeError beyond the limit.
 */
export function encodeMessage(m: Message, ctx: EncodeContext): Buffer {
  const max = m.kind === 'open' || m.kind === 'keepalive' ? MAX_MESSAGE_BYTES : maxMessageBytes(ctx);
  if (m.kind === 'unknown-message') return frameMessage(m.type, (w) => w.bytes(m.body), max);
  const codec = MESSAGES[m.kind] as AnyMessageCodec;
  return frameMessage(codec.type, (w) => codec.encode(w, m, ctx), max);
}
