/**
 * Every `raw:` line of ExaBGP's encoding corpus (5.0.13/encoding/*.msg, main/api/*.ci), whatever
 * its message type: it decodes through the message registry without error and re-encodes to
 * the identical bytes.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_EXTENDED_MESSAGE_BYTES } from '../../src/wire/context.js';
import { checkHeader, HEADER_BYTES } from '../../src/wire/frame.js';
import { MESSAGE_TYPE_NAMES } from '../../src/wire/iana/message-type.js';
import { decodeMessage, encodeMessage } from '../../src/wire/message/registry.js';
import { cleanHex, corpusPath } from '../support/corpus.js';
import { contextFor } from '../wire/message/corpus-updates.js';

const RAW = /^[A-Z]?\d+:raw:(.*)$/;

describe('conformance: every raw message of the encoding corpus round-trips', () => {
  const dirs = [corpusPath('exabgp', '5.0.13', 'encoding'), corpusPath('exabgp', 'main', 'api')];
  it('decodes and re-encodes byte for byte', () => {
    const byType = new Map<number, number>();
    for (const dir of dirs) {
      if (!dir) continue;
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.msg') || f.endsWith('.ci'))) {
        const ctx = contextFor(file.replace(/\.(msg|ci)$/, ''));
        const lines = readFileSync(join(dir, file), 'utf8').split('\n');
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i]!;
          const m = RAW.exec(line.trim());
          if (!m || line.includes('#')) continue;
          const raw = Buffer.from(cleanHex(m[1]!), 'hex');
          const where: string = `${file}:${i + 1}`;
          checkHeader(raw, 0, MAX_EXTENDED_MESSAGE_BYTES);
          const msg = decodeMessage({ type: raw[18]!, body: raw.subarray(HEADER_BYTES), raw }, ctx);
          assert.equal(encodeMessage(msg, ctx).toString('hex'), raw.toString('hex'), where);
          byType.set(raw[18]!, (byType.get(raw[18]!) ?? 0) + 1);
        }
      }
    }
    const summary = [...byType].map(([t, n]) => `${MESSAGE_TYPE_NAMES[t] ?? t}: ${n}`).join(', ');
    process.stdout.write(`# corpus raw messages round-tripped: ${summary}\n`);
    if (dirs.every(Boolean))
      assert.ok((byType.get(2) ?? 0) >= 500 && byType.has(1) && byType.has(3) && byType.has(5));
  });
});
