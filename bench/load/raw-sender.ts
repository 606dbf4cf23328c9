/**
 * The physical limit of this machine for the load benchmark: a BGP speaker that does nothing
 * but write UPDATEs built beforehand (byte by byte here, not by bgpknife's encoder) straight to
 * the socket, as `node raw-sender.js LOCAL REMOTE PORT N V6 SETS`. It sends its OPEN (AS 65000,
 * 4-octet AS, IPv4 and IPv6 unicast), answers the peer's OPEN with a KEEPALIVE, then writes the
 * whole stream and an End-of-RIB, and sends a KEEPALIVE every 20 s until it is ended.
 */
import { connect } from 'node:net';
import { SENDER_AS } from './bird.js';

const MAX_MESSAGE = 4096;
const MARKER = Buffer.alloc(16, 0xff);

function message(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(19);
  MARKER.copy(head);
  head.writeUInt16BE(19 + body.length, 16);
  head[18] = type;
  return Buffer.concat([head, body]);
}

function open(routerId: string): Buffer {
  const caps = Buffer.from([
    ...[1, 4, 0, 1, 0, 1], // multiprotocol IPv4 unicast
    ...[1, 4, 0, 2, 0, 1], // multiprotocol IPv6 unicast
    ...[65, 4, 0, 0, SENDER_AS >> 8, SENDER_AS & 255], // 4-octet AS
  ]);
  const body = Buffer.alloc(10);
  body[0] = 4;
  body.writeUInt16BE(SENDER_AS, 1);
  body.writeUInt16BE(90, 3);
  routerId.split('.').forEach((b, i) => {
    body[5 + i] = Number(b);
  });
  body[9] = caps.length + 2;
  return message(1, Buffer.concat([body, Buffer.from([2, caps.length]), caps]));
}

/** ORIGIN IGP, AS_PATH [65000] (4-octet), MED when given (well-known first, by type code). */
function commonAttributes(med: number | undefined): number[] {
  const out = [0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, SENDER_AS >> 8, SENDER_AS & 255];
  if (med !== undefined) out.push(0x80, 4, 4, med >>> 24, (med >>> 16) & 255, (med >>> 8) & 255, med & 255);
  return out;
}

function v4Update(prefixes: readonly number[], med: number | undefined): Buffer {
  const attrs = [...commonAttributes(med), 0x40, 3, 4, 192, 0, 2, 1];
  const nlri = Buffer.alloc(prefixes.length * 5);
  prefixes.forEach((p, i) => {
    nlri[i * 5] = 32;
    nlri.writeUInt32BE(p, i * 5 + 1);
  });
  const body = Buffer.alloc(4 + attrs.length);
  body.writeUInt16BE(attrs.length, 2);
  Buffer.from(attrs).copy(body, 4);
  return message(2, Buffer.concat([body, nlri]));
}

function v6Update(prefixes: readonly number[], med: number | undefined): Buffer {
  const nh = [0x20, 0x01, 0x0d, 0xb8, 0xff, 0xff, ...new Array(9).fill(0), 1];
  const nlri: number[] = [];
  for (const p of prefixes)
    nlri.push(
      128,
      0x20,
      0x01,
      0x0d,
      0xb8,
      ...new Array(8).fill(0),
      p >>> 24,
      (p >>> 16) & 255,
      (p >>> 8) & 255,
      p & 255,
    );
  const mp = [0, 2, 1, 16, ...nh, 0, ...nlri];
  const attrs = [...commonAttributes(med), 0x90, 14, mp.length >> 8, mp.length & 255, ...mp];
  const body = Buffer.alloc(4 + attrs.length);
  body.writeUInt16BE(attrs.length, 2);
  Buffer.from(attrs).copy(body, 4);
  return message(2, body);
}

/** The UPDATEs for N routes, as many prefixes per message as fit in 4096 octets. */
export function stream(n: number, v6: boolean, sets: number): Buffer[] {
  const perMessage = v6
    ? Math.floor((MAX_MESSAGE - 19 - 4 - 13 - 7 - 4 - 22) / 17)
    : Math.floor((MAX_MESSAGE - 19 - 4 - 27) / 5);
  const out: Buffer[] = [];
  for (let set = 0; set < sets; set++) {
    const med = sets === 1 ? undefined : set + 1;
    let batch: number[] = [];
    for (let i = set; i < n; i += sets) {
      batch.push(v6 ? i : 0x0a000000 + i);
      if (batch.length === perMessage) {
        out.push(v6 ? v6Update(batch, med) : v4Update(batch, med));
        batch = [];
      }
    }
    if (batch.length > 0) out.push(v6 ? v6Update(batch, med) : v4Update(batch, med));
  }
  out.push(v6 ? message(2, Buffer.from([0, 0, 0, 7, 0x90, 15, 0, 3, 0, 2, 1])) : message(2, Buffer.alloc(4)));
  return out;
}

function main(): void {
  const [local = '127.0.0.1', remote = '127.0.0.1', port = '179', n = '0', v6 = '0', sets = '1'] =
    process.argv.slice(2);
  const updates = Buffer.concat(stream(Number(n), v6 === '1', Number(sets)));
  const socket = connect({ host: remote, port: Number(port), localAddress: local });
  let received = Buffer.alloc(0);
  let up = false;
  socket.on('connect', () => socket.write(open(local)));
  socket.on('data', (chunk: Buffer) => {
    if (up) return; // the receiver's KEEPALIVEs and UPDATEs are not read further
    received = Buffer.concat([received, chunk]);
    if (received.length >= 19 && received[18] === 1) {
      up = true;
      socket.write(message(4, Buffer.alloc(0)));
      socket.write(updates);
      setInterval(() => socket.write(message(4, Buffer.alloc(0))), 20_000);
    }
  });
  socket.on('error', (e) => {
    process.stderr.write(`raw sender: ${e.message}\n`);
    process.exit(1);
  });
}

if (process.argv[1]?.endsWith('raw-sender.js')) main();
