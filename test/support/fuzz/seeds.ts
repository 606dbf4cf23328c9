/**
 * Seeds for the fuzzer, read in place from ExaBGP's corpus (never copied): every raw message
 * of the decoding vectors and of the `raw:` lines of the API and encoding tests, every example
 * configuration, and every API command of the `cmd:` lines. A few OPENs carrying peer-chosen
 * text (hostname, software version, shutdown communication) are built here byte by byte.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanHex, corpusDir } from '../corpus.js';

function files(dir: string, ext: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => join(dir, f));
}

/** A message with its header around `body`. */
export function message(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(19, 0xff);
  head.writeUInt16BE(19 + body.length, 16);
  head[18] = type;
  return Buffer.concat([head, body]);
}

function capability(code: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([code, value.length]), value]);
}

/** OPENs with text a peer controls, built independently of the codec. */
export function handOpens(): Buffer[] {
  const name = Buffer.from('evil\n"host\u0000\\{}\u202e', 'utf8');
  const hostname = capability(
    73,
    Buffer.concat([Buffer.from([name.length]), name, Buffer.from([3]), Buffer.from('a"b')]),
  );
  const version = Buffer.from('bird\r\nneighbor 1.2.3.4 up', 'utf8');
  const software = capability(75, Buffer.concat([Buffer.from([version.length]), version]));
  const mp = capability(1, Buffer.from([0, 1, 0, 1]));
  const asn4 = capability(65, Buffer.from([0, 0, 0xfd, 0xe8]));
  const addPath = capability(69, Buffer.from([0, 1, 1, 3, 0, 2, 1, 3]));
  const gr = capability(64, Buffer.from([0x80, 0x78, 0, 1, 1, 0x80]));
  const unknown = capability(200, Buffer.from('\u0000\n"x'));
  const caps = Buffer.concat([mp, asn4, addPath, gr, hostname, software, unknown]);
  const params = Buffer.concat([Buffer.from([2, caps.length]), caps]);
  const body = Buffer.concat([Buffer.from([4, 0xfd, 0xe8, 0, 90, 10, 0, 0, 1, params.length]), params]);
  const text = Buffer.from('shutdown "now"\n\u0000neighbor 1.1.1.1 down', 'utf8');
  const shutdown = Buffer.concat([Buffer.from([6, 2, text.length]), text]);
  return [message(1, body), message(3, shutdown), message(4, Buffer.alloc(0))];
}

/** Whole messages (with header) from the corpus and the hand-built OPENs. */
export function wireSeeds(): Buffer[] {
  const root = corpusDir();
  const out = handOpens();
  for (const f of files(join(root, 'exabgp', '5.0.13', 'decoding'), /./)) {
    const [kind = '', hex = ''] = readFileSync(f, 'utf8').split('\n');
    const bytes = Buffer.from(cleanHex(hex), 'hex');
    if (cleanHex(hex).startsWith('F'.repeat(32))) out.push(bytes);
    else if (kind.startsWith('update')) out.push(message(2, bytes));
    else if (kind.startsWith('open')) out.push(message(1, bytes));
  }
  const rawDirs = [join(root, 'exabgp', 'main', 'api'), join(root, 'exabgp', '5.0.13', 'encoding')];
  const seen = new Set<string>();
  for (const f of rawDirs.flatMap((d) => files(d, /\.(ci|msg)$/))) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const m = /^\d+:raw:(.*)$/.exec(line.trim());
      if (!m || seen.has(m[1]!)) continue;
      seen.add(m[1]!);
      out.push(Buffer.from(cleanHex(m[1]!), 'hex'));
    }
  }
  return out;
}

/** Every example configuration of the corpus. */
export function configSeeds(): Buffer[] {
  const root = corpusDir();
  const dirs = [join(root, 'exabgp', '5.0.13', 'conf'), join(root, 'seeds')];
  return dirs.flatMap((d) => files(d, /\.conf$/)).map((f) => readFileSync(f));
}

/** Every distinct API command of the corpus's `cmd:` lines. */
export function commandSeeds(): Buffer[] {
  const root = corpusDir();
  const dirs = [join(root, 'exabgp', 'main', 'api'), join(root, 'exabgp', '5.0.13', 'encoding')];
  const seen = new Set<string>();
  for (const f of dirs.flatMap((d) => files(d, /\.(ci|msg)$/))) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      const m = /^\d+:cmd:(.*)$/.exec(line.trim());
      if (m) seen.add(m[1]!);
    }
  }
  return [...seen].map((s) => Buffer.from(s, 'utf8'));
}
