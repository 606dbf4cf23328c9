/**
 * FlowSpec NLRI against ExaBGP's corpus: the decoding vectors (JSON as ExaBGP 5.0.13 prints
 * it), and every FlowSpec NLRI ExaBGP sent in its encoding and API tests (byte-for-byte
 * re-encoding, and the text its '# flow ...' comments describe).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Reader, SHORT_NLRI } from '../../../../src/wire/buf/reader.js';
import { Writer } from '../../../../src/wire/buf/writer.js';
import { FLOW_CODEC } from '../../../../src/wire/nlri/flowspec/codec.js';
import type { FlowNlri } from '../../../../src/wire/nlri/flowspec/components.js';
import { flowJson, flowText } from '../../../../src/wire/nlri/flowspec/json.js';
import { corpusPath } from '../../../support/corpus.js';
import { hexBytes, type MpPart, mpParts, nextHopText } from './update-parts.js';

const FLOW_SAFIS = new Set([133, 134]);

/** Decode every NLRI of one MP part with the codec under test. */
function decodeAll(part: MpPart): FlowNlri[] {
  const r = Reader.of(part.nlri, SHORT_NLRI);
  const out: FlowNlri[] = [];
  while (!r.done) out.push(FLOW_CODEC.decode(r, { afi: part.afi, safi: part.safi }, undefined));
  return out;
}

function encodeAll(list: readonly FlowNlri[]): Buffer {
  const w = new Writer();
  for (const n of list) FLOW_CODEC.encode(w, n);
  return w.toBuffer();
}

/** Every raw message line (with its preceding '# ' comments) of a corpus file. */
function rawLines(file: string): { hex: string; comments: string[] }[] {
  const out: { hex: string; comments: string[] }[] = [];
  let comments: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('#')) comments.push(line.slice(1).trim());
    else if (/^[A-Z]?\d+:raw:/.test(line)) {
      out.push({ hex: line.slice(line.indexOf(':raw:') + 5), comments });
      comments = [];
    } else if (line.trim() === '') comments = [];
  }
  return out;
}

describe('FlowSpec: ExaBGP 5.0.13 decoding vectors', () => {
  const dir = corpusPath('exabgp', '5.0.13', 'decoding');
  for (const name of ['bgp-flow-1', 'bgp-flow-2', 'bgp-flow-3', 'bgp-flow-4']) {
    it(`${name} decodes to ExaBGP's JSON and re-encodes byte for byte`, (t) => {
      if (!dir) return t.skip('corpus missing');
      const [head = '', hex = '', json = ''] = readFileSync(join(dir, name), 'utf8').split('\n');
      const familyName = head.split(' ').slice(1).join(' ');
      const update = JSON.parse(json).neighbor.message.update;
      const parts = mpParts(hexBytes(hex)).filter((p) => FLOW_SAFIS.has(p.safi));
      assert.equal(parts.length, 1);
      const part = parts[0]!;
      const decoded = decodeAll(part);
      const nh = nextHopText(part.nextHop);
      const expected = update.announce[familyName][nh ?? 'no-nexthop'];
      assert.deepEqual(
        decoded.map((n) => flowJson(n, nh)),
        expected,
      );
      assert.equal(encodeAll(decoded).toString('hex'), part.nlri.toString('hex'));
    });
  }
});

/** Corpus files with FlowSpec UPDATEs: 5.0.13 encoding tests and main API tests. */
function flowFiles(): string[] {
  const files: string[] = [];
  const enc = corpusPath('exabgp', '5.0.13', 'encoding');
  if (enc) for (const f of readdirSync(enc)) if (/^conf-flow.*\.msg$/.test(f)) files.push(join(enc, f));
  const api = corpusPath('exabgp', 'main', 'api');
  if (api) for (const f of readdirSync(api)) if (/^api-.*flow.*\.ci$/.test(f)) files.push(join(api, f));
  return files;
}

describe('FlowSpec: every NLRI in the ExaBGP corpus re-encodes byte for byte', () => {
  const files = flowFiles();
  it('finds the corpus files', (t) => {
    if (files.length === 0) return t.skip('corpus missing');
    assert.ok(files.length >= 5, files.join(', '));
  });
  for (const file of files) {
    it(file.split('/').slice(-2).join('/'), () => {
      let count = 0;
      for (const { hex } of rawLines(file)) {
        for (const part of mpParts(hexBytes(hex))) {
          if (!FLOW_SAFIS.has(part.safi) || part.nlri.length === 0) continue;
          const decoded = decodeAll(part);
          assert.equal(encodeAll(decoded).toString('hex'), part.nlri.toString('hex'), hex);
          for (const n of decoded) {
            assert.deepEqual(JSON.parse(JSON.stringify(flowJson(n))), flowJson(n));
            const again = FLOW_CODEC.decode(
              Reader.of(encodeAll([n])),
              { afi: part.afi, safi: part.safi },
              undefined,
            );
            assert.deepEqual(again, n);
          }
          count += decoded.length;
        }
      }
      assert.ok(count > 0, 'no FlowSpec NLRI found');
    });
  }
});

