/**
 * Fuzz targets over wire bytes. An input is one context byte, then a byte stream:
 *
 *   bit 0  asn4              bit 1  extended message      bits 2-4  add-path (none, all, or
 *   bit 5  extended next-hop  bit 6  keep unknown types             one of six family subsets)
 *
 * `wire` cuts the stream with the Framer (header checks, the context's maximum size) and
 * decodes each frame; it also decodes the stream as one frame whatever its length field says,
 * so body decoders see every length lie. Only NotifyError may come out.
 * `json` decodes the same way, then encodes every decoded message as API events (JSON in both
 * dialects, and text); each JSON line must parse and each text line must stay one event line.
 */
import { eventJsonLine } from '../../../src/api/events/json.js';
import { eventText } from '../../../src/api/events/text.js';
import type { ApiEvent } from '../../../src/api/events/types.js';
import { negotiate } from '../../../src/fsm/negotiate.js';
import { type CodecContext, DEFAULT_CONTEXT, makeContext } from '../../../src/wire/context.js';
import { NotifyError } from '../../../src/wire/error.js';
import { type Frame, Framer } from '../../../src/wire/frame.js';
import { decodeMessage } from '../../../src/wire/message/registry.js';
import type { Message } from '../../../src/wire/message/types.js';
import { familyKey } from '../../../src/wire/nlri/family.js';
import { knownFamilies } from '../../../src/wire/nlri/registry.js';
import { FuzzFinding } from './finding.js';
import { handOpens } from './seeds.js';

const FAMILIES = knownFamilies();

/** Family subsets for add-path: none, all, and six slices of the known families. */
function addPathSet(selector: number): Set<number> {
  if (selector === 0) return new Set();
  if (selector === 1) return new Set(FAMILIES);
  return new Set(FAMILIES.filter((_, i) => i % 6 === selector - 2));
}

const CONTEXTS: readonly CodecContext[] = Array.from({ length: 128 }, (_, b) =>
  makeContext({
    asn4: (b & 1) !== 0,
    extendedMessage: (b & 2) !== 0,
    addPath: addPathSet((b >> 2) & 7),
    extendedNextHop:
      (b & 32) !== 0
        ? new Map([
            [familyKey(1, 1), [2]],
            [familyKey(1, 128), [2]],
          ])
        : new Map(),
  }),
);

function decodeAll(input: Buffer, each: (m: Message, raw: Buffer) => void): void {
  const selector = input[0] ?? 0;
  const ctx = CONTEXTS[selector & 127]!;
  const opts = { unknownType: selector & 64 ? ('keep' as const) : ('notify-exabgp' as const) };
  const stream = input.subarray(1);
  const one = (f: Frame): void => {
    try {
      each(decodeMessage(f, ctx, opts), f.raw);
    } catch (e) {
      if (!(e instanceof NotifyError)) throw e;
    }
  };
  // The whole stream as one frame: body decoders meet every length lie unfiltered.
  if (stream.length >= 19) one({ type: stream[18]!, body: stream.subarray(19), raw: stream });
  try {
    for (const f of new Framer(ctx.extendedMessage).push(stream)) one(f);
  } catch (e) {
    if (!(e instanceof NotifyError)) throw e;
  }
}

export function runWire(input: Buffer): void {
  decodeAll(input, () => {});
}

const NEIGHBOR = { localAddress: '192.0.2.1', peerAddress: '192.0.2.2', localAs: 65000, peerAs: 65001 };
const STAMP = { timeSeconds: 1, host: 'h', pid: 1, ppid: 0, counter: 1 };
let localOpenValue: Message | undefined;

/** Our side of a negotiation with the OPENs the fuzzer decodes: the hand-built seed OPEN. */
function localOpen(): Message {
  localOpenValue ??= decodeMessage(new Framer(true).push(handOpens()[0]!)[0]!, DEFAULT_CONTEXT);
  return localOpenValue;
}

/** JSON events (both dialects) parse and stay one line; text events stay lines of this neighbor. */
export function checkEventOutputs(e: ApiEvent): void {
  for (const dialect of ['5.0', '4'] as const) {
    const line = eventJsonLine(e, NEIGHBOR, STAMP, dialect);
    if (line === undefined) continue;
    if (line.includes('\n')) throw new FuzzFinding('json', 'JSON event line contains a newline');
    try {
      JSON.parse(line);
    } catch {
      throw new FuzzFinding('json', `JSON event does not parse: ${line.slice(0, 200)}`);
    }
  }
  const text = eventText(e, NEIGHBOR.peerAddress);
  if (text === undefined) return;
  for (const l of text.split('\n')) {
    // An UPDATE's raw bytes are a line of their own, `header HEX body HEX`, as ExaBGP writes them.
    if (!l.startsWith(`neighbor ${NEIGHBOR.peerAddress} `) && !/^header [0-9A-F]+( body [0-9A-F]+)?$/.test(l))
      throw new FuzzFinding('text', `text event line does not start with the neighbor: ${l.slice(0, 200)}`);
    if (/[\u0000-\u001f\u007f]/.test(l))
      throw new FuzzFinding('text', 'text event line has a control character');
  }
}

export function runJson(input: Buffer): void {
  decodeAll(input, (m, raw) => {
    checkEventOutputs({ kind: 'message', direction: 'receive', message: m, raw });
    const local = localOpen();
    if (m.kind === 'open' && local.kind === 'open') {
      let negotiated: ReturnType<typeof negotiate> | undefined;
      try {
        negotiated = negotiate(local, m);
      } catch (e) {
        if (!(e instanceof NotifyError)) throw e;
      }
      if (negotiated) checkEventOutputs({ kind: 'negotiated', negotiated });
    }
    if (m.kind === 'notification')
      checkEventOutputs({ kind: 'down', reason: `peer sent ${m.data.toString('utf8')}` });
  });
}
