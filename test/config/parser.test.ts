import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttributeValue, Neighbor, Route, StaticBlock } from '../../src/config/model.js';
import { allNeighbors, parseConfig } from '../../src/config/parser.js';
import { stripSpans } from '../../src/config/span.js';

function parse(text: string) {
  const r = parseConfig(text, 't.conf');
  assert.deepEqual(
    r.diagnostics.map((d) => d.message),
    [],
  );
  return r.config;
}

function routeOf(text: string): Route {
  const n = parse(`neighbor 10.0.0.1 { static { ${text} } }`).items[0] as Neighbor;
  const block = n.items[0];
  assert.equal(block?.kind, 'static');
  return (block as unknown as { routes: Route[] }).routes[0]!;
}

const attrs = (r: Route): AttributeValue[] => stripSpans([...r.attributes]);

describe('config parser: routes', () => {
  it('gives the same route for the one-line and the block form', () => {
    const a = routeOf('route 10.0.0.0/24 next-hop 1.2.3.4 local-preference 200 community [ 1:2 ];');
    const b = routeOf('route 10.0.0.0/24 { next-hop 1.2.3.4; local-preference 200; community [1:2]; }');
    assert.deepEqual(stripSpans(a), stripSpans(b));
    assert.deepEqual(attrs(a), [
      { kind: 'next-hop', address: '1.2.3.4' },
      { kind: 'local-preference', value: 200 },
      { kind: 'community', values: [65538] },
    ]);
  });

  it('reads communities in every notation', () => {
    const r = routeOf(
      'route 10.0.0.0/8 community [ 30740:30740 no-export NO_ADVERTISE 0x87654321 blackhole 7 ];',
    );
    // RFC 1997: NO_ADVERTISE 0xFFFFFF02; RFC 7999: BLACKHOLE 65535:666.
    assert.deepEqual(attrs(r), [
      {
        kind: 'community',
        values: [30740 * 65536 + 30740, 0xffffff01, 0xffffff02, 0x87654321, 0xffff029a, 7],
      },
    ]);
    assert.deepEqual(attrs(routeOf('route 10.0.0.0/8 community 65000:1;')), [
      { kind: 'community', values: [65000 * 65536 + 1] },
    ]);
  });

  it('reads as-path sequences and sets, with asdot ASNs (RFC 5396)', () => {
    const r = routeOf('route 10.0.0.0/8 as-path [ 1 1.10 ( 3 4 ) 5 ];');
    assert.deepEqual(attrs(r), [
      {
        kind: 'as-path',
        segments: [
          { type: 'sequence', asns: [1, 65546] },
          { type: 'set', asns: [3, 4] },
          { type: 'sequence', asns: [5] },
        ],
      },
    ]);
  });

  it('reads large and extended communities, aggregator, generic attribute, labels, split', () => {
    const r = routeOf(
      'route 10.0.0.0/8 large-community [ 65000:1:2 ] extended-community [ target:65000:1 0x0002fde800000001 l2info:19:0:1500:111 ] aggregator ( 65000:1.2.3.4 ) attribute [ 0x20 0xc0 0x00ff ] label [ 100 200 ] rd 65000:1 split /25 path-information 1.2.3.4 withdraw watchdog dog name n1;',
    );
    assert.deepEqual(attrs(r), [
      { kind: 'large-community', values: [[65000, 1, 2]] },
      {
        kind: 'extended-community',
        values: [
          { type: 'target', value: '65000:1' },
          { type: 'raw', value: '0002fde800000001' },
          { type: 'l2info', value: '19:0:1500:111' },
        ],
      },
      { kind: 'aggregator', asn: 65000, address: '1.2.3.4' },
      { kind: 'generic', code: 0x20, flags: 0xc0, data: '00ff' },
      { kind: 'label', labels: [100, 200] },
      { kind: 'rd', value: '65000:1' },
      { kind: 'split', value: 25 },
      { kind: 'path-information', value: 0x01020304 },
      { kind: 'withdraw' },
      { kind: 'watchdog', value: 'dog' },
      { kind: 'name', value: 'n1' },
    ]);
  });

  it('checks each attribute at the span of its keyword and value', () => {
    const c = parse('neighbor 10.0.0.1 { static { route 10.0.0.0/8 next-hop nope; } }');
    const block = (c.items[0] as Neighbor).items[0] as StaticBlock;
    assert.deepEqual(
      block.checks?.map((d) => [d.message, d.span]),
      [["invalid next-hop 'nope'", { file: 't.conf', line: 1, col: 47, endLine: 1, endCol: 60 }]],
    );
  });

  it('shares equal attribute values and lists between routes (no span per attribute)', () => {
    const c = parse(
      'neighbor 10.0.0.1 { static { route 10.0.0.0/8 next-hop 1.2.3.4 med 5; route 10.1.0.0/16 next-hop 1.2.3.4 med 5; route 10.2.0.0/16 next-hop 1.2.3.4 med 6; } }',
    );
    const [a, b, d] = ((c.items[0] as Neighbor).items[0] as StaticBlock).routes;
    assert.equal(a!.attributes, b!.attributes);
    assert.notEqual(a!.attributes, d!.attributes);
    assert.equal(a!.attributes[0], d!.attributes[0]);
    assert.deepEqual(d!.attributes, [
      { kind: 'next-hop', address: '1.2.3.4' },
      { kind: 'med', value: 6 },
    ]);
  });

  it('reads 5.0 announce blocks with their AFI', () => {
    const c = parse(
      'neighbor 10.0.0.1 { announce { ipv6 { unicast 2001:db8::/32 next-hop ::1; } l2vpn { vpls endpoint 5 base 10; } } }',
    );
    const block = (c.items[0] as Neighbor).items[0] as unknown as { routes: Route[] };
    assert.deepEqual(
      block.routes.map((r) => [r.keyword, r.afi, r.prefix, attrs(r).length]),
      [
        ['unicast', 'ipv6', '2001:db8::/32', 1],
        ['vpls', 'l2vpn', undefined, 2],
      ],
    );
  });

  it('keeps flow match components and actions as written', () => {
    const c = parse(
      'neighbor 10.0.0.1 { flow { route r1 { rd 1:1; match { destination-port >8080&<8088 =3128; protocol [ udp tcp ]; } then { discard; redirect 65500:12345; } } } }',
    );
    const flow = (c.items[0] as Neighbor).items[0] as unknown as {
      routes: { name: string; match: unknown[]; then: unknown[] }[];
    };
    const route = stripSpans(flow.routes[0]!);
    assert.equal(route.name, 'r1');
    assert.deepEqual(route.match, [
      { kind: 'flow-statement', name: 'destination-port', text: '>8080&<8088 =3128' },
      { kind: 'flow-statement', name: 'protocol', text: '[ udp tcp ]' },
    ]);
    assert.deepEqual(route.then, [
      { kind: 'flow-statement', name: 'discard', text: '' },
      { kind: 'flow-statement', name: 'redirect', text: '65500:12345' },
    ]);
  });
});