// What conf-flow.msg's comments describe, as ExaBGP prints the NLRI (the comments use the
// configuration's spelling, "=TCP", and no brackets; the next test compares loosely).
const CONF_FLOW_TEXT: readonly string[] = [
  'flow source-ipv4 10.0.0.1/32 rd 65535:65536',
  'flow source-ipv4 10.0.0.2/32 next-hop 1.2.3.4',
  'flow destination-ipv4 10.0.0.2/32 source-ipv4 10.0.0.1/32 protocol =tcp destination-port =3128',
  'flow fragment last-fragment',
  'flow source-ipv4 10.0.0.0/24 protocol =tcp destination-port =3128',
  // RFC 5952 §4.2.2 (and glibc's inet_ntop, which ExaBGP uses): one zero field stays '0'.
  'flow destination-ipv6 2a02:b80:15:0:7aca:39ff:feae:a87a/128/0 source-ipv6 ::1/128/120 next-header =udp traffic-class =101 flow-label =2013',
  'flow packet-length [ >200&<300 >400&<500 ]',
  'flow source-ipv4 10.0.0.3/32 rd 65535:65536 next-hop 5.6.7.8',
  'flow destination-ipv4 192.168.0.1/32 next-hop 1.2.3.4',
  'flow destination-ipv4 192.168.0.1/32 source-ipv4 10.0.0.2/32 protocol [ =udp =tcp ] port [ =80 =8080 ] destination-port [ >8080&<8088 =3128 ] source-port >1024',
  'flow destination-ipv4 192.168.0.1/32 source-ipv4 10.0.0.9/32 protocol [ =udp =tcp ] port [ =80 =8080 ] destination-port [ >8080&<8088 =3128 ] source-port >1024',
  'flow destination-ipv4 192.168.0.1/32 source-ipv4 10.0.0.10/32 protocol !=tcp port !=0 destination-port !=443 source-port [ !=80 !=8080 ]',
  'flow destination-ipv4 10.0.0.2/32 source-ipv4 10.0.0.1/32 protocol =tcp destination-port =3128 tcp-flags [ syn rst&fin&!=push ]',
];

describe('FlowSpec: conf-flow.msg rules read as their comments say', () => {
  it('prints each announced rule as ExaBGP does', (t) => {
    const enc = corpusPath('exabgp', '5.0.13', 'encoding', 'conf-flow.msg');
    if (!enc) return t.skip('corpus missing');
    const texts: string[] = [];
    for (const { hex } of rawLines(enc)) {
      for (const part of mpParts(hexBytes(hex))) {
        if (!part.reach || part.nlri.length === 0) continue;
        for (const n of decodeAll(part)) texts.push(flowText(n, nextHopText(part.nextHop)));
      }
    }
    assert.deepEqual(texts, CONF_FLOW_TEXT);
  });

  it('matches the rule each comment names, ignoring case, brackets and attributes', (t) => {
    const enc = corpusPath('exabgp', '5.0.13', 'encoding', 'conf-flow.msg');
    if (!enc) return t.skip('corpus missing');
    const plain = (x: string) =>
      x
        .toLowerCase()
        .replace(/\[ | \]/g, '')
        .replace('2a02:b80:15::', '2a02:b80:15:0:');
    let matched = 0;
    for (const { hex, comments } of rawLines(enc)) {
      const comment = comments.find((c) => c.startsWith('flow '));
      if (!comment) continue;
      for (const part of mpParts(hexBytes(hex))) {
        if (!part.reach) continue;
        for (const n of decodeAll(part)) {
          const rule = plain(flowText(n)).slice('flow '.length).split(' rd ')[0]!;
          if (plain(comment).includes(rule)) {
            matched++;
            continue;
          }
          // Comments that list components in configuration order, name another operator, or (the
          // redirect 65500:12345 rule) another source than the configuration's 10.0.0.9.
          const other = [
            'route-distinguisher',
            'fragment =last',
            'source-ipv4 10.0.0.1/32 destination-ipv4',
            'redirect 65500:12345',
          ];
          assert.ok(
            other.some((o) => comment.includes(o)),
            `${comment} vs ${rule}`,
          );
        }
      }
    }
    assert.ok(matched >= 9, `${matched} comments matched`);
  });
});

describe('FlowSpec: API tests, JSON of each raw message (ExaBGP 6.0 dialect, same flow objects)', () => {
  const api = corpusPath('exabgp', 'main', 'api');
  const files = api ? readdirSync(api).filter((f) => /^api-.*flow.*\.ci$/.test(f)) : [];
  for (const f of files) {
    it(f, () => {
      let compared = 0;
      let raw: Buffer | undefined;
      for (const line of readFileSync(join(api!, f), 'utf8').split('\n')) {
        const kind = /^[A-Z]?\d+:(raw|json):/.exec(line)?.[1];
        if (kind === 'raw') raw = hexBytes(line.slice(line.indexOf(':raw:') + 5));
        if (kind !== 'json' || !raw) continue;
        const update = JSON.parse(line.slice(line.indexOf(':json:') + 6)).neighbor.message.update ?? {};
        for (const part of mpParts(raw)) {
          if (!FLOW_SAFIS.has(part.safi) || part.nlri.length === 0) continue;
          const name = `${part.afi === 2 ? 'ipv6' : 'ipv4'} ${part.safi === 134 ? 'flow-vpn' : 'flow'}`;
          const nh = nextHopText(part.nextHop);
          const expected = part.reach
            ? update.announce?.[name]?.[nh ?? 'no-nexthop']
            : update.withdraw?.[name];
          assert.deepEqual(
            decodeAll(part).map((n) => flowJson(n, part.reach ? nh : undefined)),
            expected,
          );
          compared++;
        }
      }
      assert.ok(compared > 0);
    });
  }
});
