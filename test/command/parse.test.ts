/**
 * parseCommand: the non-route commands, neighbor selectors, route forms checked against values
 * written by hand, specific errors for bad lines (table), and a fuzz property: any text gives a
 * command or an error, never a throw.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseCommand } from '../../src/command/parse/index.js';
import type { ParsedCommand } from '../../src/command/types.js';

function ok(line: string): ParsedCommand {
  const r = parseCommand(line);
  if ('error' in r) assert.fail(`${line}: ${r.error}`);
  return r;
}

describe('parseCommand: plain commands', () => {
  const table: [string, unknown][] = [
    ['shutdown', { kind: 'shutdown' }],
    ['reload', { kind: 'reload' }],
    ['restart', { kind: 'restart' }],
    ['version', { kind: 'version' }],
    ['help', { kind: 'help' }],
    ['enable-ack', { kind: 'enable-ack' }],
    ['disable-ack', { kind: 'disable-ack' }],
    ['silence-ack', { kind: 'silence-ack' }],
    ['show neighbor', { kind: 'show-neighbor', detail: 'default' }],
    ['show neighbor summary', { kind: 'show-neighbor', detail: 'summary' }],
    ['show neighbor extensive', { kind: 'show-neighbor', detail: 'extensive' }],
    ['show neighbor configuration', { kind: 'show-neighbor', detail: 'configuration' }],
    ['show adj-rib in', { kind: 'show-adj-rib', direction: 'in', extensive: false }],
    ['show adj-rib out extensive', { kind: 'show-adj-rib', direction: 'out', extensive: true }],
    ['flush adj-rib out', { kind: 'flush-adj-rib-out' }],
    ['clear adj-rib in', { kind: 'clear-adj-rib', direction: 'in' }],
    ['teardown 6', { kind: 'teardown', subcode: 6 }],
    ['shutdown;', { kind: 'shutdown' }],
    ['announce eor', { kind: 'eor' }],
    ['announce eor ipv6 flow', { kind: 'eor', family: 2 * 256 + 133 }],
    ['announce route-refresh ipv4 unicast', { kind: 'route-refresh', family: 257 }],
    ['announce watchdog dns', { kind: 'watchdog', action: 'announce', name: 'dns' }],
    ['withdraw watchdog dns', { kind: 'watchdog', action: 'withdraw', name: 'dns' }],
    [
      'announce operational adm afi ipv4 safi unicast advisory "a message"',
      { kind: 'operational', message: 'adm', family: 257, advisory: 'a message' },
    ],
    [
      'announce operational rpcp afi ipv4 safi unicast sequence 7 counter 9',
      { kind: 'operational', message: 'rpcp', family: 257, sequence: 7, counter: 9 },
    ],
  ];
  for (const [line, command] of table) it(line, () => assert.deepEqual(ok(line), { command }));
});

describe('parseCommand: neighbor selectors', () => {
  it('one neighbor with every field', () => {
    const r = ok(
      'neighbor 10.0.0.1 local-ip 10.0.0.2 local-as 1.1 peer-as 65000 router-id 1.2.3.4 family-allowed ipv4-unicast teardown 2',
    );
    assert.deepEqual(r.neighbors, [
      {
        ip: '10.0.0.1',
        localIp: '10.0.0.2',
        localAs: 65537,
        peerAs: 65000,
        routerId: '1.2.3.4',
        familyAllowed: 'ipv4-unicast',
      },
    ]);
    assert.deepEqual(r.command, { kind: 'teardown', subcode: 2 });
  });
  it('a comma-separated list, and *', () => {
    const r = ok('neighbor 10.0.0.1, neighbor * announce eor');
    assert.deepEqual(r.neighbors, [{ ip: '10.0.0.1' }, { ip: '*' }]);
  });
});

describe('parseCommand: routes', () => {
  it('announce route with next-hop self and communities', () => {
    const r = ok('announce route 10.0.0.0/8 next-hop self community [ 65000:1 no-export ] med 20');
    assert.equal(r.command.kind, 'routes');
    if (r.command.kind !== 'routes') return;
    const route = r.command.routes[0]!;
    assert.deepEqual(route.nlri, { kind: 'inet', family: 257, ip: '10.0.0.0', length: 8 });
    assert.deepEqual(route.nextHop, { kind: 'self' });
    assert.deepEqual(route.attributes, [
      { kind: 'med', value: 20 },
      { kind: 'community', communities: [65000 * 65536 + 1, 0xffffff01] },
    ]);
  });
  it('the same attribute text gives the same array', () => {
    const a = ok('announce route 10.0.0.0/8 next-hop 1.1.1.1 med 1');
    const b = ok('announce route 11.0.0.0/8 next-hop 2.2.2.2 med 1');
    assert.ok(a.command.kind === 'routes' && b.command.kind === 'routes');
    assert.equal(a.command.routes[0]!.attributes, b.command.routes[0]!.attributes);
  });
  it('rd and label make an mpls-vpn route', () => {
    const r = ok('withdraw route 1.4.0.0/16 rd 65000:1 label 1000 next-hop 1.1.1.1');
    assert.ok(r.command.kind === 'routes');
    const n = r.command.routes[0]!.nlri;
    assert.equal(n.kind, 'vpn');
    assert.ok(n.kind === 'vpn');
    assert.deepEqual(n.labels, [(1000 << 4) | 1]);
    assert.equal(n.rd.text, '65000:1');
  });
  it('the flow block form and the inline form give the same rule', () => {
    const block = ok(
      'announce flow route { match { source 10.0.0.1/32; destination-port =80; } then { discard; } }',
    );
    const inline = ok('announce flow route source 10.0.0.1/32 destination-port =80 discard');
    assert.deepEqual(block.command, inline.command);
  });
  it('legacy redirect IP:NN inside a flow block', () => {
    const r = ok('announce flow route { match { destination 10.0.0.0/8; } then { redirect 1.2.3.4:5678; } }');
    assert.ok(r.command.kind === 'routes');
    const ext = r.command.routes[0]!.attributes.find((a) => a.kind === 'extended-community');
    assert.ok(ext?.kind === 'extended-community');
    assert.equal(ext.communities[0]!.raw.toString('hex'), '810801020304162e');
  });
  it('redirect to an IP sets the next hop', () => {
    const r = ok('announce flow route destination 10.0.0.0/8 redirect 192.0.2.1');
    assert.ok(r.command.kind === 'routes');
    assert.deepEqual(r.command.routes[0]!.nextHop, { kind: 'ip', ip: '192.0.2.1' });
  });
  it('generic attribute becomes an unknown attribute', () => {
    const r = ok('announce route 10.0.0.0/8 next-hop 1.1.1.1 attribute [ 0x63 0xc0 0x0102 ]');
    assert.ok(r.command.kind === 'routes');
    assert.deepEqual(r.command.routes[0]!.attributes, [
      { kind: 'unknown', code: 0x63, flags: 0xc0, raw: Buffer.from([1, 2]) },
    ]);
  });
});

describe('parseCommand: errors are specific', () => {
  const table: [string, RegExp][] = [
    ['', /empty command/],
    ['frobnicate', /unknown command 'frobnicate'.*column 1/],
    ['announce', /expected route, attributes, flow/],
    ['announce route', /'route' needs a prefix/],
    ['announce route 10.0.0.0/33 next-hop 1.1.1.1', /prefix length must be 0\.\.32/],
    ['announce route 10.0.0.0/8 next-hop', /'next-hop' needs a value/],
    ['announce route 10.0.0.0/8 next-hop 1.1.1.1 med x', /invalid med 'x'.*column 48/],
    ['announce route 10.0.0.0/8 bogus 1', /unknown route attribute 'bogus'/],
    ['announce route 10.0.0.0/8 next-hop 1.1.1.1 community [ 1:99999 ]', /invalid community '1:99999'/],
    ['announce route 10.0.0.0/8 next-hop nowhere', /next-hop 'nowhere' is not an IP/],
    ['announce ipv4 banana 10.0.0.0/8', /expected one of unicast/],
    ['announce ipv6 unicast 10.0.0.0/8 next-hop ::1', /not an ipv6 prefix/],
    ['announce eor ipv4 bogus', /expected AFI SAFI/],
    ['announce route-refresh', /expected AFI SAFI/],
    ['announce watchdog', /expected watchdog NAME/],
    ['announce flow route discard', /needs at least one match/],
    ['announce flow route destination 10.0.0.0/8 rate-limit fast', /rate-limit 'fast'/],
    ['announce attributes med 1', /needs 'nlri PREFIX/],
    ['announce vpls endpoint 5 base 1 offset 1 size 8', /vpls route needs an rd/],
    ['show', /expected 'neighbor' or 'adj-rib'/],
    ['show adj-rib sideways', /expected 'in' or 'out'/],
    ['flush adj-rib in', /expected 'out'/],
    ['teardown x', /teardown must be a number/],
    ['shutdown now', /unexpected word/],
    ['shutdown; reload', /unexpected 'reload' after ';'/],
    ['announce route 10.0.0.0/8 next-hop 1.1.1.1 }', /unexpected '}'/],
    ['neighbor banana announce eor', /expected the neighbor's IP address/],
    ['neighbor 10.0.0.1 local-as x announce eor', /invalid ASN/],
    ['announce route 10.0.0.0/8 next-hop 1.1.1.1 split /40', /split \/40 is longer than \/32/],
    ['announce operational xyz afi ipv4 safi unicast', /expected asm, adm/],
  ];
  for (const [line, expected] of table) {
    it(JSON.stringify(line), () => {
      const r = parseCommand(line);
      assert.ok('error' in r, `${line} parsed`);
      assert.match(r.error, expected);
    });
  }
});

const WORDS = [
  'announce',
  'withdraw',
  'route',
  'flow',
  'vpls',
  'attributes',
  'nlri',
  'neighbor',
  '*',
  ',',
  'ipv4',
  'ipv6',
  'unicast',
  'mpls-vpn',
  'mcast-vpn',
  'mup',
  'eor',
  'next-hop',
  'self',
  'community',
  'extended-community',
  'as-path',
  'split',
  '/24',
  'rd',
  'label',
  'match',
  'then',
  '{',
  '}',
  ';',
  '[',
  ']',
  '(',
  ')',
  'source',
  'destination',
  'redirect',
  'rate-limit',
  'discard',
  'group',
  '10.0.0.0/8',
  '1.2.3.4',
  '::1',
  '65000:1',
  'target:1:1',
  '0',
  '"x"',
];

describe('parseCommand never throws', () => {
  it('on words of the grammar in any order', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { maxLength: 24 }), (words) => {
        const r = parseCommand(words.join(' '));
        assert.ok('error' in r ? typeof r.error === 'string' : 'command' in r);
      }),
      { numRuns: 3000 },
    );
  });
  it('on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = parseCommand(text);
        assert.ok('error' in r || 'command' in r);
      }),
      { numRuns: 2000 },
    );
  });
});
