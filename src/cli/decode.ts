/**
 * `bgpknife decode [--family "AFI SAFI"] [--open | --update | --nlri] [--path-information]
 *  [--json-version 4|5] HEX...`: print ExaBGP's JSON for BGP messages given in hex, as
 * `exabgp decode` does. Colons and spaces in the hex are ignored; hex without the 16-byte
 * marker is taken as the body of one UPDATE (or as bare NLRI with --nlri). Several messages in
 * one hex string print one JSON document each.
 */
import { type EventNeighbor, type EventStamp, eventJson } from '../api/json/envelope.js';
import { Reader, SHORT_NLRI } from '../wire/buf/reader.js';
import { MAX_EXTENDED_MESSAGE_BYTES, makeContext } from '../wire/context.js';
import { NotifyError } from '../wire/error.js';
import { checkHeader, type Frame, HEADER_BYTES } from '../wire/frame.js';
import { MESSAGE_TYPE } from '../wire/iana/message-type.js';
import { type JsonDialect, type JsonObject, stringifyJson } from '../wire/json.js';
import { notificationJson } from '../wire/message/notification.js';
import { openJson } from '../wire/message/open.js';
import { decodeMessage } from '../wire/message/registry.js';
import { updateMessageJson } from '../wire/message/update-json.js';
import { type FamilyKey, familyKey, familyName, parseFamily } from '../wire/nlri/family.js';
import { nlriCodec } from '../wire/nlri/registry.js';
import type { CliIo, Subcommand } from './io.js';
import { UsageError } from './io.js';

const USAGE = `usage: bgpknife decode [--family "AFI SAFI"] [--open | --update | --nlri] [--path-information]
                       [--json-version 4|5] [--file FILE] [HEX...]

Print ExaBGP's JSON for BGP messages given in hexadecimal (colons and spaces are ignored).
  --file FILE           read hex from FILE too (lines starting with # are comments)
  --family "AFI SAFI"   the family of bare NLRI (--nlri), e.g. "ipv4 flow"; default ipv4 unicast
  --open, --update      the kind of message (otherwise read from the header)
  --nlri                the hex is NLRI only, in the --family
  --path-information    NLRI carry RFC 7911 path identifiers
  --json-version 4|5    ExaBGP 4.x or 5.0 JSON (default 5)
Exit status: 0 when every message decodes; 1 with a one-line error naming the NOTIFICATION
code/subcode and the byte offset otherwise; 2 for bad arguments.`;

/** The neighbor ExaBGP's decode tool pretends the message came from. */
const DECODE_NEIGHBOR: EventNeighbor = {
  localAddress: '127.0.0.1',
  peerAddress: '127.0.0.1',
  localAs: 65533,
  peerAs: 65533,
  routerId: '10.0.0.2',
};

export interface DecodeArgs {
  family?: FamilyKey;
  kind?: 'open' | 'update' | 'nlri';
  pathInformation: boolean;
  dialect: JsonDialect;
  hex: string;
  files: string[];
}

export function parseArgs(args: readonly string[]): DecodeArgs {
  const out: DecodeArgs = { pathInformation: false, dialect: '5.0', hex: '', files: [] };
  const hex: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--family' || a === '-f') {
      const value = args[++i];
      const fam = value === undefined ? undefined : parseFamily(value);
      if (!fam)
        throw new UsageError(
          `--family needs "AFI SAFI" such as "ipv4 unicast", got ${JSON.stringify(value ?? '')}`,
        );
      out.family = familyKey(fam.afi, fam.safi);
    } else if (a === '--open' || a === '-o') out.kind = 'open';
    else if (a === '--update' || a === '-u') out.kind = 'update';
    else if (a === '--nlri' || a === '-n') out.kind = 'nlri';
    else if (a === '--path-information' || a === '-i') out.pathInformation = true;
    else if (a === '--file') {
      const f = args[++i];
      if (f === undefined) throw new UsageError('--file needs a file name');
      out.files.push(f);
    } else if (a === '--json-version') {
      const v = args[++i];
      if (v !== '4' && v !== '5')
        throw new UsageError(`--json-version takes 4 or 5, got ${JSON.stringify(v ?? '')}`);
      out.dialect = v === '4' ? '4' : '5.0';
    } else if (a.startsWith('-') && !/^-?[0-9a-f:]+$/i.test(a)) throw new UsageError(`unknown option ${a}`);
    else hex.push(a);
  }
  out.hex = hex.join('').replace(/[\s:]/g, '');
  if (out.hex === '' && out.files.length === 0) throw new UsageError('no hex given');
  if (!/^[0-9a-fA-F]*$/.test(out.hex)) {
    const bad = out.hex.search(/[^0-9a-fA-F]/);
    throw new UsageError(`not hexadecimal at character ${bad + 1}: ${JSON.stringify(out.hex[bad])}`);
  }
  if (out.hex.length % 2 === 1) throw new UsageError('odd number of hex digits');
  return out;
}

