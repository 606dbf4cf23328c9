/**
 * A small, independent reader of the corpus's raw UPDATE messages, for attribute tests: it
 * splits an UPDATE into its path attributes without using any of bgpknife's codecs, so the
 * bytes a test compares against come from ExaBGP, not from the code under test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RawAttribute {
  readonly flags: number;
  readonly code: number;
  /** The attribute value. */
  readonly value: Buffer;
  /** Flags, code, length and value: the attribute exactly as ExaBGP sent it. */
  readonly whole: Buffer;
}

export interface CorpusUpdate {
  readonly file: string;
  readonly line: number;
  readonly message: Buffer;
  /** The parsed `json:` line that follows the raw line, when there is one. */
  readonly json?: unknown;
}

const BGP_HEADER = 19;
const TYPE_UPDATE = 2;

/** The path attributes of one UPDATE (message includes the 16-byte marker). */
export function updateAttributes(message: Buffer): RawAttribute[] {
  if (message.length < BGP_HEADER + 4 || message[18] !== TYPE_UPDATE) return [];
  let p = BGP_HEADER;
  const withdrawn = message.readUInt16BE(p);
  p += 2 + withdrawn;
  const total = message.readUInt16BE(p);
  p += 2;
  const end = p + total;
  const out: RawAttribute[] = [];
  while (p < end) {
    const flags = message[p]!;
    const code = message[p + 1]!;
    const extended = (flags & 0x10) !== 0;
    const length = extended ? message.readUInt16BE(p + 2) : message[p + 2]!;
    const header = extended ? 4 : 3;
    out.push({
      flags,
      code,
      value: message.subarray(p + header, p + header + length),
      whole: message.subarray(p, p + header + length),
    });
    p += header + length;
  }
  return out;
}

/** Raw messages of a .msg or .ci file, each with the json: line that follows it, if any. */
export function corpusUpdates(path: string, file: string): CorpusUpdate[] {
  const out: CorpusUpdate[] = [];
  const lines = readFileSync(join(path, file), 'utf8').split('\n');
  lines.forEach((text, i) => {
    if (text.includes('#')) return;
    const raw = /^[A-Z]?\d+:raw:(.*)$/.exec(text.trim());
    if (raw) {
      out.push({ file, line: i + 1, message: Buffer.from(raw[1]!.replace(/[:\s]/g, ''), 'hex') });
      return;
    }
    const json = /^[A-Z]?\d+:json:(.*)$/.exec(text.trim());
    const last = out[out.length - 1];
    if (json && last && last.line === i) out[out.length - 1] = { ...last, json: JSON.parse(json[1]!) };
  });
  return out;
}

/** Every .msg file of a 5.0.13 encoding folder and every .ci file of a main/api folder. */
export function corpusFiles(path: string, ext: '.msg' | '.ci'): string[] {
  return readdirSync(path)
    .filter((f) => f.endsWith(ext))
    .sort();
}
