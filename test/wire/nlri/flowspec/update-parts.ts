/**
 * A small, independent UPDATE reader for tests: finds the MP_REACH_NLRI / MP_UNREACH_NLRI
 * attributes of a raw message and returns their family, next-hop and NLRI bytes. It shares no
 * code with the codec under test.
 */

export interface MpPart {
  readonly reach: boolean;
  readonly afi: number;
  readonly safi: number;
  /** Next-hop bytes (MP_REACH only). */
  readonly nextHop: Buffer;
  readonly nlri: Buffer;
}

/** The MP_REACH / MP_UNREACH parts of a full BGP message (marker included). */
export function mpParts(message: Buffer): MpPart[] {
  let p = 19;
  const withdrawnLength = message.readUInt16BE(p);
  p += 2 + withdrawnLength;
  const attributesLength = message.readUInt16BE(p);
  p += 2;
  const end = p + attributesLength;
  const parts: MpPart[] = [];
  while (p < end) {
    const flags = message[p]!;
    const code = message[p + 1]!;
    const extended = (flags & 0x10) !== 0;
    const length = extended ? message.readUInt16BE(p + 2) : message[p + 2]!;
    const body = message.subarray(p + (extended ? 4 : 3), p + (extended ? 4 : 3) + length);
    p += (extended ? 4 : 3) + length;
    if (code === 14) {
      const nhLength = body[3]!;
      parts.push({
        reach: true,
        afi: body.readUInt16BE(0),
        safi: body[2]!,
        nextHop: body.subarray(4, 4 + nhLength),
        nlri: body.subarray(5 + nhLength),
      });
    } else if (code === 15) {
      parts.push({
        reach: false,
        afi: body.readUInt16BE(0),
        safi: body[2]!,
        nextHop: Buffer.alloc(0),
        nlri: body.subarray(3),
      });
    }
  }
  return parts;
}

/** Hex of a corpus line's payload (':' are cosmetic). */
export function hexBytes(text: string): Buffer {
  return Buffer.from(text.replace(/[:\s]/g, ''), 'hex');
}

/** Dotted-quad or IPv6 text of next-hop bytes (first address only), undefined when empty. */
export function nextHopText(b: Buffer): string | undefined {
  if (b.length === 0) return undefined;
  if (b.length === 4) return [...b].join('.');
  const words: string[] = [];
  for (let i = 0; i < 16; i += 2) words.push(b.readUInt16BE(i).toString(16));
  return words.join(':');
}
