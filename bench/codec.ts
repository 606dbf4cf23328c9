/**
 * Codec benchmark: decode and encode UPDATE streams carrying N IPv4 /32 prefixes (NLRI field),
 * N IPv6 /128 prefixes (MP_REACH) and N/10 FlowSpec rules, on one core. The streams are built
 * here byte by byte (not by the encoder under test). Two references are measured in the same
 * run: ExaBGP 4.2 (Debian's `exabgp --decode`) decoding the first messages of the same IPv4
 * stream, its start-up time subtracted; and a "raw walk" that only steps over each prefix's
 * length byte — the most any decoder could do per prefix on this machine.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_CONTEXT } from '../src/wire/context.js';
import { decodeUpdate, encodeUpdate, type Update } from '../src/wire/message/update.js';

const MAX = 4096;
const ATTRS_V4 = '40010100' + '400200' + '400304c0000201'; // ORIGIN igp, AS_PATH empty, NEXT_HOP 192.0.2.1
const ATTRS_BASE = '40010100' + '400200';

function header(bodyLen: number): Buffer {
  const h = Buffer.alloc(19, 0xff);
  h.writeUInt16BE(19 + bodyLen, 16);
  h[18] = 2;
  return h;
}

/** IPv4 /32s in the NLRI field of as few 4096-byte UPDATEs as possible. */
export function ipv4Stream(n: number): Buffer[] {
  const attrs = Buffer.from(ATTRS_V4, 'hex');
  const per = Math.floor((MAX - 19 - 4 - attrs.length) / 5);
  const out: Buffer[] = [];
  for (let i = 0; i < n; i += per) {
    const count = Math.min(per, n - i);
    const body = Buffer.alloc(4 + attrs.length + count * 5);
    body.writeUInt16BE(0, 0);
    body.writeUInt16BE(attrs.length, 2);
    attrs.copy(body, 4);
    let p = 4 + attrs.length;
    for (let k = 0; k < count; k++) {
      const a = 0x0a000000 + i + k;
      body[p++] = 32;
      body.writeUInt32BE(a >>> 0, p);
      p += 4;
    }
    out.push(Buffer.concat([header(body.length), body]));
  }
  return out;
}

/** UPDATEs whose MP_REACH (extended length) holds `per` NLRI made by `nlri(i)`. */
function mpStream(
  n: number,
  afi: number,
  safi: number,
  nextHop: Buffer,
  nlriBytes: number,
  nlri: (i: number, b: Buffer, p: number) => void,
): Buffer[] {
  const base = Buffer.from(ATTRS_BASE, 'hex');
  const mpHead = 5 + nextHop.length; // afi(2) safi(1) nhlen(1) nh reserved(1)
  const per = Math.floor((MAX - 19 - 4 - base.length - 4 - mpHead) / nlriBytes);
  const out: Buffer[] = [];
  for (let i = 0; i < n; i += per) {
    const count = Math.min(per, n - i);
    const mpLen = mpHead + count * nlriBytes;
    const body = Buffer.alloc(4 + base.length + 4 + mpLen);
    body.writeUInt16BE(0, 0);
    body.writeUInt16BE(base.length + 4 + mpLen, 2);
    base.copy(body, 4);
    let p = 4 + base.length;
    body[p++] = 0x90; // optional, extended length
    body[p++] = 14;
    body.writeUInt16BE(mpLen, p);
    p += 2;
    body.writeUInt16BE(afi, p);
    body[p + 2] = safi;
    body[p + 3] = nextHop.length;
    nextHop.copy(body, p + 4);
    p += 4 + nextHop.length;
    body[p++] = 0;
    for (let k = 0; k < count; k++, p += nlriBytes) nlri(i + k, body, p);
    out.push(Buffer.concat([header(body.length), body]));
  }
  return out;
}

export function ipv6Stream(n: number): Buffer[] {
  const nh = Buffer.from('20010db8000000000000000000000001', 'hex');
  return mpStream(n, 2, 1, nh, 17, (i, b, p) => {
    b[p] = 128;
    b.writeUInt32BE(0x20010db8, p + 1);
    b.writeUInt32BE(i >>> 0, p + 13);
  });
}

/** FlowSpec rules: destination 10.x.y.z/32, protocol =tcp, destination-port =80 (13 bytes + length). */
export function flowStream(n: number): Buffer[] {
  return mpStream(n, 1, 133, Buffer.alloc(0), 14, (i, b, p) => {
    b[p] = 13;
    b[p + 1] = 1; // destination prefix
    b[p + 2] = 32;
    b.writeUInt32BE((0x0a000000 + i) >>> 0, p + 3);
    b[p + 7] = 3; // ip protocol
    b[p + 8] = 0x81; // end-of-list, =, 1 byte
    b[p + 9] = 6;
    b[p + 10] = 5; // destination port
    b[p + 11] = 0x91; // end-of-list, =, 2 bytes
    b.writeUInt16BE(80, p + 12);
  });
}

/** The reference: step over every prefix of the IPv4 NLRI field without building anything. */
function rawWalkIpv4(stream: Buffer[]): number {
  let count = 0;
  for (const m of stream) {
    const attrLen = m.readUInt16BE(21);
    let p = 23 + attrLen;
    while (p < m.length) {
      p += 1 + ((m[p]! + 7) >>> 3);
      count++;
    }
  }
  return count;
}