describe('config parser: neighbors', () => {
  it('types neighbor settings (asdot, booleans written alone, quoted strings)', () => {
    const c = parse(
      'neighbor 10.0.0.1 { local-as 1.10; peer-as auto; passive; group-updates disable; description "x y"; hold-time 90; }',
    );
    const n = c.items[0] as Neighbor;
    assert.deepEqual(
      n.items.map((s) => s.kind === 'setting' && [s.key, s.value]),
      [
        ['local-as', { type: 'number', value: 65546 }],
        ['peer-as', { type: 'word', value: 'auto' }],
        ['passive', { type: 'boolean', value: true }],
        ['group-updates', { type: 'boolean', value: false }],
        ['description', { type: 'string', value: 'x y' }],
        ['hold-time', { type: 'number', value: 90 }],
      ],
    );
  });

  it('reads templates, legacy groups and the neighbors inside groups', () => {
    const c = parse(
      'template { neighbor t { local-as 1; } } group g { peer-as 2; neighbor 10.0.0.2 { } } neighbor 10.0.0.1 { inherit t; }',
    );
    assert.deepEqual(
      c.items.map((i) => [i.kind, i.name]),
      [
        ['template', 't'],
        ['group', 'g'],
        ['neighbor', '10.0.0.1'],
      ],
    );
    assert.deepEqual(
      allNeighbors(c).map((n) => n.name),
      ['10.0.0.2', '10.0.0.1'],
    );
  });

  it('reads api blocks with send and receive', () => {
    const c = parse(
      'neighbor 10.0.0.1 { api a { processes [ p1, p2 ]; receive { parsed; update; } send { packets; } } }',
    );
    const api = stripSpans((c.items[0] as Neighbor).items[0]!);
    assert.deepEqual(api, {
      kind: 'api',
      name: 'a',
      settings: [{ kind: 'setting', key: 'processes', value: { type: 'list', values: ['p1', 'p2'] } }],
      send: {
        kind: 'send',
        settings: [{ kind: 'setting', key: 'packets', value: { type: 'boolean', value: true } }],
      },
      receive: {
        kind: 'receive',
        settings: [
          { kind: 'setting', key: 'parsed', value: { type: 'boolean', value: true } },
          { kind: 'setting', key: 'update', value: { type: 'boolean', value: true } },
        ],
      },
    });
  });

  it('reports every error of a file, not just the first', () => {
    const r = parseConfig(
      'neighbor 10.0.0.1 { bogus 1; hold-time x; static { route 10.0.0.0/8 origin nowhere; } }\nwhat { }',
      't.conf',
    );
    assert.deepEqual(
      r.diagnostics.map((d) => [d.span.line, d.span.col, d.message]),
      [
        [1, 21, "unknown keyword 'bogus' in neighbor"],
        [1, 40, "invalid number 'x'"],
        [1, 76, "invalid origin 'nowhere'"],
        [2, 1, "unknown keyword 'what' in the configuration"],
      ],
    );
  });
});
