/**
 * A small UPDATE walker for tests, written apart from the code under test: finds the
 * MP_REACH_NLRI (14) and MP_UNREACH_NLRI (15) attributes of an UPDATE and returns their NLRI
 * fields (RFC 4760 §3, §4), and reads raw messages from the corpus's .msg / .ci files.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanHex } from './corpus.js';

export interface MpNlriField {
  readonly afi: number;
  readonly safi: number;
  readonly reach: boolean;
  readonly nlri: Buffer;
}

/** `message` is a whole BGP message (16-byte marker, length, type). Non-UPDATEs give []. */
export function mpNlriFields(message: Buffer): MpNlriField[] {
  if (message[18] !== 2) return [];
  return mpNlriOfUpdateBody(message.subarray(19));
}

/** `body` is an UPDATE after the 19-byte header. */
export function mpNlriOfUpdateBody(body: Buffer): MpNlriField[] {
  const out: MpNlriField[] = [];
  const withdrawnLength = body.readUInt16BE(0);
  let p = 2 + withdrawnLength;
  const attrEnd = p + 2 + body.readUInt16BE(p);
  p += 2;
  while (p < attrEnd) {
    const flags = body[p]!;
    const type = body[p + 1]!;
    const extended = (flags & 0x10) !== 0;
    const length = extended ? body.readUInt16BE(p + 2) : body[p + 2]!;
    p += extended ? 4 : 3;
    const value = body.subarray(p, p + length);
    p += length;
    if (type === 14) {
      const nextHopLength = value[3]!;
      out.push({
        afi: value.readUInt16BE(0),
        safi: value[2]!,
        reach: true,
        nlri: value.subarray(5 + nextHopLength),
      });
    } else if (type === 15) {
      out.push({ afi: value.readUInt16BE(0), safi: value[2]!, reach: false, nlri: value.subarray(3) });
    }
  }
  return out;
}

export interface RawLine {
  readonly file: string;
  readonly line: number;
  readonly message: Buffer;
}

/** Every `raw:` line (not a '#' comment) of the corpus files in `dir` ending with one of `exts`. */
export function rawLines(dir: string, exts: readonly string[]): RawLine[] {
  const out: RawLine[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (!exts.some((e) => name.endsWith(e))) continue;
    const lines = readFileSync(join(dir, name), 'utf8').split('\n');
    lines.forEach((text, i) => {
      const at = text.indexOf(':raw:');
      if (at < 0 || text.includes('#')) return;
      out.push({ file: name, line: i + 1, message: Buffer.from(cleanHex(text.slice(at + 5)), 'hex') });
    });
  }
  return out;
}