const EXABGP_CONF = `neighbor 127.0.0.1 {
  router-id 10.0.0.2; local-address 127.0.0.1; local-as 65533; peer-as 65533;
  family { ipv4 unicast; }
}
`;

/**
 * ExaBGP 4.2 decoding `messages`: its `--decode` takes one message per run, so each message is
 * one run, and the time of a run decoding an empty UPDATE (start-up) is subtracted from each.
 * Undefined when exabgp is absent or fails.
 */
function exabgpDecode(messages: Buffer[]): { prefixes: number; seconds: number } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'bgpknife-bench-'));
  try {
    const conf = join(dir, 'decode.conf');
    writeFileSync(conf, EXABGP_CONF);
    const env = { ...process.env, exabgp_log_destination: 'stdout', exabgp_log_level: 'INFO' };
    const run = (m: Buffer) => {
      const t0 = performance.now();
      const r = spawnSync('exabgp', ['--decode', m.toString('hex').toUpperCase(), conf], {
        env,
        encoding: 'utf8',
        maxBuffer: 1 << 28,
        timeout: 120_000,
      });
      const seconds = (performance.now() - t0) / 1000;
      if (r.error || r.status !== 0) return undefined;
      return { seconds, prefixes: (r.stdout.match(/decoded update \d+ [0-9.]+\/\d+/g) ?? []).length };
    };
    const startup = run(Buffer.from(`${'ff'.repeat(16)}001702` + '00000000', 'hex'));
    if (!startup) return undefined;
    let prefixes = 0;
    let seconds = 0;
    for (const m of messages) {
      const r = run(m);
      if (!r || r.prefixes === 0) return undefined;
      prefixes += r.prefixes;
      seconds += Math.max(r.seconds - startup.seconds, 1e-6);
    }
    return { prefixes, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function countPrefixes(updates: Update[]): number {
  let n = 0;
  for (const u of updates) {
    n += u.nlri.length;
    for (const a of u.attributes) if (a.kind === 'mp-reach') n += a.nlri.length;
  }
  return n;
}

const RUNS = 3;

/** The best of RUNS timed runs (the least disturbed by other work on the machine). */
function time<T>(fn: () => T): { value: T; seconds: number } {
  let best = Number.POSITIVE_INFINITY;
  let value!: T;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    value = fn();
    best = Math.min(best, (performance.now() - t0) / 1000);
  }
  return { value, seconds: best };
}

export interface CodecRow {
  readonly name: string;
  readonly prefixes: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export function runCodec(n: number, print: (s: string) => void = (s) => process.stdout.write(s)): CodecRow[] {
  const rows: CodecRow[] = [];
  const streams: [string, Buffer[]][] = [
    ['ipv4 unicast', ipv4Stream(n)],
    ['ipv6 unicast', ipv6Stream(n)],
    ['ipv4 flow', flowStream(Math.max(1, Math.floor(n / 10)))],
  ];
  for (const [name, stream] of streams) {
    const decodeAll = () => stream.map((m) => decodeUpdate(m.subarray(19), DEFAULT_CONTEXT));
    decodeAll(); // warm-up
    const d = time(decodeAll);
    const prefixes = countPrefixes(d.value);
    rows.push({ name: `decode ${name}`, prefixes, seconds: d.seconds, perSecond: prefixes / d.seconds });
    const encodeAll = () => d.value.map((u) => encodeUpdate(u, DEFAULT_CONTEXT));
    const check = encodeAll();
    for (let i = 0; i < stream.length; i++) {
      if (!check[i]!.equals(stream[i]!))
        throw new Error(`${name}: message ${i} does not re-encode to its bytes`);
    }
    const e = time(encodeAll);
    rows.push({ name: `encode ${name}`, prefixes, seconds: e.seconds, perSecond: prefixes / e.seconds });
    if (name === 'ipv4 unicast') {
      const x = exabgpDecode(stream.slice(0, Math.min(stream.length, 10)));
      if (x)
        rows.push({
          name: 'reference: exabgp 4.2 ipv4',
          prefixes: x.prefixes,
          seconds: x.seconds,
          perSecond: x.prefixes / x.seconds,
        });
      rawWalkIpv4(stream);
      const r = time(() => rawWalkIpv4(stream));
      rows.push({
        name: 'reference: raw walk ipv4',
        prefixes: r.value,
        seconds: r.seconds,
        perSecond: r.value / r.seconds,
      });
    }
  }
  const exa = rows.find((r) => r.name === 'reference: exabgp 4.2 ipv4')?.perSecond;
  print(`codec benchmark, N = ${n} (one core, node ${process.version})\n`);
  print(
    `${'case'.padEnd(28)} ${'prefixes'.padStart(10)} ${'seconds'.padStart(8)} ${'prefixes/s'.padStart(12)} ${'x exabgp'.padStart(9)}\n`,
  );
  for (const r of rows) {
    const ratio = exa ? (r.perSecond / exa).toFixed(1) : 'n/a';
    print(
      `${r.name.padEnd(28)} ${String(r.prefixes).padStart(10)} ${r.seconds.toFixed(3).padStart(8)} ${Math.round(r.perSecond).toLocaleString('en').padStart(12)} ${ratio.padStart(9)}\n`,
    );
  }
  if (!exa) print('(exabgp not found or failed: no ExaBGP reference in this run)\n');
  return rows;
}
