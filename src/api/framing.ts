/**
 * Line framing of a helper process's stdout: bytes in, complete lines out. A partial line is
 * kept until its newline arrives; a line longer than `maxBytes` (setting bgpknife.api.line-max)
 * is reported once as too long and its bytes are dropped up to the next newline, so a helper
 * that never writes a newline costs at most `maxBytes` of memory.
 *
 * Lines are decoded as UTF-8 after framing (a multi-byte character split across chunks is
 * whole by then); '\r' before '\n' is removed, as ExaBGP strips each line. A line with bytes
 * that are not printable text (NUL, other control characters) is reported as binary.
 */

/** Default longest line, in bytes (ExaBGP has no limit; a route line is well under 4 KiB). */
export const DEFAULT_LINE_MAX_BYTES = 65536;

export type FramedLine =
  | { readonly kind: 'line'; readonly text: string }
  | { readonly kind: 'too-long'; readonly bytes: number }
  | { readonly kind: 'binary' };

import { isUtf8 } from 'node:buffer';

const NEWLINE = 0x0a;

/**
 * Control characters other than tab and carriage return, or bytes that are not UTF-8, make a
 * line binary garbage (a valid UTF-8 line decodes to exactly its own bytes, so the line bound
 * holds for the text too).
 */
function isBinary(b: Buffer): boolean {
  if (!isUtf8(b)) return true;
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/**
 * The bulk case in one pass: the complete lines of `chunk` from `from` on that are printable
 * ASCII and within the limit are decoded together and split (one string, no Buffer per line).
 * Returns where it stopped: the line there (not so, or unfinished) takes the general path.
 */
function plainLines(chunk: Buffer, from: number, maxBytes: number, out: FramedLine[]): number {
  let lineStart = from;
  let clean = -1;
  for (let i = from; i < chunk.length; i++) {
    const c = chunk[i]!;
    if (c === NEWLINE) {
      if (i - lineStart > maxBytes) break;
      clean = i;
      lineStart = i + 1;
    } else if (c < 0x20 ? c !== 0x09 && c !== 0x0d : c >= 0x7f) break;
  }
  if (clean < 0) return from;
  for (const line of chunk.toString('latin1', from, clean).split('\n'))
    out.push({ kind: 'line', text: line.endsWith('\r') ? line.slice(0, -1) : line });
  return clean + 1;
}

export class LineFramer {
  private parts: Buffer[] = [];
  private held = 0;
  /** Bytes of an overlong line being skipped until its newline (-1: not skipping). */
  private skipping = -1;

  constructor(private readonly maxBytes = DEFAULT_LINE_MAX_BYTES) {}

  /** Bytes held for an unfinished line. */
  get pendingBytes(): number {
    return this.held;
  }

  push(chunk: Buffer): FramedLine[] {
    const out: FramedLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      if (this.held === 0 && this.skipping < 0) {
        start = plainLines(chunk, start, this.maxBytes, out);
        if (start === chunk.length) break;
      }
      const nl = chunk.indexOf(NEWLINE, start);
      const end = nl === -1 ? chunk.length : nl;
      this.take(chunk.subarray(start, end));
      if (nl === -1) break;
      this.finish(out);
      start = nl + 1;
    }
    return out;
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.skipping >= 0) {
      this.skipping += piece.length;
      return;
    }
    if (this.held + piece.length > this.maxBytes) {
      this.skipping = this.held + piece.length;
      this.parts = [];
      this.held = 0;
      return;
    }
    // Copy: the chunk belongs to the stream and may be large; keep only this line's bytes.
    this.parts.push(Buffer.from(piece));
    this.held += piece.length;
  }

  private finish(out: FramedLine[]): void {
    if (this.skipping >= 0) {
      out.push({ kind: 'too-long', bytes: this.skipping });
      this.skipping = -1;
      return;
    }
    const bytes = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    this.parts = [];
    this.held = 0;
    if (isBinary(bytes)) {
      out.push({ kind: 'binary' });
      return;
    }
    out.push({ kind: 'line', text: bytes.toString('utf8').replace(/\r$/, '') });
  }
}
