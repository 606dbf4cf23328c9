import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check, errors } from './support.js';

const BASE = 'router-id 1.1.1.1; local-as 65000; peer-as 65001;';

describe('config validation', () => {
  it('accepts a complete neighbor', () => {
    assert.deepEqual(errors(`neighbor 10.0.0.1 { ${BASE} }`), []);
  });

  it('requires local-as and peer-as unless a template or group gives them', () => {
    assert.deepEqual(errors('neighbor 10.0.0.1 { router-id 1.1.1.1; }'), [
      'neighbor 10.0.0.1 has no local-as',
      'neighbor 10.0.0.1 has no peer-as',
    ]);
    assert.deepEqual(
      errors(
        'template { neighbor t { local-as 1; peer-as 2; } } neighbor 10.0.0.1 { inherit t; router-id 1.1.1.1; }',
      ),
      [],
    );
    assert.deepEqual(errors('group g { local-as 1; peer-as 2; neighbor 10.0.0.1 { } }'), []);
  });

  it('requires a router-id when no IPv4 address can give one', () => {
    assert.deepEqual(errors('neighbor 2001:db8::1 { local-as 1; peer-as 2; local-address 2001:db8::2; }'), [
      'neighbor 2001:db8::1 needs a router-id (no IPv4 local-address to take it from)',
    ]);
    assert.deepEqual(errors('neighbor 2001:db8::1 { local-as 1; peer-as 2; local-address 192.0.2.1; }'), []);
  });

  it('checks ranges: hold-time 0 or 3..65535, ports, TTL, graceful-restart', () => {
    assert.deepEqual(errors(`neighbor 10.0.0.1 { ${BASE} hold-time 0; }`), []);
    assert.deepEqual(
      errors(`neighbor 10.0.0.1 { ${BASE} hold-time 3; connect 65535; outgoing-ttl 255; }`),
      [],
    );
    assert.deepEqual(
      errors(
        `neighbor 10.0.0.1 { ${BASE} hold-time 2; listen 0; incoming-ttl 256; capability { graceful-restart 4096; } }`,
      ),
      [
        'hold-time 2 is out of range',
        'listen 0 is out of range',
        'incoming-ttl 256 is out of range',
        'graceful-restart 4096 is out of range',
      ],
    );
    assert.deepEqual(
      errors(`neighbor 10.0.0.1 { router-id 1.1.1.1; local-as 4294967295; peer-as 65535.65535; }`),
      [],
    );
    assert.deepEqual(
      errors(`neighbor 10.0.0.1 { router-id 1.1.1.1; local-as 4294967296; peer-as 65536.0; }`),
      ["invalid ASN '4294967296'", "invalid ASN '65536.0'"],
    );
  });

  it('checks address syntax', () => {
    assert.deepEqual(
      errors(
        'neighbor 10.0.0.256 { router-id 2001:db8::1; local-as 1; peer-as 2; local-address 1::2::3; static { route 10.0.0.0/8 next-hop 1.2.3; } }',
      ),
      [
        "invalid IPv4 address '2001:db8::1' for router-id",
        "invalid IP address '1::2::3' for local-address",
        "invalid next-hop '1.2.3'",
        "invalid peer address '10.0.0.256'",
      ],
    );
  });

  it('finds duplicate neighbors, processes and templates, and unknown references', () => {
    const text = `process p { run x; } process p { run y; }
      template { neighbor t { } } template { neighbor t { } }
      neighbor 10.0.0.1 { ${BASE} inherit [ t u ]; api { processes [ p q ]; processes-match [ "(" ]; } }
      neighbor 10.0.0.1 { ${BASE} }`;
    assert.deepEqual(errors(text), [
      "process 'p' is defined twice",
      "template 't' is defined twice",
      "unknown template 'u'",
      "unknown process 'q'",
      "invalid regular expression '('",
      'neighbor 10.0.0.1 is defined twice (first at line 3)',
    ]);
  });

  it('checks families, nexthop pairs, add-path, prefixes and route values', () => {
    const text = `neighbor 10.0.0.1 { ${BASE}
      family { ipv4 unicast; ipv4 bogus; all; }
      nexthop { ipv4 unicast ipv6; ipv4 flow ipv6; }
      add-path { ipv4 unicast sideways; }
      capability { add-path maybe; }
      static { route 10.0.0.0/40 originator-id ::1 label [ 1048576 ] rd 1:2:3 cluster-list [ 1.2.3.4 x ]; }
    }`;
    assert.deepEqual(errors(text), [
      "unknown family 'ipv4 bogus'",
      "invalid nexthop entry 'ipv4 flow ipv6'",
      "invalid add-path direction 'sideways'",
      "invalid add-path 'maybe'",
      "invalid prefix '10.0.0.0/40'",
      "invalid originator-id '::1'",
      'label 1048576 is larger than 20 bits',
      "invalid route distinguisher '1:2:3'",
      "invalid cluster id 'x'",
    ]);
  });

  it('notes legacy forms with their modern spelling, without errors', () => {
    const text = `group g { local-as 1; peer-as 2; router-id 1.1.1.1; graceful-restart 5; multi-session;
        neighbor 10.0.0.1 { process p { run x; } flow { route { match { source 1.2.3.4/32; } then { redirect 1.2.3.4:5678; } } } } }`;
    const all = check(text);
    assert.deepEqual(
      all.filter((d) => d.severity === 'error'),
      [],
    );
    const notes = all.filter((d) => d.severity === 'note').map((d) => d.message);
    assert.equal(notes.length, 5);
    assert.match(notes[0]!, /^'group' is a legacy form: ExaBGP 4\.2\+ writes template \{ neighbor g/);
    assert.match(
      notes[1]!,
      /^'graceful-restart' in a neighbor is a legacy form: .*capability \{ graceful-restart/,
    );
    assert.match(notes[2]!, /^'multi-session' in a neighbor/);
    assert.match(notes[3]!, /^a process inside a neighbor is a legacy form: .*api \{ processes \[ p \]; \}/);
    assert.match(notes[4]!, /^'redirect 1\.2\.3\.4:5678' is a legacy form/);
  });

  it('requires run in a process and a known encoder', () => {
    assert.deepEqual(errors('process p { encoder xml; }'), [
      "process 'p' has no 'run' command",
      "invalid encoder 'xml'",
    ]);
  });
});
