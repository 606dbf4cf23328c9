/**
 * A text file read in pieces of PIECE_BYTES, for the configuration lexer (config/lexer.ts
 * `MoreText`): a million-route file never exists as one string, and only one piece is in memory
 * besides what the parser keeps. UTF-8 characters cut between two reads are kept whole.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import type { MoreText } from '../config/lexer.js';

/**
 * Bytes read from the file at a time. Small enough that each piece (and the lexer's window made
 * from it) is an ordinary young-generation string that dies young: 1 MiB pieces were large
 * objects that piled up as old garbage (peak RSS 1M routes: 136 MB -> 85 MB for validate).
 */
export const PIECE_BYTES = 1 << 16;

function pieces(fd: number): MoreText {
  const buf = Buffer.allocUnsafe(PIECE_BYTES);
  const decoder = new StringDecoder('utf8');
  let done = false;
  return () => {
    if (done) return undefined;
    const n = readSync(fd, buf, 0, buf.length, null);
    if (n > 0) return decoder.write(buf.subarray(0, n));
    done = true;
    const rest = decoder.end();
    return rest === '' ? undefined : rest;
  };
}

/**
 * Opens `file`, calls `use` with its first piece and the source of the others, and closes the
 * file. Errors of opening or reading (fs errors, with a `code`) are thrown.
 */
export function withFilePieces<T>(file: string, use: (first: string, more: MoreText) => T): T {
  const fd = openSync(file, 'r');
  try {
    const more = pieces(fd);
    return use(more() ?? '', more);
  } finally {
    closeSync(fd);
  }
}
