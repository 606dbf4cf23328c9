/**
 * The fast path of `announce route PREFIX ATTRIBUTES` (command/parse/fast-route.ts) gives the
 * same commands as the full parser: each line is parsed twice, once by a parser that has seen
 * its attribute text before (fast path) and once by a fresh one (full path), and the results
 * must be deep-equal; lines the fast path must not take still get the full parser's errors.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { createInterner } from '../../../src/command/lower/attributes.js';
import { parsePrefix } from '../../../src/command/lower/nlri.js';
import { fastBulk, fastRoute } from '../../../src/command/parse/fast-route.js';
import { parseCommand } from '../../../src/command/parse/index.js';
import { IPV6_UNICAST as V6U } from '../../../src/wire/nlri/family.js';
import { formatIPv6 } from '../../../src/wire/nlri/prefix.js';
import { ipv6Spelling, ipv6Text } from '../../wire/ipv6-text.js';

const TEXTS = [
  'next-hop 192.0.2.1',
  'next-hop 192.0.2.1 origin igp med 7 local-preference 200 community [ 65000:1 65000:2 ]',
  'next-hop self as-path [ 65000 65001 ] large-community [ 1:2:3 ]',
  'next-hop 2001:db8::1 extended-community [ target:65000:1 ]',
  'rd 65000:1 label 100 next-hop 192.0.2.1',
  'label [ 100 200 ] next-hop 192.0.2.1',
  'path-information 0.0.0.7 next-hop 192.0.2.1',
  'next-hop 192.0.2.1 split /26',
  'next-hop 192.0.2.1 watchdog dog withdraw',
];
const PREFIXES = [
  '10.0.0.0/24',
  '10.1.2.3/32',
  '10.9.8.0/23',
  '2001:db8:1::/64',
  '2001:db8::5/128',
  '0.0.0.0/0',
];

describe('announce route fast path', () => {
  it('gives the same routes as the full parser for every attribute text, prefix and action', () => {
    let fast = 0;
    for (const first of ['withdraw', 'announce']) {
      // The text is learnt from one action and used for both.
      const warm = createInterner();
      for (const text of ['', ...TEXTS]) {
        parseCommand(`${first} route 10.255.0.0/24 ${text}`.trim(), warm);
        for (const action of ['announce', 'withdraw']) {
          for (const prefix of PREFIXES) {
            const line = `${action} route ${prefix} ${text}`.trim();
            const full = parseCommand(line, createInterner());
            if (fastRoute(line, warm)) fast++;
            assert.deepEqual(parseCommand(line, warm), full, line);
          }
        }
      }
    }
    assert.ok(fast > 80, `the fast path was taken (${fast} times)`);
  });

  it('IPv4 prefixes in any spelling (leading zeros, host bits, no length, out of range) parse as the full parser does', () => {
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map(String),
      fc.integer({ min: 0, max: 99 }).map((n) => `0${n}`),
      fc.constantFrom('256', '999', '', 'x'),
    );
    const length = fc.oneof(
      fc.integer({ min: 0, max: 32 }).map((n) => `/${n}`),
      fc.constantFrom('', '/', '/33', '/08', '/00', '/100', '/x'),
    );
    const warm = createInterner();
    const text = 'next-hop 192.0.2.1 origin igp';
    parseCommand(`announce route 10.0.0.0/8 ${text}`, warm);
    fc.assert(
      fc.property(fc.array(octet, { minLength: 3, maxLength: 5 }), length, (octets, len) => {
        const line = `announce route ${octets.join('.')}${len} ${text}`;
        assert.deepEqual(parseCommand(line, warm), parseCommand(line, createInterner()), line);
      }),
      { numRuns: 2000 },
    );
    assert.ok(fastRoute(`announce route 10.1.2.3/24 ${text}`, warm), 'the fast path takes a plain prefix');
  });

  it('announce|withdraw attributes ... nlri P1 P2 ... gives the routes of the full parser', () => {
    const prefix = fc.oneof(
      fc
        .tuple(
          fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
          fc.integer({ min: 0, max: 32 }),
        )
        .map(([o, l]) => `${o.join('.')}/${l}`),
      ipv6Text.map((a) => `${a}/64`),
      ipv6Spelling.map((a) => `${a}/128`),
      fc.constantFrom('10.0.0.1', '010.0.0.0/8', '2001:db8::/32', '2001:db8::1', '10.0.0.0/33', 'x', ''),
    );
    const warm = createInterner();
    let fast = 0;
    for (const text of TEXTS) parseCommand(`announce attributes ${text} nlri 10.255.0.0/24`, warm);
    fc.assert(
      fc.property(
        fc.constantFrom('announce', 'withdraw'),
        fc.constantFrom(...TEXTS),
        fc.array(prefix, { minLength: 1, maxLength: 8 }),
        (action, text, prefixes) => {
          const line = `${action} attributes ${text} nlri ${prefixes.join(' ')}`;
          if (fastBulk(line.trim(), warm)) fast++;
          assert.deepEqual(parseCommand(line, warm), parseCommand(line, createInterner()), line);
        },
      ),
      { numRuns: 1000 },
    );
    assert.ok(fast > 50, `the fast path was taken (${fast} times)`);
  });

  it('IPv6 prefixes in any spelling (compressed or not, upper case, leading zeros, dotted quad, host bits, any length, broken) parse as the full parser does', () => {
    const length = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 128 }).map((n) => `/${n}`) },
      fc.constantFrom('', '/', '/129', '/0064', '/064', '/00', '/1000', '/x', '/-1', '//64'),
    );
    const warm = createInterner();
    let fast = 0;
    let valid = 0;
    for (const text of TEXTS) parseCommand(`announce route 2001:db8::/32 ${text}`, warm);
    fc.assert(
      fc.property(
        fc.constantFrom('announce', 'withdraw'),
        fc.constantFrom(...TEXTS),
        ipv6Text,
        length,
        (action, text, address, len) => {
          const line = `${action} route ${address}${len} ${text}`;
          const full = parseCommand(line, createInterner());
          // Every line the full parser accepts takes the fast path, unless a space was added.
          if (fastRoute(line, warm)) fast++;
          if ('command' in full && !address.includes(' ')) valid++;
          assert.deepEqual(parseCommand(line, warm), full, line);
        },
      ),
      { numRuns: 3000 },
    );
    assert.ok(fast > 1000 && fast === valid, `the fast path was taken (${fast} times of ${valid})`);
  });

  it('a plain IPv6 prefix takes the fast path in a bulk line, host bits zeroed and the text in RFC 5952 form', () => {
    const warm = createInterner();
    const text = 'next-hop 2001:db8:ffff::1 origin igp';
    parseCommand(`announce attributes ${text} nlri 2001:db8::/32`, warm);
    fc.assert(
      fc.property(ipv6Spelling, fc.integer({ min: 0, max: 128 }), (address, length) => {
        const line = `announce attributes ${text} nlri ${address}/${length}`;
        const fast = fastBulk(line, warm);
        assert.ok(fast?.kind === 'routes', line);
        const p = parsePrefix(`${address}/${length}`);
        const ip = formatIPv6(p.bytes);
        assert.deepEqual(fast.routes[0]!.nlri, { kind: 'inet', family: V6U, ip, length }, line);
        assert.deepEqual({ command: fast }, parseCommand(line, createInterner()), line);
      }),
      { numRuns: 2000 },
    );
  });

  it('leaves errors, selectors and unseen texts to the full parser', () => {
    const warm = createInterner();
    parseCommand('announce route 10.0.0.0/24 next-hop 192.0.2.1', warm);
    assert.equal(fastRoute('announce route 10.0.0.0/24 next-hop 192.0.2.9', warm), undefined, 'unseen text');
    assert.equal(
      fastRoute('neighbor 192.0.2.2 announce route 10.0.0.0/24 next-hop 192.0.2.1', warm),
      undefined,
    );
    for (const bad of ['10.0.0.0/33', '300.0.0.0/8', '10.0.0.0/', '::g/64']) {
      const line = `announce route ${bad} next-hop 192.0.2.1`;
      assert.ok('error' in parseCommand(line, warm), line);
      assert.deepEqual(parseCommand(line, warm), parseCommand(line, createInterner()), line);
    }
  });
});
