/**
 * Every raw UPDATE of ExaBGP's corpus (5.0.13 encoding/*.msg and main api/*.ci), with the
 * codec context its session had. The context comes from the test's configuration (the corpus
 * has no OPEN messages): ADD-PATH families and 4-octet AS as the named .conf negotiates them
 * with a peer that echoes the OPEN.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CodecContext, makeContext } from '../../../src/wire/context.js';
import { type FamilyKey, familyKey, IPV4_UNICAST, IPV6_UNICAST } from '../../../src/wire/nlri/family.js';
import { cleanHex, corpusPath } from '../../support/corpus.js';

export interface CorpusUpdate {
  /** "5.0.13/encoding/conf-addpath.msg:3" */
  readonly where: string;
  /** The whole message, header included. */
  readonly raw: Buffer;
  readonly ctx: CodecContext;
  /** The ExaBGP 6.0 JSON line that followed it (main/api only), if any. */
  readonly json?: string;
}

const IPV4_MPLS_VPN = familyKey(1, 128);

/** Read from each test's .conf: `capability { add-path send/receive; }` and its `add-path` block. */
const ADD_PATH: Readonly<Record<string, readonly FamilyKey[]>> = {
  'conf-addpath': [IPV4_UNICAST, IPV4_MPLS_VPN],
  'api-attributes-path': [IPV4_UNICAST, IPV6_UNICAST],
  'api-open': [IPV4_UNICAST],
  'conf-path-information': [IPV4_UNICAST],
};
/** Configurations with `asn4 disable`. */
const NO_ASN4 = new Set(['conf-no-asn4']);

export function contextFor(test: string): CodecContext {
  return makeContext({ addPath: new Set(ADD_PATH[test] ?? []), asn4: !NO_ASN4.has(test) });
}

const RAW_LINE = /^[A-Z]?\d+:raw:(.*)$/;
const JSON_LINE = /^[A-Z]?\d+:json:(.*)$/;

function readFile(dir: string, label: string, file: string, out: CorpusUpdate[]): void {
  const test = file.replace(/\.(msg|ci)$/, '');
  const ctx = contextFor(test);
  const lines = readFileSync(join(dir, file), 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('#')) continue;
    const m = RAW_LINE.exec(line.trim());
    if (!m) continue;
    const raw = Buffer.from(cleanHex(m[1]!), 'hex');
    if (raw[18] !== 2) continue;
    const next = JSON_LINE.exec((lines[i + 1] ?? '').trim());
    const where = `${label}/${file}:${i + 1}`;
    out.push(next ? { where, raw, ctx, json: next[1]! } : { where, raw, ctx });
  }
}

/** All corpus UPDATEs; empty (after a notice from corpusPath) when the corpus is missing. */
export function corpusUpdates(): CorpusUpdate[] {
  const out: CorpusUpdate[] = [];
  const encoding = corpusPath('exabgp', '5.0.13', 'encoding');
  if (encoding) {
    for (const f of readdirSync(encoding).sort()) {
      if (f.endsWith('.msg')) readFile(encoding, '5.0.13/encoding', f, out);
    }
  }
  const api = corpusPath('exabgp', 'main', 'api');
  if (api) {
    for (const f of readdirSync(api).sort()) if (f.endsWith('.ci')) readFile(api, 'main/api', f, out);
  }
  return out;
}
