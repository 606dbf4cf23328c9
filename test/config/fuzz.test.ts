import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatDiagnostic } from '../../src/config/diagnostic.js';
import { parseConfig } from '../../src/config/parser.js';
import { printConfig } from '../../src/config/print.js';
import { stripSpans } from '../../src/config/span.js';
import { validateConfig } from '../../src/config/validate.js';

const VOCABULARY = [
  'neighbor',
  'template',
  'group',
  'process',
  'static',
  'route',
  'flow',
  'match',
  'then',
  'announce',
  'ipv4',
  'ipv6',
  'unicast',
  'family',
  'capability',
  'api',
  'send',
  'receive',
  'l2vpn',
  'vpls',
  'operational',
  'next-hop',
  'community',
  'as-path',
  'local-as',
  'peer-as',
  'router-id',
  'hold-time',
  'inherit',
  'run',
  'processes',
  'add-path',
  'graceful-restart',
  'nexthop',
  'redirect',
  'discard',
  'source',
  'destination',
  '10.0.0.1',
  '10.0.0.0/8',
  '2001:db8::/32',
  '65000:1',
  '1.10',
  'self',
  'auto',
  '0x87654321',
  'true',
  'x',
  '{',
  '}',
  ';',
  '[',
  ']',
  '(',
  ')',
  ',',
  '\n',
  '#',
  '\\\n',
  '"q s"',
  "'",
  '"',
  '>80&<90',
  '',
];

const soup = fc
  .array(fc.oneof(fc.constantFrom(...VOCABULARY), fc.string({ maxLength: 6 })), { maxLength: 80 })
  .map((parts) => parts.join(' '));

describe('config parser on token soup', () => {
  it('gives diagnostics, never a throw, and prints diagnostics for any input', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const parsed = parseConfig(text, 'soup.conf');
        const all = [...parsed.diagnostics, ...validateConfig(parsed.config)];
        for (const d of all) assert.equal(typeof formatDiagnostic(d, text), 'string');
      }),
      { numRuns: 2000 },
    );
  });

  it('prints whatever it parsed so that it re-parses to the same model', () => {
    fc.assert(
      fc.property(soup, (text) => {
        const first = parseConfig(text, 'soup.conf').config;
        const printed = printConfig(first);
        const again = parseConfig(printed, 'printed.conf');
        assert.deepEqual(stripSpans(again.config), stripSpans(first), printed);
      }),
      { numRuns: 2000 },
    );
  });

  it('stays linear on deep nesting and long inputs', () => {
    const deep = `${'neighbor x { '.repeat(5000)}${'[ '.repeat(5000)}`;
    const parsed = parseConfig(deep, 'deep.conf');
    assert.ok(parsed.diagnostics.length > 0);
  });
});

// Valid configurations built from parts: each must parse cleanly and round-trip.
const asn = fc.oneof(
  fc.integer({ min: 1, max: 4294967295 }).map(String),
  fc.tuple(fc.nat(65535), fc.nat(65535)).map(([a, b]) => `${a}.${b}`),
);
const octet = fc.nat(255);
const ipv4 = fc.tuple(octet, octet, octet, octet).map((o) => o.join('.'));
const community = fc.oneof(
  fc.tuple(fc.nat(65535), fc.nat(65535)).map(([a, b]) => `${a}:${b}`),
  fc.constantFrom('no-export', 'no-advertise', 'nopeer', 'blackhole'),
  fc.nat(0xffffffff).map((n) => `0x${n.toString(16)}`),
);
const attribute = fc.oneof(
  ipv4.map((a) => `next-hop ${a}`),
  fc.constantFrom('igp', 'egp', 'incomplete').map((o) => `origin ${o}`),
  fc.nat(0xffffffff).map((n) => `med ${n}`),
  fc.nat(0xffffffff).map((n) => `local-preference ${n}`),
  fc.array(asn, { maxLength: 5 }).map((a) => `as-path [ ${a.join(' ')} ]`),
  fc.array(community, { minLength: 1, maxLength: 4 }).map((c) => `community [ ${c.join(' ')} ]`),
  fc.constant('atomic-aggregate'),
  fc.tuple(fc.nat(65535), ipv4).map(([a, ip]) => `aggregator ( ${a}:${ip} )`),
  fc.array(fc.nat(0xfffff), { minLength: 1, maxLength: 3 }).map((l) => `label [ ${l.join(' ')} ]`),
  fc.tuple(fc.nat(65535), fc.nat(0xffffffff)).map(([a, b]) => `rd ${a}:${b}`),
);
const route = fc
  .tuple(ipv4, fc.integer({ min: 0, max: 32 }), fc.array(attribute, { maxLength: 6 }), fc.boolean())
  .map(([ip, len, attrs, block]) =>
    block
      ? `route ${ip}/${len} {\n${attrs.map((a) => `  ${a};\n`).join('')}}`
      : `route ${ip}/${len} ${attrs.join(' ')};`,
  );
const neighbor = fc
  .tuple(ipv4, asn, asn, fc.nat(65535), fc.array(route, { maxLength: 5 }), fc.boolean())
  .map(
    ([peer, local, remote, hold, routes, passive]) =>
      `neighbor ${peer} {\n router-id ${peer};\n local-as ${local};\n peer-as ${remote};\n hold-time ${hold < 3 ? 0 : hold};\n${passive ? ' passive;\n' : ''} static {\n${routes.join('\n')}\n }\n}\n`,
  );

describe('canonical printing of generated configurations', () => {
  it('parses them with no error and re-parses the print to an equal model', () => {
    fc.assert(
      fc.property(neighbor, (text) => {
        const parsed = parseConfig(text, 'gen.conf');
        const errors = [...parsed.diagnostics, ...validateConfig(parsed.config)].filter(
          (d) => d.severity === 'error',
        );
        assert.deepEqual(errors, [], text);
        const again = parseConfig(printConfig(parsed.config), 'printed.conf');
        assert.deepEqual(again.diagnostics, []);
        assert.deepEqual(stripSpans(again.config), stripSpans(parsed.config));
      }),
      { numRuns: 300 },
    );
  });
});