/** Split the bytes into frames; bytes without a marker are one UPDATE body. */
function frames(bytes: Buffer, kind: DecodeArgs['kind']): Frame[] {
  const marker = bytes.length >= 16 && bytes.subarray(0, 16).every((b) => b === 0xff);
  if (!marker) {
    const type = kind === 'open' ? MESSAGE_TYPE.OPEN : MESSAGE_TYPE.UPDATE;
    const raw = Buffer.concat([
      Buffer.alloc(16, 0xff),
      Buffer.from([(bytes.length + 19) >> 8, (bytes.length + 19) & 0xff, type]),
      bytes,
    ]);
    return [{ type, body: raw.subarray(HEADER_BYTES), raw }];
  }
  const out: Frame[] = [];
  let off = 0;
  while (off < bytes.length) {
    if (bytes.length - off < HEADER_BYTES) {
      throw new NotifyError(
        1,
        2,
        'header-length',
        `${bytes.length - off} trailing bytes are not a message`,
        undefined,
        off,
      );
    }
    const length = checkHeader(bytes, off, MAX_EXTENDED_MESSAGE_BYTES);
    if (bytes.length - off < length) {
      throw new NotifyError(
        1,
        2,
        'header-length',
        `message claims ${length} bytes, ${bytes.length - off} given`,
        undefined,
        off + 16,
      );
    }
    const raw = bytes.subarray(off, off + length);
    out.push({ type: raw[18]!, body: raw.subarray(HEADER_BYTES), raw });
    off += length;
  }
  return out;
}

/** Decode one frame; an error's offset becomes an offset into the whole input. */
function decodeAt(f: Frame, ctx: ReturnType<typeof makeContext>, start: number) {
  try {
    return decodeMessage(f, ctx);
  } catch (e) {
    if (e instanceof NotifyError && e.offset >= 0) {
      throw new NotifyError(
        e.code,
        e.subcode,
        e.errorCode,
        e.message,
        e.data,
        start + HEADER_BYTES + e.offset,
      );
    }
    throw e;
  }
}

function stamp(): EventStamp {
  return {
    timeSeconds: Date.now() / 1000,
    host: 'bgpknife',
    pid: process.pid,
    ppid: process.ppid,
    counter: 1,
  };
}

export function decodeToJson(args: DecodeArgs): JsonObject[] {
  const bytes = Buffer.from(args.hex, 'hex');
  const family = args.family ?? familyKey(1, 1);
  const ctx = makeContext({ addPath: args.pathInformation ? new Set([family]) : new Set() });
  const opts = { dialect: args.dialect };
  if (args.kind === 'nlri') {
    const codec = nlriCodec(family);
    if (!codec)
      throw new UsageError(`no NLRI decoder for ${familyName(Math.floor(family / 256), family % 256)}`);
    const r = new Reader(bytes, 0, bytes.length, SHORT_NLRI);
    const { afi, safi } = { afi: Math.floor(family / 256), safi: family % 256 };
    const out: JsonObject[] = [];
    while (!r.done) {
      const pathId = args.pathInformation ? r.u32() : undefined;
      out.push(codec.json(codec.decode(r, { afi, safi }, pathId), opts));
    }
    return out;
  }
  const all = frames(bytes, args.kind);
  let start = 0;
  return all.map((f) => {
    const m = decodeAt(f, ctx, start);
    start += f.raw.length;
    switch (m.kind) {
      case 'open':
        return eventJson(args.dialect, stamp(), 'open', DECODE_NEIGHBOR, 'in', { open: openJson(m, opts) });
      case 'update':
        return eventJson(args.dialect, stamp(), 'update', DECODE_NEIGHBOR, 'in', {
          message: updateMessageJson(m, opts),
        });
      case 'notification':
        return eventJson(args.dialect, stamp(), 'notification', DECODE_NEIGHBOR, 'in', {
          notification: notificationJson(m),
        });
      default:
        return eventJson(args.dialect, stamp(), m.kind, DECODE_NEIGHBOR, 'in', {});
    }
  });
}

export const decode: Subcommand = {
  summary: 'print the ExaBGP JSON of BGP messages given in hex',
  usage: USAGE,
  run(args: readonly string[], io: CliIo): number {
    const parsed = parseArgs(args);
    for (const file of parsed.files) {
      let text: string;
      try {
        text = io.readFile(file);
      } catch (e) {
        io.err(`bgpknife decode: cannot read ${file}: ${(e as Error).message}\n`);
        return 1;
      }
      const fromFile = text
        .split('\n')
        .filter((l) => !l.trimStart().startsWith('#'))
        .join('')
        .replace(/[\s:]/g, '');
      parsed.hex = `${parsed.hex}${fromFile}`;
    }
    const bad = parsed.hex.search(/[^0-9a-fA-F]/);
    if (bad !== -1)
      throw new UsageError(`not hexadecimal at character ${bad + 1}: ${JSON.stringify(parsed.hex[bad])}`);
    try {
      for (const doc of decodeToJson(parsed)) io.out(`${stringifyJson(doc)}\n`);
      return 0;
    } catch (e) {
      if (e instanceof NotifyError) {
        const where = e.offset >= 0 ? ` at byte ${e.offset}` : '';
        io.err(
          `bgpknife decode: NOTIFICATION ${e.code}/${e.subcode} (${e.errorCode})${where}: ${e.message}\n`,
        );
        return 1;
      }
      throw e;
    }
  },
};
