/**
 * GoBGP 3 as a sender in the load benchmark. Its routes are loaded through its gRPC API with
 * the `gobgp mrt inject global FILE` command (no .proto files are bundled here, so no client of
 * our own): the benchmark writes the N routes as an MRT TABLE_DUMP_V2 file (RFC 6396), byte by
 * byte, and times from the start of the injection, once the session to BIRD is up, until BIRD
 * holds all N. Known limit: the injection streams one path per gRPC message from the CLI
 * process, so this measures GoBGP's API path, not its best bulk path. GoBGP 3.10's CLI exits
 * before the server has taken the last paths of the stream (about 900 of 10,000 were lost in a
 * test here), so the file ends with TAIL_PAD routes repeated from its start, which may be lost.
 *
 *   MRT header: timestamp(4) type(2)=13 subtype(2) length(4)
 *   PEER_INDEX_TABLE (1): collector id(4) view-name-length(2)=0 peer-count(2)
 *                         peer: type(1)=2 (AS4, IPv4) bgp-id(4) address(4) as(4)
 *   RIB_IPV4_UNICAST (2) / RIB_IPV6_UNICAST (4): sequence(4) length(1) prefix(...) entries(2)
 *                         entry: peer-index(2) originated(4) attr-length(2) attributes
 *   IPv6 entries carry MP_REACH_NLRI in its full UPDATE form, not RFC 6396's abbreviated one:
 *   GoBGP 3.10 reads only the former (see attributes()).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkDir, runCliOk, startDaemon } from '../../test/support/peers/common.js';
import { RECEIVER_AS, SENDER_AS } from './bird.js';
import type { RouteSet } from './routes.js';
import type { RunningSender, Sender } from './senders.js';

const TABLE_DUMP_V2 = 13;
const INJECT_TIMEOUT_MS = 600_000;
/** Routes repeated at the end of the file for the CLI to lose (see above). */
const TAIL_PAD = 20_000;

function record(subtype: number, body: Buffer): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(TABLE_DUMP_V2, 4);
  head.writeUInt16BE(subtype, 6);
  head.writeUInt32BE(body.length, 8);
  return Buffer.concat([head, body]);
}

/** ORIGIN IGP, AS_PATH [65000] (4-octet), MED for a set, and the next hop. */
function attributes(v6: boolean, med: number | undefined): Buffer {
  const out = [0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, SENDER_AS >> 8, SENDER_AS & 255];
  if (med !== undefined) out.push(0x80, 4, 4, med >>> 24, (med >>> 16) & 255, (med >>> 8) & 255, med & 255);
  // MP_REACH_NLRI in the full RFC 4760 form: AFI 2, SAFI 1, next hop length 16, the next hop,
  // reserved 0, no NLRI (the entry's prefix is the NLRI). Not RFC 6396 §4.3.4's abbreviated
  // form (next hop length and address only): GoBGP 3.10 decodes RIB entries' attributes as in
  // an UPDATE, so it read the abbreviated form's next hop length and first address byte
  // (16, 0x20) as AFI 4128 and dropped every entry ("unknown route family").
  if (v6)
    out.push(0x80, 14, 21, 0, 2, 1, 16, 0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0);
  else out.push(0x40, 3, 4, 192, 0, 2, 1);
  return Buffer.from(out);
}

export function mrtFile(r: RouteSet): Buffer {
  const peers = Buffer.from([
    10,
    255,
    0,
    3,
    0,
    0,
    0,
    1,
    2,
    10,
    255,
    0,
    3,
    127,
    0,
    0,
    1,
    0,
    0,
    SENDER_AS >> 8,
    SENDER_AS & 255,
  ]);
  const out: Buffer[] = [record(1, peers)];
  const attrs = new Map<number, Buffer>();
  const total = r.n + Math.min(r.n, TAIL_PAD);
  for (let k = 0; k < total; k++) {
    const i = k % r.n;
    const set = r.sets === 1 ? 0 : i % r.sets;
    let a = attrs.get(set);
    if (!a) {
      a = attributes(r.v6, r.sets === 1 ? undefined : set + 1);
      attrs.set(set, a);
    }
    const prefix = r.v6
      ? Buffer.from([
          128,
          0x20,
          0x01,
          0x0d,
          0xb8,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          i >>> 24,
          (i >>> 16) & 255,
          (i >>> 8) & 255,
          i & 255,
        ])
      : Buffer.from([32, 10 + (i >>> 24), (i >>> 16) & 255, (i >>> 8) & 255, i & 255]);
    const body = Buffer.alloc(4 + prefix.length + 2 + 8);
    body.writeUInt32BE(k, 0);
    prefix.copy(body, 4);
    body.writeUInt16BE(1, 4 + prefix.length);
    body.writeUInt16BE(a.length, 4 + prefix.length + 8);
    out.push(record(r.v6 ? 4 : 2, Buffer.concat([body, a])));
  }
  return Buffer.concat(out);
}

function config(local: string, receiver: string, port: number, v6: boolean): string {
  return [
    '[global.config]',
    `  as = ${SENDER_AS}`,
    `  router-id = "${local}"`,
    '  port = -1',
    `  local-address-list = ["${local}"]`,
    '[[neighbors]]',
    '  [neighbors.config]',
    `    neighbor-address = "${receiver}"`,
    `    peer-as = ${RECEIVER_AS}`,
    '  [neighbors.transport.config]',
    `    local-address = "${local}"`,
    `    remote-port = ${port}`,
    '  [neighbors.timers.config]',
    '    connect-retry = 1',
    '  [[neighbors.afi-safis]]',
    '    [neighbors.afi-safis.config]',
    `      afi-safi-name = "${v6 ? 'ipv6' : 'ipv4'}-unicast"`,
    '',
  ].join('\n');
}

export const gobgpMrt: Sender = {
  name: 'gobgp 3 mrt inject (gRPC)',
  fromFirstCommand: true,
  start(ctx): RunningSender {
    const workDir = makeWorkDir('bench-gobgp');
    const conf = join(workDir, 'gobgpd.toml');
    writeFileSync(conf, config(ctx.local, ctx.receiver, ctx.receiverPort, ctx.routes.v6));
    writeFileSync(join(workDir, 'routes.mrt'), mrtFile(ctx.routes));
    const sock = `unix://${join(workDir, 'gobgp.sock')}`;
    const args = ['-f', conf, '-p', '--pprof-disable', '--api-hosts', sock, '-l', 'warn'];
    return { daemon: startDaemon('gobgpd', args, join(workDir, 'log')), workDir };
  },
  async load(running): Promise<void> {
    const sock = `unix://${join(running.workDir, 'gobgp.sock')}`;
    const out = await runCliOk(
      'gobgp',
      ['--target', sock, 'mrt', 'inject', 'global', join(running.workDir, 'routes.mrt')],
      INJECT_TIMEOUT_MS,
    );
    // The CLI skips a record it cannot decode with a line on stdout and still exits 0.
    const failed = out.split('\n').filter((l) => l.startsWith('failed'));
    if (failed.length > 0)
      throw new Error(`gobgp mrt inject: ${failed.length} records rejected: ${failed[0]}`);
  },
};
