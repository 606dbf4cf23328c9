/**
 * Text a peer controls — the hostname and software-version capabilities, the RFC 9003
 * shutdown communication, unknown attributes, AS_SETs — can hold any bytes: quotes,
 * backslashes, newlines, NUL, invalid UTF-8, bidi controls. Whatever it holds, every JSON
 * event parses (and carries the text back unchanged), every text event stays on lines of its
 * own neighbor, a log line stays one line, and `bgpknife decode`'s JSON parses.
 * The messages are built here byte by byte (test/support/scripted-peer.ts builders).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { eventJsonLine } from '../../src/api/events/json.js';
import { decodeToJson } from '../../src/cli/decode.js';
import { formatLine } from '../../src/daemon/log.js';
import { negotiate } from '../../src/fsm/negotiate.js';
import { DEFAULT_CONTEXT } from '../../src/wire/context.js';
import { NotifyError } from '../../src/wire/error.js';
import { Framer } from '../../src/wire/frame.js';
import { stringifyJson } from '../../src/wire/json.js';
import { decodeMessage } from '../../src/wire/message/registry.js';
import type { Message } from '../../src/wire/message/types.js';
import { checkEventOutputs } from '../support/fuzz/wire-target.js';
import { attribute, baseAttributes, bgpMessage, prefixes, updateMessage } from '../support/scripted-peer.js';

const RUNS = 300;
const NEIGHBOR = { localAddress: '192.0.2.1', peerAddress: '192.0.2.2', localAs: 65000, peerAs: 65001 };
const STAMP = { timeSeconds: 1, host: 'h', pid: 1, ppid: 0 };

/** Hostile text: any code points (lone surrogates included), control characters, or raw bytes. */
const hostileBytes = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => Buffer.from(s, 'utf8')),
  fc
    .array(
      fc.constantFrom(
        '\n',
        '\r',
        '\0',
        '"',
        '\\',
        '\u2028',
        '\u202e',
        '\x1b[31m',
        '}',
        ' neighbor 1.1.1.1 up',
      ),
      { maxLength: 8 },
    )
    .map((l) => Buffer.from(l.join(''), 'utf8')),
  fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a)),
);

function decode(bytes: Buffer): Message | undefined {
  try {
    const f = new Framer(true).push(bytes)[0];
    return f ? decodeMessage(f, DEFAULT_CONTEXT) : undefined;
  } catch (e) {
    if (e instanceof NotifyError) return undefined;
    throw e;
  }
}

function capability(code: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([code, value.length]), value]);
}

function openWith(caps: Buffer): Buffer {
  const params = Buffer.concat([Buffer.from([2, caps.length]), caps]);
  return bgpMessage(
    1,
    Buffer.concat([Buffer.from([4, 0xfd, 0xe9, 0, 90, 10, 0, 0, 2, params.length]), params]),
  );
}

const LOCAL = decode(openWith(capability(1, Buffer.from([0, 1, 0, 1]))))!;

/** `bgpknife decode HEX` JSON for these bytes, as text, parsed back. */
function cliDecodes(bytes: Buffer): void {
  let out: unknown[] = [];
  try {
    out = decodeToJson({ pathInformation: false, dialect: '5.0', hex: bytes.toString('hex'), files: [] });
  } catch (e) {
    if (e instanceof NotifyError) return;
    throw e;
  }
  for (const o of out) JSON.parse(stringifyJson(o as never));
}

describe('peer-controlled text never breaks events, logs or the CLI', () => {
  it('hostname, domain name and software version capabilities', () => {
    fc.assert(
      fc.property(hostileBytes, hostileBytes, hostileBytes, (host, domain, version) => {
        const h = Buffer.concat([Buffer.from([host.length]), host, Buffer.from([domain.length]), domain]);
        const v = Buffer.concat([Buffer.from([version.length]), version]);
        const raw = openWith(Buffer.concat([capability(73, h), capability(75, v)]));
        const m = decode(raw);
        if (m?.kind !== 'open' || LOCAL.kind !== 'open') return;
        checkEventOutputs({ kind: 'message', direction: 'receive', message: m, raw });
        const negotiated = negotiate(LOCAL, m);
        checkEventOutputs({ kind: 'negotiated', negotiated });
        // The decoded hostname comes back from the JSON unchanged.
        const line = eventJsonLine(
          { kind: 'message', direction: 'receive', message: m },
          NEIGHBOR,
          STAMP,
          '5.0',
        );
        const cap = m.parameters.flat().find((c) => c.kind === 'hostname');
        if (line && cap?.kind === 'hostname')
          assert.ok(JSON.stringify(JSON.parse(line)).includes(JSON.stringify(cap.hostName)));
        cliDecodes(raw);
      }),
      { numRuns: RUNS },
    );
  });

  it('shutdown communication (Cease 6/2 and 6/4) and other NOTIFICATION data', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 3), hostileBytes, fc.boolean(), (subcode, text, honest) => {
        const len = honest ? text.length : (text.length + 7) & 255;
        const raw = bgpMessage(3, Buffer.concat([Buffer.from([6, subcode, len]), text]));
        const m = decode(raw);
        if (!m) return;
        checkEventOutputs({ kind: 'message', direction: 'receive', message: m, raw });
        checkEventOutputs({ kind: 'down', reason: `notification received ${text.toString('utf8')}` });
        cliDecodes(raw);
      }),
      { numRuns: RUNS },
    );
  });

  it('unknown attributes and AS_SETs in an UPDATE', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 254 }),
        hostileBytes,
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 10 }),
        (code, value, set) => {
          const asSet = Buffer.alloc(2 + 4 * set.length);
          asSet[0] = 1; // AS_SET
          asSet[1] = set.length;
          for (const [i, asn] of set.entries()) asSet.writeUInt32BE(asn, 2 + 4 * i);
          const attrs = Buffer.concat([
            attribute(0x40, 1, Buffer.from([0])),
            attribute(0x40, 2, asSet),
            baseAttributes(65001).subarray(-7),
            attribute(0xc0, code, value),
          ]);
          const raw = updateMessage(Buffer.alloc(0), attrs, prefixes(['10.0.0.0/8']));
          const m = decode(raw);
          assert.ok(m, 'an unknown optional transitive attribute is kept, not an error');
          checkEventOutputs({ kind: 'message', direction: 'receive', message: m, raw });
          cliDecodes(raw);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a log line with peer text stays one line (text) and parses (JSON)', () => {
    const now = () => new Date(0);
    fc.assert(
      fc.property(hostileBytes, hostileBytes, (message, field) => {
        const e = {
          level: 'warning' as const,
          source: 'peer',
          message: `192.0.2.2 down: ${message.toString('utf8')}`,
          fields: { reason: field.toString('utf8') },
        };
        const text = formatLine({ json: false, now }, e);
        assert.ok(!/[\n\r\u2028\u2029\u0000\u001b]/.test(text), text);
        const json = formatLine({ json: true, now }, e);
        assert.ok(!json.includes('\n'));
        assert.equal(JSON.parse(json).message, e.message);
      }),
      { numRuns: RUNS },
    );
  });
});
