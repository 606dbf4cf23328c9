/**
 * A scripted BGP peer over real TCP for hostile-peer tests: it sends bytes the test builds by
 * hand (never bgpknife's encoder), cuts what it receives into messages with its own 19-byte
 * header reader, and reports NOTIFICATIONs, UPDATEs and the close. It can stop reading
 * (pause) to play a slow peer.
 */
import net from 'node:net';

export const OPEN = 1;
export const UPDATE = 2;
export const NOTIFICATION = 3;
export const KEEPALIVE = 4;

/** A message with its 19-byte header. */
export function bgpMessage(type: number, body: Buffer = Buffer.alloc(0), length = 19 + body.length): Buffer {
  const head = Buffer.alloc(19, 0xff);
  head.writeUInt16BE(length & 0xffff, 16);
  head[18] = type;
  return Buffer.concat([head, body]);
}

/** An OPEN for ASN `asn` (2-octet field, plus the 4-octet AS and IPv4 unicast capabilities). */
export function openMessage(asn: number, routerId: string, holdSeconds = 90): Buffer {
  const caps = Buffer.from([1, 4, 0, 1, 0, 1, 65, 4, 0, 0, asn >> 8, asn & 255]);
  const param = Buffer.concat([Buffer.from([2, caps.length]), caps]);
  const head = Buffer.alloc(10);
  head[0] = 4;
  head.writeUInt16BE(asn, 1);
  head.writeUInt16BE(holdSeconds, 3);
  Buffer.from(routerId.split('.').map(Number)).copy(head, 5);
  head[9] = param.length;
  return bgpMessage(OPEN, Buffer.concat([head, param]));
}

/** A path attribute: flags, type, length (one or two octets by the Extended Length flag), value. */
export function attribute(flags: number, code: number, value: Buffer, length = value.length): Buffer {
  const extended = (flags & 0x10) !== 0;
  const head = extended
    ? Buffer.from([flags, code, length >> 8, length & 255])
    : Buffer.from([flags, code, length]);
  return Buffer.concat([head, value]);
}

/** ORIGIN IGP, AS_PATH [asn], NEXT_HOP: what an eBGP UPDATE for IPv4 unicast needs. */
export function baseAttributes(asn: number, nextHop = '192.0.2.9'): Buffer {
  return Buffer.concat([
    attribute(0x40, 1, Buffer.from([0])),
    attribute(0x40, 2, Buffer.from([2, 1, 0, 0, asn >> 8, asn & 255])),
    attribute(0x40, 3, Buffer.from(nextHop.split('.').map(Number))),
  ]);
}

/** IPv4 prefixes as NLRI octets ("10.1.2.0/24" -> 18 0a 01 02). */
export function prefixes(list: readonly string[]): Buffer {
  return Buffer.concat(
    list.map((p) => {
      const [ip = '', len = '0'] = p.split('/');
      const n = Number(len);
      return Buffer.concat([
        Buffer.from([n]),
        Buffer.from(ip.split('.').map(Number)).subarray(0, Math.ceil(n / 8)),
      ]);
    }),
  );
}

/** An UPDATE message from its three parts (lengths written honestly). */
export function updateMessage(withdrawn: Buffer, attributes: Buffer, nlri: Buffer): Buffer {
  const w = Buffer.alloc(2);
  w.writeUInt16BE(withdrawn.length);
  const a = Buffer.alloc(2);
  a.writeUInt16BE(attributes.length);
  return bgpMessage(UPDATE, Buffer.concat([w, withdrawn, a, attributes, nlri]));
}

/** Prefixes in an IPv4 NLRI field (length octet, then that many bits rounded up to octets). */
export function countPrefixes(field: Buffer): number {
  let n = 0;
  for (let off = 0; off < field.length; off += 1 + Math.ceil(field[off]! / 8)) n++;
  return n;
}

export interface Received {
  readonly type: number;
  readonly body: Buffer;
}

export class ScriptedPeer {
  readonly received: Received[] = [];
  /** Counts kept when `keep` is false (a peer taking many routes keeps no bodies). */
  counts = new Map<number, number>();
  closed = false;
  /** IPv4 unicast prefixes announced and withdrawn in the UPDATEs received (NLRI on the wire). */
  announced = 0;
  withdrawn = 0;
  endOfRib = 0;
  /** Bytes read from the socket. */
  bytes = 0;
  private pending = Buffer.alloc(0);
  private readonly closedPromise: Promise<void>;

  private constructor(
    readonly socket: net.Socket,
    private readonly keep: boolean,
  ) {
    socket.on('data', (c: Buffer) => this.onData(c));
    socket.on('error', () => {});
    this.closedPromise = new Promise((r) =>
      socket.once('close', () => {
        this.closed = true;
        r();
      }),
    );
  }

  static connect(port: number, keep = true, host = '127.0.0.1'): Promise<ScriptedPeer> {
    return new Promise((resolve, reject) => {
      const s = net.connect({ host, port });
      s.once('error', reject);
      s.once('connect', () => {
        s.removeListener('error', reject);
        resolve(new ScriptedPeer(s, keep));
      });
    });
  }

  /** Connect, exchange OPEN and KEEPALIVE: the session is Established on both sides. */
  static async established(port: number, asn: number, routerId: string, keep = true): Promise<ScriptedPeer> {
    const p = await ScriptedPeer.connect(port, keep);
    p.send(openMessage(asn, routerId));
    await p.waitFor((r) => r.type === OPEN, 5000);
    p.send(bgpMessage(KEEPALIVE));
    await p.waitFor((r) => r.type === KEEPALIVE, 5000);
    return p;
  }

  private onData(chunk: Buffer): void {
    this.bytes += chunk.length;
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 19) {
      const len = buf.readUInt16BE(16);
      if (len < 19 || buf.length < len) break;
      const type = buf[18]!;
      this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
      if (type === UPDATE) this.countUpdate(buf.subarray(19, len));
      if (this.keep || type !== UPDATE)
        this.received.push({ type, body: Buffer.from(buf.subarray(19, len)) });
      buf = buf.subarray(len);
    }
    this.pending = Buffer.from(buf);
  }

  private countUpdate(body: Buffer): void {
    if (body.length === 4 && body.readUInt32BE(0) === 0) this.endOfRib++;
    const wLen = body.readUInt16BE(0);
    const aLen = body.readUInt16BE(2 + wLen);
    this.withdrawn += countPrefixes(body.subarray(2, 2 + wLen));
    this.announced += countPrefixes(body.subarray(4 + wLen + aLen));
  }

  send(bytes: Buffer): boolean {
    return this.socket.write(bytes);
  }

  count(type: number): number {
    return this.counts.get(type) ?? 0;
  }

  /** The first NOTIFICATION received, as "code/subcode". */
  notification(): string | undefined {
    const n = this.received.find((r) => r.type === NOTIFICATION);
    return n ? `${n.body[0]}/${n.body[1]}` : undefined;
  }

  async waitFor(pred: (r: Received) => boolean, timeoutMs: number): Promise<Received> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(pred);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`scripted peer: nothing matched in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Resolves when the other side closed (or rejects after timeoutMs). */
  waitClosed(timeoutMs: number): Promise<void> {
    return Promise.race([
      this.closedPromise,
      new Promise<void>((_, reject) =>
        setTimeout(
          () => reject(new Error(`scripted peer: still open after ${timeoutMs} ms`)),
          timeoutMs,
        ).unref(),
      ),
    ]);
  }

  close(): void {
    this.socket.destroy();
  }
}
