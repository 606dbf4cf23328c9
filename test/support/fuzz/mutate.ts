/**
 * Corpus-seeded mutation, as AFL-style fuzzers do it: start from a real input and apply a few
 * random edits — bit flips, interesting values, inserts, deletes, duplicated ranges, splices
 * with another seed, and (for wire input) length fields that lie about what follows. Text
 * input gets the same byte edits plus token-level ones (keywords, punctuation, long numbers).
 */
import type { Rng } from './rng.js';

/** Output is capped so one input cannot cost more than a maximum-size message and a bit. */
export const MAX_MUTANT_BYTES = 70_000;
const INTERESTING_8 = [0, 1, 0x7f, 0x80, 0xff, 0x40, 0x20, 0x10];
const INTERESTING_16 = [
  0, 1, 2, 3, 4, 0x7f, 0x80, 0xff, 0x100, 0xfff, 0x1000, 0x1001, 0x7fff, 0x8000, 0xffff,
];

type Edit = (b: Buffer, rng: Rng, others: readonly Buffer[]) => Buffer;

function range(b: Buffer, rng: Rng): [number, number] {
  const start = rng.int(b.length + 1);
  const len = rng.int(Math.min(64, b.length - start) + 1);
  return [start, start + len];
}

const flipBit: Edit = (b, rng) => {
  if (b.length === 0) return b;
  const c = Buffer.from(b);
  const i = rng.int(c.length);
  c[i] = c[i]! ^ (1 << rng.int(8));
  return c;
};

const setByte: Edit = (b, rng) => {
  if (b.length === 0) return b;
  const c = Buffer.from(b);
  c[rng.int(c.length)] = rng.chance(0.5) ? rng.pick(INTERESTING_8) : rng.int(256);
  return c;
};

/** A 16-bit field (most BGP lengths) given a value that does not match what follows. */
const lieLength: Edit = (b, rng) => {
  if (b.length < 2) return b;
  const c = Buffer.from(b);
  const at = rng.int(c.length - 1);
  const v = rng.chance(0.5) ? rng.pick(INTERESTING_16) : (c.readUInt16BE(at) + rng.int(9) - 4) & 0xffff;
  c.writeUInt16BE(v, at);
  return c;
};

/** An 8-bit length (prefix lengths, attribute lengths without Extended Length) off by a little. */
const nudgeByte: Edit = (b, rng) => {
  if (b.length === 0) return b;
  const c = Buffer.from(b);
  const i = rng.int(c.length);
  c[i] = (c[i]! + rng.int(9) - 4) & 0xff;
  return c;
};

const insertBytes: Edit = (b, rng) => {
  const at = rng.int(b.length + 1);
  const n = 1 + rng.int(rng.chance(0.9) ? 8 : 512);
  const fill = Buffer.alloc(n);
  const same = rng.chance(0.3) ? rng.int(256) : -1;
  for (let i = 0; i < n; i++) fill[i] = same >= 0 ? same : rng.int(256);
  return Buffer.concat([b.subarray(0, at), fill, b.subarray(at)]);
};

const deleteRange: Edit = (b, rng) => {
  const [s, e] = range(b, rng);
  return Buffer.concat([b.subarray(0, s), b.subarray(e)]);
};

const duplicateRange: Edit = (b, rng) => {
  const [s, e] = range(b, rng);
  const at = rng.int(b.length + 1);
  const copies = rng.chance(0.1) ? 1 + rng.int(64) : 1;
  const chunk = Buffer.concat(Array.from({ length: copies }, () => b.subarray(s, e)));
  return Buffer.concat([b.subarray(0, at), chunk, b.subarray(at)]);
};

const splice: Edit = (b, rng, others) => {
  if (others.length === 0) return b;
  const o = rng.pick(others);
  const [s, e] = range(o, rng);
  const at = rng.int(b.length + 1);
  const cut = rng.chance(0.5) ? at : Math.min(b.length, at + rng.int(64));
  return Buffer.concat([b.subarray(0, at), o.subarray(s, e), b.subarray(cut)]);
};

const truncate: Edit = (b, rng) => b.subarray(0, rng.int(b.length + 1));

const BYTE_EDITS: readonly Edit[] = [
  flipBit,
  setByte,
  lieLength,
  nudgeByte,
  insertBytes,
  deleteRange,
  duplicateRange,
  splice,
  truncate,
];

/** Words and punctuation that steer a text parser into its less travelled corners. */
const TEXT_TOKENS = [
  '{',
  '}',
  ';',
  '[',
  ']',
  '(',
  ')',
  '"',
  "'",
  '\\',
  '\n',
  '\r',
  '\t',
  '\0',
  ' ',
  '#',
  ':',
  '/',
  ',',
  '-',
  '99999999999999999999999',
  '4294967296',
  '-1',
  '0x',
  '1.2.3.4',
  '::',
  'ffff::1/129',
  '10.0.0.0/33',
  '\u00e9',
  '\u202e',
  '\ud83d\ude00',
  'neighbor',
  'route',
  'announce',
  'withdraw',
  'flow',
  'match',
  'then',
  'attribute',
  'community',
  'as-path',
  'next-hop',
  'self',
  'group',
  'template',
  'inherit',
  'process',
  'family',
  'static',
  'vpls',
  'l2vpn',
  'evpn',
  'rd',
  'label',
  'extended-community',
  'large-community',
  'attributes',
  'nlri',
  'eor',
  'route-refresh',
  'operational',
  'capability',
  'api',
  'encoder',
  'json',
];

/** Insert or replace at a token boundary (spaces) to keep most of the structure. */
const textToken: Edit = (b, rng) => {
  const token = Buffer.from(
    rng.chance(0.2) ? rng.pick(TEXT_TOKENS).repeat(1 + rng.int(50)) : rng.pick(TEXT_TOKENS),
  );
  const at = rng.int(b.length + 1);
  const pad = rng.chance(0.7) ? Buffer.from(' ') : Buffer.alloc(0);
  const cut = rng.chance(0.3) ? Math.min(b.length, at + rng.int(16)) : at;
  return Buffer.concat([b.subarray(0, at), pad, token, pad, b.subarray(cut)]);
};

/** Swap two whitespace-separated words (keeps the vocabulary, breaks the order). */
const textSwap: Edit = (b) => {
  const words = b.toString('latin1').split(' ');
  if (words.length < 2) return b;
  const i = words.length - 1;
  [words[0], words[i]] = [words[i]!, words[0]!];
  return Buffer.from(words.join(' '), 'latin1');
};

const TEXT_EDITS: readonly Edit[] = [...BYTE_EDITS, textToken, textToken, textToken, textSwap];

/** Apply 1..8 random edits (mostly few) to `seed`. */
export function mutate(seed: Buffer, rng: Rng, others: readonly Buffer[], text: boolean): Buffer {
  const edits = text ? TEXT_EDITS : BYTE_EDITS;
  const n = 1 + (rng.chance(0.6) ? 0 : rng.int(8));
  let out = seed;
  for (let i = 0; i < n; i++) {
    out = rng.pick(edits)(out, rng, others);
    if (out.length > MAX_MUTANT_BYTES) out = out.subarray(0, MAX_MUTANT_BYTES);
  }
  return out;
}
