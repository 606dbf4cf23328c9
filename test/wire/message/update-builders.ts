/**
 * Independent byte builders for UPDATE tests: each field written by hand from RFC 4271 §4.3,
 * never by the code under test.
 */
export function hex(s: string): Buffer {
  return Buffer.from(s.replace(/[\s:]/g, ''), 'hex');
}

/** An attribute: flags, code, 1-octet length (or 2 with the extended-length flag 0x10), value. */
export function attr(flags: number, code: number, value: string | Buffer): Buffer {
  const v = typeof value === 'string' ? hex(value) : value;
  const len = flags & 0x10 ? Buffer.from([v.length >> 8, v.length & 0xff]) : Buffer.from([v.length]);
  return Buffer.concat([Buffer.from([flags, code]), len, v]);
}

/** An UPDATE body: withdrawn routes length + routes, attribute length + attributes, NLRI. */
export function body(withdrawn: string | Buffer, attributes: Buffer[], nlri: string | Buffer): Buffer {
  const w = typeof withdrawn === 'string' ? hex(withdrawn) : withdrawn;
  const a = Buffer.concat(attributes);
  const n = typeof nlri === 'string' ? hex(nlri) : nlri;
  const wl = Buffer.from([w.length >> 8, w.length & 0xff]);
  const al = Buffer.from([a.length >> 8, a.length & 0xff]);
  return Buffer.concat([wl, w, al, a, n]);
}

/** A whole message: marker, length, type 2, body. */
export function message(b: Buffer): Buffer {
  const len = 19 + b.length;
  return Buffer.concat([Buffer.alloc(16, 0xff), Buffer.from([len >> 8, len & 0xff, 2]), b]);
}

export const ORIGIN_IGP = attr(0x40, 1, '00');
export const AS_PATH_EMPTY = attr(0x40, 2, '');
export const NEXT_HOP_10_0_0_1 = attr(0x40, 3, '0a000001');
