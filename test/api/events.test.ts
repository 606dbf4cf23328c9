/**
 * Events: for every raw UPDATE of the corpus (main/api raw: lines and the 5.0.13 encoding
 * .msg files), the JSON event a helper receives equals what `bgpknife decode` prints, apart from
 * the per-run fields (time, host, pid, ppid, counter) and the neighbor block (decode has no
 * session; ExaBGP's live events say direction "receive" where decode says "in"). Text events
 * are checked against lines written by hand from ExaBGP's text.py.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { eventValue } from '../../src/api/events/json.js';
import { eventText } from '../../src/api/events/text.js';
import { DEFAULT_CONTEXT } from '../../src/wire/context.js';
import { decodeMessage } from '../../src/wire/message/registry.js';
import { runCli } from '../support/cli.js';
import { corpusPath } from '../support/corpus.js';

const NEIGHBOR = { localAddress: '127.0.0.1', peerAddress: '127.0.0.1', localAs: 1, peerAs: 1 };
const STAMP = { timeSeconds: 0, host: 'h', pid: 1, ppid: 1, counter: 1 };

function corpusUpdates(): string[] {
  const out = new Set<string>();
  const api = corpusPath('exabgp', 'main', 'api');
  const enc = corpusPath('exabgp', '5.0.13', 'encoding');
  for (const [dir, ext] of [
    [api, '.ci'],
    [enc, '.msg'],
  ] as const) {
    if (!dir) continue;
    for (const f of readdirSync(dir).filter((x) => x.endsWith(ext))) {
      for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
        const m = /^[A-Z]?\d+:raw:(.*)$/.exec(line.trim());
        if (!m || line.includes('#')) continue;
        const hex = m[1]!.replace(/[:\s]/g, '').toUpperCase();
        if (hex.length >= 46 && hex.slice(36, 38) === '02') out.add(hex);
      }
    }
  }
  return [...out];
}

/** Drop what differs per run or per session. */
function comparable(doc: Record<string, unknown>): unknown {
  const { exabgp: _e, time: _t, host: _h, pid: _p, ppid: _pp, counter: _c, neighbor, ...rest } = doc;
  const {
    address: _a,
    asn: _s,
    'router-id': _r,
    direction: _d,
    ...content
  } = neighbor as Record<string, unknown>;
  return { ...rest, neighbor: content };
}

describe('API JSON events equal bgpknife decode', () => {
  it('for every raw UPDATE of the corpus', async () => {
    const updates = corpusUpdates();
    if (updates.length === 0) return;
    let same = 0;
    const differ: string[] = [];
    for (const hex of updates) {
      const raw = Buffer.from(hex, 'hex');
      let message: ReturnType<typeof decodeMessage>;
      try {
        message = decodeMessage({ type: 2, body: raw.subarray(19), raw }, DEFAULT_CONTEXT);
      } catch {
        continue; // malformed on purpose: the session answers with a NOTIFICATION, no event
      }
      const event = eventValue({ kind: 'message', direction: 'receive', message }, NEIGHBOR, STAMP, '5.0');
      const decoded = await runCli(['decode', hex]);
      if (decoded.status !== 0) continue;
      const want = JSON.parse(decoded.out.trim().split('\n')[0]!);
      const got = JSON.parse(JSON.stringify(event, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
      if (JSON.stringify(comparable(got)) === JSON.stringify(comparable(want))) same++;
      else differ.push(hex);
    }
    process.stdout.write(`# events: ${same} of ${same + differ.length} corpus UPDATEs give decode's JSON\n`);
    assert.deepEqual(differ, []);
    assert.ok(same > 100);
  });
});

describe('API text events (ExaBGP text.py)', () => {
  const update = (hex: string) => {
    const raw = Buffer.from(`${'FF'.repeat(16)}${hex}`, 'hex');
    return decodeMessage({ type: 2, body: raw.subarray(19), raw }, DEFAULT_CONTEXT);
  };

  it('an announcement: start, one line per route with its attributes, end', () => {
    // ORIGIN igp, AS_PATH empty, NEXT_HOP 1.2.3.4, LOCAL_PREF 100; NLRI 10.0.0.0/8.
    const m = update('002E0200000015400101004002004003040102030440050400000064080A');
    assert.equal(
      eventText({ kind: 'message', direction: 'receive', message: m }, '192.0.2.1'),
      [
        'neighbor 192.0.2.1 receive update start',
        'neighbor 192.0.2.1 receive update announced 10.0.0.0/8 next-hop 1.2.3.4 origin igp as-path [ ] local-preference 100',
        'neighbor 192.0.2.1 receive update end',
      ].join('\n'),
    );
  });

  it('a withdrawal and state lines', () => {
    const m = update('001B0200040A0A0A000000'.replace('0A0A0A00', '180A0A0A'));
    assert.match(
      String(eventText({ kind: 'message', direction: 'receive', message: m }, '192.0.2.1')),
      /withdrawn 10\.10\.10\.0\/24/,
    );
    assert.equal(eventText({ kind: 'up' }, '192.0.2.1'), 'neighbor 192.0.2.1 up');
    assert.equal(eventText({ kind: 'connected' }, '192.0.2.1'), 'neighbor 192.0.2.1 connected');
  });
});
