/**
 * The configuration files of the config benchmark, written line by line in blocks so that a
 * 100 MB file never exists as one string in the benchmark itself.
 *
 * - routes: one neighbor with N static routes, each with five attributes (about 90 bytes a line):
 *     route 10.B.C.D/32 next-hop 192.0.2.1 origin igp local-preference 100 med M community [65000:K];
 * - neighbors: N neighbors, each with its settings, a family block, a capability block and two
 *   static routes of its own.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

const BLOCK_LINES = 10_000;

function writeLines(
  file: string,
  count: number,
  head: string[],
  line: (i: number) => string,
  tail: string[],
) {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, `${head.join('\n')}\n`);
    for (let i = 0; i < count; i += BLOCK_LINES) {
      const block: string[] = [];
      for (let k = i; k < Math.min(count, i + BLOCK_LINES); k++) block.push(line(k));
      writeSync(fd, `${block.join('\n')}\n`);
    }
    writeSync(fd, `${tail.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

/** 10.0.0.0 + i as dotted text. */
function address(i: number): string {
  const a = 10 + (i >>> 24);
  return `${a}.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
}

/** One neighbor with `count` static routes. */
export function writeRoutesConfig(file: string, count: number): void {
  const head = [
    'neighbor 127.0.0.1 {',
    '  router-id 10.0.0.2;',
    '  local-address 127.0.0.1;',
    '  local-as 65000;',
    '  peer-as 65001;',
    '  static {',
  ];
  const line = (i: number) =>
    `    route ${address(i)}/32 next-hop 192.0.2.1 origin igp local-preference 100 med ${i % 100} community [65000:${i % 16}];`;
  writeLines(file, count, head, line, ['  }', '}']);
}

/** `count` neighbors, each with settings, families, capabilities and two routes. */
export function writeNeighborsConfig(file: string, count: number): void {
  const neighbor = (i: number) =>
    [
      `neighbor ${address(i + 1)} {`,
      `  description "peer ${i}";`,
      '  router-id 192.0.2.1;',
      '  local-address 192.0.2.1;',
      '  local-as 65000;',
      `  peer-as ${64512 + (i % 1000)};`,
      '  hold-time 90;',
      '  family { ipv4 unicast; ipv6 unicast; }',
      '  capability { route-refresh; graceful-restart 120; }',
      '  static {',
      `    route 172.16.${i & 255}.0/24 next-hop self community [65000:${i % 100}];`,
      `    route 2001:db8:${(i % 65536).toString(16)}::/48 next-hop 2001:db8::1 local-preference 200;`,
      '  }',
      '}',
    ].join('\n');
  writeLines(file, count, [], neighbor, []);
}
